import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestEnv, createTestEnv } from '../../test/support/db.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeAuthor, makeImage, makeSection, makeStory, makeTag } from '../../test/support/factories.js';
import { countingQueries } from '../../test/support/query-count.js';
import { defaultEditions } from '../editions/edition.js';
import { FEED_SIZE, loadFeed } from './syndication.load.js';

for (const dialect of DIALECTS) {
  describe(`feed loading (${dialect})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await createTestEnv(dialect);
    });
    after(() => env.close());

    const queriesFor = async () => {
      const c = countingQueries(env.deps);
      const { doc } = await loadFeed(
        c.deps,
        { filter: {}, list: 'home', name: null, description: null, path: '' },
        defaultEditions()[0]!,
      );
      return { queries: c.count(), items: doc.items.length };
    };

    test('a feed costs the same number of queries for 2 stories as for a full feed: no query per story', async () => {
      const section = await makeSection(env.deps);
      const tag = await makeTag(env.deps);
      const image = await makeImage(env.deps);
      const rich = async () => {
        const author = await makeAuthor(env.deps);
        const embedded = await makeStory(env.deps, { sectionId: section.id, heroImageId: image.id });
        return makeStory(env.deps, {
          sectionId: section.id,
          authorIds: [author.id],
          tagIds: [tag.id],
          heroImageId: image.id,
          body: {
            version: 1,
            blocks: [
              { type: 'image', imageId: image.id, alt: '' },
              { type: 'embed', storyId: embedded.id },
            ],
          },
        });
      };
      await rich();
      const small = await queriesFor();
      assert.equal(small.items, 2);
      while ((await queriesFor()).items < FEED_SIZE) await rich();
      const full = await queriesFor();
      assert.equal(full.items, FEED_SIZE);
      assert.equal(full.queries, small.queries);
      // The listing; bodies, bylines, tags, translations, settings and sections; embedded cards; images.
      assert.equal(full.queries, 9, `${full.queries} queries`);
    });
  });
}
