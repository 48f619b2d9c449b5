import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { listen } from '../../test/support/server.js';
import { type SseEvent, openSse } from '../../test/support/sse.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';
import { updateStory } from '../stories/story.service.js';
import { raiseBanner } from './banner.js';
import { feedEventsAfter } from './event-log.repo.js';
import { createLiveHub } from './live.hub.js';

/** Every story's language, read for the test's own expectations. */
const storyLanguages = async (db: TestApp['deps']['db']) =>
  new Map((await db.selectFrom('stories').select(['id', 'language']).execute()).map((s) => [s.id, s.language]));

const EN = { code: 'en', locale: 'en-GB', name: 'English', prefix: '' };
const UK = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };

const seen = (evs: SseEvent[]) => evs.map((e) => `${e.data.type}:${e.data.storyId ?? ''}`);

for (const dialect of DIALECTS) {
  describe(`live News Feed per edition (${dialect})`, () => {
    let t: TestApp;
    let server: Awaited<ReturnType<typeof listen>>;
    let sectionId: number;
    before(async () => {
      t = await createTestApp(dialect);
      await updateSettings(t.deps, { ...(await getSettings(t.deps.db)), editions: [EN, UK] }, 'test');
      t.deps.live.start();
      server = await listen(t.app);
      sectionId = (await makeSection(t.deps, { name: 'Live desk' })).id;
    });
    after(async () => {
      t.deps.live.close();
      await server.close();
      await t.close();
    });

    test("a reader's stream carries its own edition's stories only; the banner goes to both", async () => {
      await t.deps.live.pull();
      const en = openSse(`${server.url}/live/feed`);
      const uk = openSse(`${server.url}/uk/live/feed`);
      assert.equal(await en.status, 200);
      assert.equal(await uk.status, 200);
      const english = await makeStory(t.deps, { sectionId, headline: 'Ferries resume on the lake' });
      const ukrainian = await makeStory(t.deps, {
        sectionId,
        headline: 'Пороми знову курсують озером',
        language: 'uk',
        translationOf: english.id,
      });
      await updateStory(t.deps, ukrainian.id, { headline: 'Пороми знову курсують' }, 'test');
      // A message carries the story's state when it is sent: the update is seen before the story is taken down.
      await uk.waitFor((e) => e.some((x) => x.data.type === 'story.updated'), 'the update');
      await updateStory(t.deps, ukrainian.id, { status: 'draft' }, 'test');
      await raiseBanner(t.deps, { storyId: english.id, label: 'Breaking' }, 'test');
      const banner = (evs: SseEvent[]) => evs.some((e) => e.data.type === 'banner.updated');
      assert.deepEqual(seen(await uk.waitFor(banner, 'the banner, after the Ukrainian events')), [
        `story.published:${ukrainian.id}`,
        `story.updated:${ukrainian.id}`,
        `story.unpublished:${ukrainian.id}`,
        'banner.updated:',
      ]);
      assert.deepEqual(seen(await en.waitFor(banner, 'the banner')), [
        `story.published:${english.id}`,
        'banner.updated:',
      ]);
      // The Ukrainian card is rendered in its edition's words and links into it.
      assert.match(uk.events[0]!.data.url, new RegExp(`^/uk/stories/${ukrainian.slug}$`));
      en.close();
      uk.close();
    });

    test('a reconnecting reader is replayed its own edition only (from memory)', async () => {
      await t.deps.live.pull();
      const from = String(t.deps.live.head());
      const a = await makeStory(t.deps, { sectionId, headline: 'Night buses added' });
      const b = await makeStory(t.deps, { sectionId, headline: 'Додали нічні автобуси', language: 'uk' });
      const c = await makeStory(t.deps, { sectionId, headline: 'Bus lanes open' });
      await t.deps.live.pull();
      for (const since of [from, '0']) {
        const uk = openSse(`${server.url}/uk/live/feed`, { lastEventId: since });
        const en = openSse(`${server.url}/live/feed?since=${since}`);
        const ukEvents = await uk.waitFor((e) => e.some((x) => x.data.storyId === b.id), 'the Ukrainian story');
        const enEvents = await en.waitFor((e) => e.some((x) => x.data.storyId === c.id), 'the last English story');
        assert.ok(
          ukEvents.every((e) => e.data.type === 'banner.updated' || /^\/uk\//.test(e.data.url ?? '/uk/')),
          `only Ukrainian stories replayed (since ${since}): ${seen(ukEvents)}`,
        );
        assert.ok(!seen(ukEvents).some((s) => s.endsWith(`:${a.id}`) || s.endsWith(`:${c.id}`)));
        assert.ok(!seen(enEvents).some((s) => s.endsWith(`:${b.id}`)), `since ${since}: ${seen(enEvents)}`);
        assert.deepEqual(
          seen(enEvents).filter((s) => s.endsWith(`:${a.id}`) || s.endsWith(`:${c.id}`)),
          [`story.published:${a.id}`, `story.published:${c.id}`],
        );
        uk.close();
        en.close();
      }
    });

    test('the replay read from the database (events no longer in memory) is filtered the same way', async () => {
      // A hub that starts now holds no events in memory, as a process started after them: since=0 reads the log.
      const hub = await createLiveHub(t.deps);
      const replayServer = http.createServer((req, res) =>
        hub.attach(res, {
          since: 0,
          blogId: null,
          language: new URL(req.url ?? '/', 'http://x').searchParams.get('edition') ?? 'en',
        }),
      );
      await new Promise<void>((r) => replayServer.listen(0, '127.0.0.1', r));
      const { port } = replayServer.address() as AddressInfo;
      try {
        const all = await feedEventsAfter(t.deps.db, 0, 1000);
        const languages = await storyLanguages(t.deps.db);
        const expected = (code: string) =>
          all.filter((r) => r.type === 'banner.updated' || languages.get(r.story_id) === code).map((r) => String(r.id));
        for (const code of ['en', 'uk']) {
          const r = openSse(`http://127.0.0.1:${port}/?edition=${code}`);
          const want = expected(code);
          assert.ok(want.length >= 3, `${code}: events to replay`);
          const got = await r.waitFor((e) => e.at(-1)?.id === want.at(-1), `${code}: the replay`);
          assert.deepEqual(
            got.map((e) => e.id),
            want,
          );
          r.close();
        }
      } finally {
        hub.close();
        await new Promise((r) => replayServer.close(r));
      }
    });

    test('an edition prefix that does not exist has no stream', async () => {
      const res = await fetch(`${server.url}/de/live/feed`);
      assert.equal(res.status, 404);
      await res.body?.cancel();
    });

    test("the page's live script is pointed at its edition's stream", async () => {
      const ukHome = await (await t.request('/uk/')).text();
      assert.match(ukHome, /<div id="banner-slot" data-live-since="\d+" data-live-url="\/uk\/live\/feed"/);
      const enHome = await (await t.request('/')).text();
      assert.match(enHome, /<div id="banner-slot" data-live-since="\d+" data-live-url="\/live\/feed"/);
    });
  });
}
