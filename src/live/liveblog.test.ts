import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeAuthor, makeSection, makeStory, p } from '../../test/support/factories.js';
import { listen } from '../../test/support/server.js';
import { openSse } from '../../test/support/sse.js';
import { AppError } from '../http/errors.js';
import { parseInput } from '../lib/parse-input.js';
import { EntryInputSchema } from './liveblog.input.js';
import { addEntry, deleteEntry, pinEntry, setCoverage, updateEntry } from './liveblog.service.js';

const doc = (text: string) => ({ version: 1 as const, blocks: [p(text)] });
const jsonLd = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)]
    .map((m) => JSON.parse(m[1]!))
    .find((d) => d['@type'] === 'LiveBlogPosting');
const rejects = (status: number, code?: string) => (e: unknown) =>
  e instanceof AppError && e.status === status && (!code || e.code === code);

for (const dialect of DIALECTS) {
  describe(`live blogs (${dialect})`, () => {
    let t: TestApp;
    let server: Awaited<ReturnType<typeof listen>>;
    let sectionId: number;
    let clock = Date.UTC(2026, 5, 1, 12);
    before(async () => {
      t = await createTestApp(dialect, { clock: () => (clock += 60_000) });
      server = await listen(t.app);
      sectionId = (await makeSection(t.deps, { name: 'Elections' })).id;
    });
    after(async () => {
      t.deps.live.close();
      await server.close();
      await t.close();
    });

    test('entries are validated, and only live blogs that are still live take them', async () => {
      const story = await makeStory(t.deps, { sectionId, headline: 'An ordinary story' });
      const blog = await makeStory(t.deps, { sectionId, headline: 'Rules blog', kind: 'liveblog' });
      await assert.rejects(addEntry(t.deps, story.id, { body: doc('x') }, 'desk'), rejects(409, 'not_liveblog'));
      await assert.rejects(addEntry(t.deps, 999_999, { body: doc('x') }, 'desk'), rejects(404));
      // Entries are parsed at the desk's edge with the entry schema.
      const parsed = async (input: unknown) => parseInput(EntryInputSchema, input);
      await assert.rejects(parsed({ body: { version: 1, blocks: [] } }), rejects(400));
      await assert.rejects(parsed({ headline: 'x'.repeat(301), body: doc('x') }), rejects(400));
      await assert.rejects(
        parsed({
          body: { version: 1, blocks: [{ type: 'paragraph', content: [{ text: 'x', href: 'javascript:alert(1)' }] }] },
        }),
        rejects(400),
      );
      await setCoverage(t.deps, blog.id, true, 'desk');
      await assert.rejects(addEntry(t.deps, blog.id, { body: doc('late') }, 'desk'), rejects(409, 'liveblog_ended'));
      await setCoverage(t.deps, blog.id, false, 'desk');
      const e = await addEntry(t.deps, blog.id, { body: doc('back on') }, 'desk');
      assert.equal(e.story_id, blog.id);
      await assert.rejects(updateEntry(t.deps, 999_999, { headline: 'x' }, 'desk'), rejects(404));
    });

    test('the page shows entries newest first with pinned ones on top, permalinks, bylines and LiveBlogPosting data', async () => {
      const author = await makeAuthor(t.deps, { name: 'Olena Live' });
      const blog = await makeStory(t.deps, { sectionId, headline: 'Results night', kind: 'liveblog' });
      const a = await addEntry(
        t.deps,
        blog.id,
        { headline: 'Polls close', body: doc('Counting starts.'), authorIds: [author.id] },
        'desk',
      );
      const b = await addEntry(
        t.deps,
        blog.id,
        { headline: 'Tricky </script><script>alert(1)</script>', body: doc('First <b>results</b> in.') },
        'desk',
      );
      const c = await addEntry(t.deps, blog.id, { body: doc('A headline-less update.') }, 'desk');
      await pinEntry(t.deps, a.id, true, 'desk');
      const html = await (await t.request(`/stories/${blog.slug}`)).text();
      const order = [...html.matchAll(/data-entry-id="(\d+)"/g)].map((m) => Number(m[1]));
      assert.deepEqual(order, [a.id, c.id, b.id]);
      assert.match(html, new RegExp(`<li class="entry pinned" id="entry-${a.id}"`));
      assert.match(html, new RegExp(`<a class="permalink" href="#entry-${c.id}"`));
      assert.match(html, /<a href="\/authors\/olena-live">Olena Live<\/a>/);
      assert.ok(html.includes('First &lt;b&gt;results&lt;/b&gt; in.'));
      assert.ok(!html.includes('<script>alert(1)'), 'no script from an entry headline');
      assert.match(html, /data-live-blog="\d+"/);
      const ld = jsonLd(html);
      assert.equal(ld['@type'], 'LiveBlogPosting');
      assert.equal(ld.headline, 'Results night');
      assert.equal(ld.coverageEndTime, undefined);
      assert.ok(Date.parse(ld.coverageStartTime) > 0);
      assert.equal(ld.liveBlogUpdate.length, 3);
      assert.deepEqual(ld.liveBlogUpdate[0].author, [{ '@type': 'Person', name: 'Olena Live' }]);
      assert.equal(
        ld.liveBlogUpdate[2].headline,
        'Tricky </script><script>alert(1)</script>',
        'the JSON carries the text; the page carries it escaped',
      );
      assert.match(ld.liveBlogUpdate[1].url, new RegExp(`/stories/${blog.slug}#entry-${c.id}$`));

      // LIVE in the News Feed while live; not after the coverage ends.
      const liveCard = (h: string) =>
        new RegExp(`data-story-id="${blog.id}"><article>(?:(?!</li>).)*<span class="live">LIVE</span>`, 's').test(h);
      assert.ok(liveCard(await (await t.request('/')).text()));
      await setCoverage(t.deps, blog.id, true, 'desk');
      assert.ok(!liveCard(await (await t.request('/')).text()));
      const ended = await (await t.request(`/stories/${blog.slug}`)).text();
      assert.match(ended, /This live coverage ended/);
      assert.ok(Date.parse(jsonLd(ended).coverageEndTime) > Date.parse(jsonLd(ended).coverageStartTime));

      await deleteEntry(t.deps, c.id, 'desk');
      const after = await (await t.request(`/stories/${blog.slug}`)).text();
      assert.ok(!after.includes(`entry-${c.id}`));
    });

    test('a blog’s readers get its entries over the stream; other readers and drafts’ entries stay out', async () => {
      const blog = await makeStory(t.deps, { sectionId, headline: 'Storm live', kind: 'liveblog' });
      const draftBlog = await makeStory(t.deps, { sectionId, headline: 'Not yet', kind: 'liveblog', status: 'draft' });
      await t.deps.live.pull();
      const reader = openSse(`${server.url}/live/feed?blog=${blog.id}`);
      const snooper = openSse(`${server.url}/live/feed?blog=${draftBlog.id}`);
      const homeReader = openSse(`${server.url}/live/feed`);
      for (const r of [reader, snooper, homeReader]) assert.equal(await r.status, 200);
      await addEntry(t.deps, draftBlog.id, { headline: 'Secret draft entry', body: doc('Embargoed.') }, 'desk');
      const e1 = await addEntry(
        t.deps,
        blog.id,
        { headline: 'Wind picks up', body: doc('Gusts of 100 km/h.') },
        'desk',
      );
      await updateEntry(t.deps, e1.id, { headline: 'Wind picks up sharply' }, 'desk');
      await setCoverage(t.deps, blog.id, true, 'desk');
      await reader.waitFor((e) => e.length >= 3, 'entry events');
      assert.deepEqual(
        reader.events.map((e) => e.data.type),
        ['entry.added', 'entry.updated', 'liveblog.ended'],
      );
      assert.match(reader.events[0]!.data.html, new RegExp(`^<li class="entry" id="entry-${e1.id}"`));
      assert.match(reader.events[1]!.data.html, /Wind picks up sharply/);
      await homeReader.waitFor((e) => e.some((x) => x.data.type === 'liveblog.ended'), 'the ended event');
      assert.deepEqual(
        homeReader.events.map((e) => e.data.type),
        ['liveblog.ended'],
        'feed readers get the end of coverage (for the LIVE label), not the entries',
      );
      assert.ok(!snooper.events.some((e) => JSON.stringify(e.data).includes('Secret')), 'a draft blog streams nothing');
      for (const r of [reader, snooper, homeReader]) r.close();
    });
  });
}
