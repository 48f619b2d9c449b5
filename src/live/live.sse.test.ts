import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { listen } from '../../test/support/server.js';
import { type SseEvent, openSse } from '../../test/support/sse.js';
import { updateStory } from '../stories/story.service.js';
import { raiseBanner } from './banner.js';
import { appendFeedEvent, feedEventsAfter } from './event-log.repo.js';
import { REPLAY_LIMIT } from './live.hub.js';

const types = (evs: SseEvent[]) => evs.map((e) => `${e.data.type}:${e.data.storyId}`);

for (const dialect of DIALECTS) {
  describe(`live News Feed stream (${dialect})`, () => {
    let t: TestApp;
    let server: Awaited<ReturnType<typeof listen>>;
    let sectionId: number;
    before(async () => {
      t = await createTestApp(dialect, { env: { LIVE_HEARTBEAT_SECONDS: '1' } });
      t.deps.live.start();
      server = await listen(t.app);
      sectionId = (await makeSection(t.deps, { name: 'Live desk' })).id;
    });
    after(async () => {
      t.deps.live.close();
      await server.close();
      await t.close();
    });

    test('every story write is logged in the same transaction, drafts are not', async () => {
      const before = t.deps.live.head();
      const s = await makeStory(t.deps, { sectionId, headline: 'Logged story' });
      await makeStory(t.deps, { sectionId, headline: 'A quiet draft', status: 'draft' });
      await updateStory(t.deps, s.id, { headline: 'Logged story, updated' }, 'test');
      await updateStory(t.deps, s.id, { status: 'draft' }, 'test');
      const rows = await feedEventsAfter(t.deps.db, before, 100);
      assert.deepEqual(
        rows.map((r) => `${r.type}:${r.story_id}`),
        [`story.published:${s.id}`, `story.updated:${s.id}`, `story.unpublished:${s.id}`],
      );
      assert.ok(rows.every((r, i) => i === 0 || r.id > rows[i - 1]!.id));
    });

    test('a handful of readers each get published, updated and unpublished events, in order, with ids', async () => {
      await t.deps.live.pull(); // earlier tests' events are streamed; these readers start after them
      const readers = Array.from({ length: 5 }, () => openSse(`${server.url}/live/feed`));
      for (const r of readers) assert.equal(await r.status, 200);
      // A message says a story's state when it is sent (a story unpublished by then is sent as unpublished): each
      // write waits until every reader has the one before, so each event is sent while its state holds.
      const received = (n: number) => Promise.all(readers.map((r) => r.waitFor((e) => e.length >= n, `${n} events`)));
      const a = await makeStory(t.deps, { sectionId, headline: 'First <b>bold</b> & "quoted"' });
      await received(1);
      const b = await makeStory(t.deps, { sectionId, headline: 'Second story' });
      await received(2);
      await updateStory(t.deps, a.id, { headline: 'First, corrected' }, 'test');
      await received(3);
      await updateStory(t.deps, b.id, { status: 'draft' }, 'test');
      const expected = [
        `story.published:${a.id}`,
        `story.published:${b.id}`,
        `story.updated:${a.id}`,
        `story.unpublished:${b.id}`,
      ];
      for (const r of readers) {
        const evs = await r.waitFor((e) => e.length >= 4, '4 events');
        assert.deepEqual(types(evs), expected);
        const ids = evs.map((e) => Number(e.id));
        assert.ok(
          ids.every((id, i) => i === 0 || id > ids[i - 1]!),
          'ids increase',
        );
        r.close();
      }
      const first = readers[0]!.events[0]!.data;
      // The card is the page's own StoryCard markup, escaped in the one place that escapes.
      assert.match(first.html, new RegExp(`^<li class="card" data-story-id="${a.id}">`));
      assert.ok(
        first.html.includes('First &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;') ||
          first.html.includes('First &lt;b&gt;bold&lt;/b&gt; &amp; "quoted"'),
      );
      assert.ok(!first.html.includes('<b>'));
      assert.equal(readers[0]!.events[2]!.data.headline, 'First, corrected');
    });

    test('a reader that reconnects with Last-Event-ID (or ?since=) gets exactly what it missed, from the database', async () => {
      await t.deps.live.pull();
      const r1 = openSse(`${server.url}/live/feed`);
      assert.equal(await r1.status, 200);
      const x = await makeStory(t.deps, { sectionId, headline: 'Before the tunnel' });
      await r1.waitFor((e) => e.some((ev) => ev.data.storyId === x.id), 'first event');
      const resumeFrom = r1.lastId()!;
      r1.close();
      // While the reader is in the tunnel:
      const y = await makeStory(t.deps, { sectionId, headline: 'In the tunnel 1' });
      const z = await makeStory(t.deps, { sectionId, headline: 'In the tunnel 2' });
      await updateStory(t.deps, y.id, { headline: 'In the tunnel 1, updated' }, 'test');
      const r2 = openSse(`${server.url}/live/feed`, { lastEventId: resumeFrom });
      const missed = (await r2.waitFor((e) => e.length >= 3, 'replay')).slice(0, 3);
      assert.deepEqual(types(missed), [`story.published:${y.id}`, `story.published:${z.id}`, `story.updated:${y.id}`]);
      // New events continue after the replay, without repeats.
      const w = await makeStory(t.deps, { sectionId, headline: 'Out of the tunnel' });
      await r2.waitFor((e) => e.length >= 4, 'live after replay');
      assert.deepEqual(types(r2.events).slice(3), [`story.published:${w.id}`]);
      r2.close();
      const r3 = openSse(`${server.url}/live/feed?since=${resumeFrom}`);
      await r3.waitFor((e) => e.length >= 4, 'replay by ?since');
      assert.deepEqual(types(r3.events), [...types(missed), `story.published:${w.id}`]);
      r3.close();
    });

    test('replay from the database works even when the events are no longer in memory', async () => {
      const r = openSse(`${server.url}/live/feed?since=0`);
      const all = await feedEventsAfter(t.deps.db, 0, 1000);
      await r.waitFor((e) => e.length >= all.length, 'everything since the start');
      assert.deepEqual(
        r.events.map((e) => Number(e.id)),
        all.map((x) => x.id),
      );
      r.close();
    });

    test('a resume id from the future (another process, or made up) does not silence the stream', async () => {
      await t.deps.live.pull();
      const r = openSse(`${server.url}/live/feed`, { lastEventId: String(t.deps.live.head() + 1_000_000) });
      assert.equal(await r.status, 200);
      const s = await makeStory(t.deps, { sectionId, headline: 'After a bogus resume' });
      await r.waitFor((e) => e.some((x) => x.data.storyId === s.id), 'the next event');
      assert.deepEqual(types(r.events), [`story.published:${s.id}`]);
      r.close();
    });

    test('a reader too far behind gets the current banner and a reload hint instead of a flood', async () => {
      const s = await makeStory(t.deps, { sectionId, headline: 'Busy night' });
      await raiseBanner(t.deps, { storyId: s.id }, 'editor');
      await t.deps.live.pull();
      const from = t.deps.live.head();
      // More changes than a reconnect replays (written straight to the log, as a very busy desk would).
      await t.deps.db.transaction().execute(async (tx) => {
        for (let i = 0; i <= REPLAY_LIMIT; i++)
          await appendFeedEvent(tx, { type: 'story.updated', storyId: s.id, at: i });
      });
      await t.deps.live.pull();
      const r = openSse(`${server.url}/live/feed`, { lastEventId: String(from) });
      const [first] = await r.waitFor((e) => e.length >= 1, 'the reload hint');
      assert.equal(first!.data.type, 'reload');
      assert.equal(Number(first!.id), t.deps.live.head());
      assert.match(first!.data.banner, /Busy night/);
      const next = await makeStory(t.deps, { sectionId, headline: 'After the flood' });
      await r.waitFor((e) => e.some((x) => x.data.storyId === next.id), 'the stream goes on');
      assert.equal(r.events.length, 2);
      r.close();
    });

    test('idle streams get heartbeat comments', async () => {
      const r = openSse(`${server.url}/live/feed`);
      await r.waitFor(() => r.comments >= 1, 'a heartbeat');
      r.close();
    });

    test('bad stream parameters are a 400 with a readable message', async () => {
      for (const q of ['?since=abc', '?blog=-1', "?since=1'--"]) {
        const res = await fetch(`${server.url}/live/feed${q}`);
        assert.equal(res.status, 400, q);
        assert.match(await res.text(), /must be a whole number/);
      }
      const res = await fetch(`${server.url}/live/feed`, { headers: { 'Last-Event-ID': 'x'.repeat(50) } });
      assert.equal(res.status, 400);
      await res.body?.cancel();
    });
  });
}
