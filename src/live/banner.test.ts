import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { listen } from '../../test/support/server.js';
import { openSse } from '../../test/support/sse.js';
import { AppError } from '../http/errors.js';
import { parseInput } from '../lib/parse-input.js';
import { updateStory } from '../stories/story.service.js';
import { lowerBanner, raiseBanner } from './banner.js';
import { BannerInputSchema } from './banner.input.js';

const slot = (html: string) => /<div id="banner-slot"[^>]*>(.*?)<\/div>/s.exec(html)?.[1] ?? '';

for (const dialect of DIALECTS) {
  describe(`breaking-news banner (${dialect})`, () => {
    let t: TestApp;
    let server: Awaited<ReturnType<typeof listen>>;
    before(async () => {
      t = await createTestApp(dialect);
      server = await listen(t.app);
    });
    after(async () => {
      t.deps.live.close();
      await server.close();
      await t.close();
    });

    test('raised, it is on every page and pushed to open streams; lowered, it is gone', async () => {
      const section = await makeSection(t.deps, { name: 'World' });
      const story = await makeStory(t.deps, { sectionId: section.id, headline: 'Quake <strikes> the coast' });
      await t.deps.live.pull();
      assert.equal(slot(await (await t.request('/')).text()), '');
      const reader = openSse(`${server.url}/live/feed`);
      assert.equal(await reader.status, 200);

      await raiseBanner(t.deps, { storyId: story.id, label: 'Breaking' }, 'editor');
      await t.deps.live.pull();
      for (const path of ['/', `/stories/${story.slug}`, '/sections/world', '/no-such-page']) {
        const html = slot(await (await t.request(path)).text());
        assert.match(
          html,
          /<span class="breaking-label">Breaking<\/span> <a href="\/stories\/quake-strikes-the-coast">Quake &lt;strikes&gt; the coast<\/a>/,
          path,
        );
      }
      const raised = await reader.waitFor((e) => e.some((x) => x.data.type === 'banner.updated'), 'banner raised');
      assert.match(raised.find((x) => x.data.type === 'banner.updated')!.data.html, /Quake &lt;strikes&gt; the coast/);

      // The banner follows its story: a new headline shows; an unpublished story takes the banner down.
      await updateStory(t.deps, story.id, { headline: 'Quake strikes the coast, dozens hurt' }, 'desk');
      await t.deps.live.pull();
      assert.match(slot(await (await t.request('/')).text()), /dozens hurt/);

      await lowerBanner(t.deps, 'editor');
      await t.deps.live.pull();
      assert.equal(slot(await (await t.request('/')).text()).trim(), '');
      await reader.waitFor((e) => e.filter((x) => x.data.type === 'banner.updated').length >= 2, 'banner lowered');
      assert.equal(reader.events.filter((x) => x.data.type === 'banner.updated').at(-1)!.data.html, '');
      reader.close();
    });

    test('a banner must link a published story and carry a short label', async () => {
      const draft = await makeStory(t.deps, { headline: 'Draft', status: 'draft' });
      await assert.rejects(
        raiseBanner(t.deps, { storyId: draft.id }, 'editor'),
        (e: unknown) => e instanceof AppError && e.status === 404,
      );
      const live = await makeStory(t.deps, { headline: 'Live one' });
      // The label and the story number are parsed at the desk's edge with the banner schema.
      assert.throws(
        () => parseInput(BannerInputSchema, { storyId: live.id, label: 'x'.repeat(41) }),
        (e: unknown) => e instanceof AppError && e.status === 400 && /under 40 characters/.test(e.message),
      );
      assert.throws(
        () => parseInput(BannerInputSchema, { storyId: -1 }),
        (e: unknown) => e instanceof AppError && e.status === 400 && /number of a published story/.test(e.message),
      );
    });
  });
}
