import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { makeAuthor, makeImage, makeSection, makeStory, makeTag, p } from '../../test/support/factories.js';
import { countingQueries } from '../../test/support/query-count.js';
import { createApp } from '../http/app.js';

/**
 * The uncached render path stays lean: a page costs the same small number of queries whatever it shows
 * (no query per byline, tag, embed, image or card). The render cache is off so every request renders.
 */
for (const dialect of DIALECTS) {
  describe(`queries per page (${dialect})`, () => {
    let t: TestApp;
    let counter: ReturnType<typeof countingQueries>;
    let request: (path: string) => Promise<Response>;
    let plain: string, medium: string, rich: string, section: string;
    before(async () => {
      t = await createTestApp(dialect, { env: { RENDER_CACHE: '0' } });
      counter = countingQueries(t.deps);
      const app = createApp(counter.deps);
      request = async (path) => app.request(path);
      const s = await makeSection(t.deps, { name: 'Counted' });
      section = s.slug;
      plain = (await makeStory(t.deps, { headline: 'A plain story', sectionId: s.id })).slug;
      const img = await makeImage(t.deps);
      const authors = [];
      for (let i = 0; i < 3; i++)
        authors.push(
          (
            await makeAuthor(t.deps, {
              name: `Counted Author ${i}`,
              avatar_image_id: (await makeImage(t.deps, {}, { width: 300, height: 300 })).id,
            })
          ).id,
        );
      const tags = [];
      for (let i = 0; i < 5; i++) tags.push((await makeTag(t.deps, `Counted tag ${i}`)).id);
      const embeds = [];
      for (let i = 0; i < 4; i++)
        embeds.push((await makeStory(t.deps, { headline: `Embedded ${i}`, sectionId: s.id, heroImageId: img.id })).id);
      medium = (
        await makeStory(t.deps, {
          headline: 'A story with one of everything',
          sectionId: s.id,
          authorIds: [authors[0]!],
          tagIds: [tags[0]!],
          heroImageId: img.id,
          body: { version: 1, blocks: [p('Lead.'), { type: 'embed', storyId: embeds[0]! }] },
        })
      ).slug;
      rich = (
        await makeStory(t.deps, {
          headline: 'A rich story',
          sectionId: s.id,
          authorIds: authors,
          tagIds: tags,
          heroImageId: img.id,
          body: {
            version: 1,
            blocks: [
              p('Lead.'),
              { type: 'image', imageId: img.id, caption: 'In the body.' },
              ...embeds.map((storyId) => ({ type: 'embed' as const, storyId })),
            ],
          },
        })
      ).slug;
      for (let i = 0; i < 25; i++)
        await makeStory(t.deps, {
          headline: `Filler ${i}`,
          sectionId: s.id,
          heroImageId: i % 2 ? img.id : null,
          authorIds: [authors[i % 3]!],
          tagIds: [tags[i % 5]!],
        });
    });
    after(() => t.close());

    /** Queries one request makes once sections, settings and the newest stories are in memory. */
    const queriesFor = async (path: string) => {
      assert.equal((await request(path)).status, 200, path); // warm the in-memory lookups
      counter.reset();
      const res = await request(path);
      assert.equal(res.status, 200, path);
      await res.text();
      return counter.count();
    };

    test('a story page costs the same few queries however many bylines, tags, images and embeds it has', async () => {
      const plainCount = await queriesFor(`/stories/${plain}`);
      const oneEach = await queriesFor(`/stories/${medium}`);
      const richCount = await queriesFor(`/stories/${rich}`);
      assert.equal(richCount, oneEach, `no query per byline, tag, image or embed (${oneEach} vs ${richCount})`);
      assert.ok(plainCount <= richCount, 'a story with nothing to look up skips those queries');
      // The story with its bylines, tags and notes; the embedded stories' cards (when it has any). Images are in memory.
      assert.ok(richCount <= 2, `story page: ${richCount} queries`);
      assert.equal(plainCount, 1, `plain story page: ${plainCount} queries`);
      const html = await (await request(`/stories/${rich}`)).text();
      assert.equal(html.match(/class="author-card"/g)?.length, 3);
      assert.equal(html.match(/class="embed"/g)?.length, 4);
      assert.equal(html.match(/rel="tag"/g)?.length, 5);
    });

    test('listing pages cost a fixed number of queries whatever their cards show', async () => {
      const home = await queriesFor('/');
      assert.ok(home <= 1, `home page: ${home} queries`);
      const html = await (await request('/')).text();
      const next = /href="\/\?before=([^"]+)"/.exec(html)?.[1];
      assert.ok(next, 'a Show More link');
      assert.equal(await queriesFor(`/?before=${next}`), home, 'a Show More page costs what the first page costs');
      const sectionCount = await queriesFor(`/sections/${section}`);
      assert.ok(sectionCount <= 1, `section page: ${sectionCount}`);
      const authorCount = await queriesFor('/authors/counted-author-0');
      assert.ok(authorCount <= 3, `author page: ${authorCount}`);
      const tagCount = await queriesFor('/tags/counted-tag-0');
      assert.ok(tagCount <= 2, `tag page: ${tagCount}`);
    });

    test('sections and settings are read once, and again only after an event says they changed', async () => {
      await queriesFor('/');
      counter.reset();
      await (await request('/')).text();
      const warm = counter.count();
      await makeSection(t.deps, { name: 'Brand new section' });
      counter.reset();
      const html = await (await request('/')).text();
      assert.ok(html.includes('Brand new section'), 'the new section is in the navigation at once');
      assert.equal(counter.count(), warm + 1, 'the sections are read again, once');
    });
  });
}
