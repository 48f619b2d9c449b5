import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp, getSettled } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import type { Story } from '../db/database.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';
import { publishStory, unpublishStory, updateStory } from '../stories/story.service.js';

const EN = { code: 'en', locale: 'en-GB', name: 'English', prefix: '' };
const UK = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };
const hreflangs = (page: string) =>
  [...page.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="[^"]+"\/>/g)].map((m) => m[1]);

for (const dialect of DIALECTS) {
  describe(`cached pages and their translations (${dialect})`, () => {
    let t: TestApp;
    let english: Story, draft: Story;

    before(async () => {
      t = await createTestApp(dialect);
      await updateSettings(t.deps, { ...(await getSettings(t.deps.db)), editions: [EN, UK] }, 'test');
      const section = await makeSection(t.deps, { name: 'City' });
      english = await makeStory(t.deps, { headline: 'Night trams return', sectionId: section.id });
      draft = await makeStory(t.deps, {
        headline: 'Нічні трамваї повертаються',
        sectionId: section.id,
        language: 'uk',
        status: 'draft',
        translationOf: english.id,
      });
    });
    after(() => t.close());

    test('publishing, renaming or unpublishing a translation refreshes the cached page of the story it translates', async () => {
      const path = `/stories/${english.slug}`;
      await getSettled(t, path);
      const cached = await getSettled(t, path);
      assert.equal(cached.cache, 'HIT');
      assert.deepEqual(hreflangs(cached.body), []);

      await publishStory(t.deps, draft.id, 'test');
      await t.deps.cache.settled();
      const published = await getSettled(t, path);
      assert.deepEqual(hreflangs(published.body), ['en', 'uk', 'x-default'], 'the new translation is an alternate');
      assert.match(published.body, new RegExp(`/uk/stories/${draft.slug}"`));

      await getSettled(t, path);
      await updateStory(t.deps, draft.id, { slug: 'nichni-tramvai' }, 'test');
      await t.deps.cache.settled();
      const renamed = await getSettled(t, path);
      assert.notEqual(renamed.cache, 'HIT');
      assert.match(renamed.body, /\/uk\/stories\/nichni-tramvai"/, 'its new address');

      await unpublishStory(t.deps, draft.id, 'test');
      await t.deps.cache.settled();
      assert.deepEqual(hreflangs((await getSettled(t, path)).body), [], 'an unpublished translation is gone');
    });
  });
}
