import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp, getSettled } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { makeAuthor, makeSection, makeStory, p } from '../../test/support/factories.js';
import type { Story } from '../db/database.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';
import { storyById } from './story.repo.js';

const EN = { code: 'en', locale: 'en-GB', name: 'English', prefix: '' };
const UK = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };
const DE = { code: 'de', locale: 'de-DE', name: 'Deutsch', prefix: 'de' };

const idFrom = (res: Response) => Number(/\/desk\/stories\/(\d+)\/edit/.exec(res.headers.get('location') ?? '')?.[1]);

for (const dialect of DIALECTS) {
  describe(`translating stories in the desk (${dialect})`, () => {
    let t: TestApp;
    let editor: DeskClient;
    let contributor: DeskClient;
    let sectionId: number;
    let source: Story;

    before(async () => {
      t = await createTestApp(dialect);
      await updateSettings(t.deps, { ...(await getSettings(t.deps.db)), editions: [EN, UK, DE] }, 'test');
      sectionId = (await makeSection(t.deps, { name: 'City' })).id;
      editor = await signedIn(t, 'editor', { name: 'Edith' });
      contributor = await signedIn(t, 'contributor', { name: 'Cora' });
      source = await makeStory(t.deps, {
        headline: 'Night trams return to the river line',
        dek: 'The city runs them all night from Friday',
        sectionId,
        body: { version: 1, blocks: [p('The trams run again from Monday.'), p('Riders cheered at the depot.')] },
      });
    });
    after(() => t.close());

    const form = (over: Record<string, string | string[]> = {}) => ({
      headline: 'A story',
      dek: '',
      slug: '',
      section_id: String(sectionId),
      author_ids: [''],
      excerpt: '',
      hero_image_id: '',
      hero_caption: '',
      hero_credit: '',
      hero_alt: '',
      body: '{"version":1,"blocks":[]}',
      body_markdown: 'Some words.',
      base_revision: '0',
      ...over,
    });

    test('the new-story page offers the editions’ languages, the primary one first and chosen', async () => {
      const html = await (await editor.get('/desk/stories/new')).text();
      assert.match(
        html,
        /<select id="language" name="language"><option value="en" selected="">English \(en\)<\/option><option value="uk">Українська \(uk\)<\/option>/,
      );
      const res = await editor.postForm('/desk/stories', form({ headline: 'Міст відкриють', language: 'uk' }));
      assert.equal(res.status, 303);
      assert.equal((await storyById(t.deps.db, idFrom(res)))!.language, 'uk');
      const bad = await editor.postForm('/desk/stories', form({ headline: 'Nowhere', language: 'fr' }));
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /This newsroom has no edition in “fr”/);
    });

    test('translate from the desk: a linked draft, the source beside it; publishing it leaves the source as it is', async () => {
      const before = (await storyById(t.deps.db, source.id))!;
      const page = await (await editor.get(`/desk/stories/${source.id}/edit`)).text();
      assert.match(page, /Written in <strong lang="en">English \(en\)<\/strong>/);
      assert.match(page, /<form method="post" action="\/desk\/stories\/\d+\/translate"/);
      assert.match(page, /<select id="translate-language" name="language" required=""><option value="uk">/);

      const res = await editor.postForm(`/desk/stories/${source.id}/translate`, {
        language: 'uk',
        headline: 'Нічні трамваї повертаються на річкову лінію',
      });
      assert.equal(res.status, 303);
      const id = idFrom(res);
      assert.match(res.headers.get('location')!, /done=translation/);
      const draft = (await storyById(t.deps.db, id))!;
      assert.equal(draft.language, 'uk');
      assert.equal(draft.status, 'draft');
      assert.equal(draft.translation_group, source.id);
      assert.equal((await storyById(t.deps.db, source.id))!.translation_group, source.id, 'the source joins the group');
      assert.equal(draft.dek, source.dek, 'the source’s words are the starting point');
      assert.deepEqual(
        await t.deps.db.selectFrom('story_authors').select(['author_id', 'role']).where('story_id', '=', id).execute(),
        [{ author_id: editor.user!.author_id, role: 'translator' }],
        'the translator is credited as such, not put on the (empty) byline',
      );

      const edit = await (await editor.get(`/desk/stories/${id}/edit?done=translation`)).text();
      assert.match(edit, /Translation created/);
      assert.match(edit, /class="editor-grid with-source"/);
      const panel = /<details class="panel translation-source" open=""[\s\S]*?<\/details>/.exec(edit)?.[0] ?? '';
      assert.match(panel, /<h2 class="source-headline">Night trams return to the river line<\/h2>/);
      assert.match(panel, /<p class="source-dek">The city runs them all night from Friday<\/p>/);
      assert.match(panel, /<p>The trams run again from Monday\.<\/p><p>Riders cheered at the depot\.<\/p>/);
      assert.match(panel, new RegExp(`href="/desk/stories/${source.id}/edit"`));
      assert.match(edit, /value="Нічні трамваї повертаються на річкову лінію"/);
      assert.match(edit, /<legend>Translated by<\/legend>/);
      assert.match(
        edit,
        new RegExp(
          `<option value="${editor.user!.author_id}" selected="">Edith</option>[\\s\\S]*name="translator_ids"`,
        ),
      );
      // The source lists the translation with its status, linked to its editor.
      const src = await (await editor.get(`/desk/stories/${source.id}/edit`)).text();
      assert.match(
        src,
        new RegExp(
          `<li data-language="uk"><span class="muted">Українська \\(uk\\):</span> ` +
            `<a href="/desk/stories/${id}/edit" lang="uk">Нічні трамваї повертаються на річкову лінію</a> ` +
            `<span class="status status-draft">Draft</span></li>`,
        ),
      );
      assert.match(src, /<select id="translate-language" name="language" required=""><option value="de">/);
      assert.doesNotMatch(src, /<option value="uk">Українська \(uk\)<\/option><\/select>/);

      // The source's reader page as it was (cached, if the page cache keeps it): no switcher yet.
      const earlier = await getSettled(t, `/stories/${source.slug}`);
      assert.doesNotMatch(earlier.body, /hreflang="uk"/, 'a draft translation is not offered to readers');
      assert.equal((await getSettled(t, `/stories/${source.slug}`)).cache, 'HIT');
      assert.equal((await editor.postForm(`/desk/stories/${id}/publish`, {})).status, 303);
      const live = (await storyById(t.deps.db, id))!;
      assert.equal(live.status, 'published');
      const after = (await storyById(t.deps.db, source.id))!;
      assert.deepEqual(
        { status: after.status, headline: after.headline, body: after.body, language: after.language },
        { status: before.status, headline: before.headline, body: before.body, language: before.language },
      );
      const reader = (await getSettled(t, `/stories/${source.slug}`)).body;
      assert.match(reader, new RegExp(`hreflang="uk" href="[^"]*/uk/stories/${live.slug}"`));
    });

    test('a second translation into the same language is a 409 that names the first', async () => {
      const res = await editor.postForm(`/desk/stories/${source.id}/translate`, { language: 'uk', headline: '' });
      assert.equal(res.status, 409);
      assert.match(await res.text(), /already has a translation in that language: “Нічні трамваї/);
      const api = await editor.postJson(`/desk/api/stories/${source.id}/translations`, { language: 'uk' });
      assert.equal(api.status, 409);
      assert.equal((await api.json()).error.code, 'conflict');
      const same = await editor.postJson(`/desk/api/stories/${source.id}/translations`, { language: 'en' });
      assert.equal(same.status, 400);
      const none = await editor.postJson(`/desk/api/stories/${source.id}/translations`, {});
      assert.equal(none.status, 400);
      assert.match((await none.json()).error.message, /Choose the language/);
    });

    test('changing a story’s language: allowed into a language its group lacks, a 409 into one it has', async () => {
      const de = await editor.postJson(`/desk/api/stories/${source.id}/translations`, { language: 'de' });
      assert.equal(de.status, 201);
      const { id, language, translationOf } = await de.json();
      assert.deepEqual({ language, translationOf }, { language: 'de', translationOf: source.id });
      const taken = await editor.postForm(`/desk/stories/${id}/language`, { language: 'uk' });
      assert.equal(taken.status, 409);
      assert.match(await taken.text(), /already include one in that language: “Нічні трамваї/);
      assert.equal((await storyById(t.deps.db, id))!.language, 'de');
      const unknown = await editor.postJson(`/desk/api/stories/${id}/language`, { language: 'fr' });
      assert.equal(unknown.status, 400);
      // A story alone in its group (or in none) moves freely.
      const lone = await makeStory(t.deps, { headline: 'Wrongly filed', sectionId, status: 'draft' });
      const moved = await editor.postForm(`/desk/stories/${lone.id}/language`, { language: 'uk' });
      assert.equal(moved.status, 303);
      assert.equal((await storyById(t.deps.db, lone.id))!.language, 'uk');
      // Contributors may not move someone else's story.
      assert.equal(
        (await contributor.postJson(`/desk/api/stories/${lone.id}/language`, { language: 'de' })).status,
        403,
      );
    });

    test('the JSON API creates a translation with translators and shows the group', async () => {
      const other = await makeStory(t.deps, { headline: 'Bridge reopens', sectionId });
      const translator = await makeAuthor(t.deps, { name: 'Taras Translator' });
      const res = await editor.postJson('/desk/api/stories', {
        story: {
          headline: 'Міст знову відкрито',
          sectionId,
          body: { version: 1, blocks: [p('Текст.')] },
          language: 'uk',
          translationOf: other.id,
          translatorIds: [translator.id],
        },
      });
      assert.equal(res.status, 201);
      const created = await res.json();
      assert.equal(created.language, 'uk');
      const got = await (await editor.get(`/desk/api/stories/${created.id}`)).json();
      assert.equal(got.translationOf, other.id);
      assert.deepEqual(got.story.translatorIds, [translator.id]);
      assert.deepEqual(
        got.translations.map((m: { id: number; language: string }) => [m.id, m.language]),
        [[other.id, 'en']],
      );
      const src = await (await editor.get(`/desk/api/stories/${other.id}`)).json();
      assert.deepEqual(
        src.translations.map((m: { id: number; status: string }) => [m.id, m.status]),
        [[created.id, 'draft']],
      );
      // A save keeps the credit, and the translator is credited as such (not on the byline).
      const saved = await editor.postJson(`/desk/api/stories/${created.id}`, {
        baseRevision: 1,
        story: { headline: 'Міст знову відкрито для всіх' },
      });
      assert.equal(saved.status, 200);
      const credits = await t.deps.db
        .selectFrom('story_authors')
        .select(['author_id', 'role'])
        .where('story_id', '=', created.id)
        .where('author_id', '=', translator.id)
        .execute();
      assert.deepEqual(credits, [{ author_id: translator.id, role: 'translator' }]);
      // A translation made outside the desk (an import) keeps its translator a translator through a desk save.
      const imported = await makeStory(t.deps, {
        headline: 'Імпортований переклад',
        sectionId,
        language: 'uk',
        translatorIds: [translator.id],
      });
      const shown = await (await editor.get(`/desk/api/stories/${imported.id}`)).json();
      assert.deepEqual([shown.story.authorIds, shown.story.translatorIds], [[], [translator.id]]);
      assert.equal(
        (await editor.postJson(`/desk/api/stories/${imported.id}`, { baseRevision: 0, story: { dek: 'Новий' } }))
          .status,
        200,
      );
      const kept = await t.deps.db
        .selectFrom('story_authors')
        .select(['author_id', 'role'])
        .where('story_id', '=', imported.id)
        .execute();
      assert.deepEqual(kept, [{ author_id: translator.id, role: 'translator' }]);
      const noTranslation = await editor.postJson(`/desk/api/stories/${created.id}`, {
        baseRevision: 2,
        story: { translationOf: source.id },
      });
      assert.equal(noTranslation.status, 400);
    });

    test('the list shows languages and translations, filters by language, and shows what needs translation', async () => {
      const onlyEn = await makeStory(t.deps, { headline: 'Only in English so far', sectionId });
      const draftEn = await makeStory(t.deps, { headline: 'An English draft', sectionId, status: 'draft' });
      const onlyUk = await makeStory(t.deps, { headline: 'Лише українською', sectionId, language: 'uk' });

      const uk = await (await editor.get('/desk/stories?language=uk')).text();
      assert.match(uk, /Лише українською/);
      assert.match(uk, /Нічні трамваї/);
      assert.doesNotMatch(uk, /Only in English so far|>Night trams return/);

      const all = await (await editor.get('/desk/stories')).text();
      const row = new RegExp(`<tr data-story-id="${source.id}">[\\s\\S]*?</tr>`).exec(all)?.[0] ?? '';
      assert.match(
        row,
        /<li data-language="de"><a href="\/desk\/stories\/\d+\/edit"[^>]*>de<\/a> <span class="status status-draft">Draft<\/span><\/li>/,
      );
      assert.match(
        row,
        /<li data-language="uk"><a href="\/desk\/stories\/\d+\/edit"[^>]*>uk<\/a> <span class="status status-published">Published<\/span><\/li>/,
      );

      // Into Ukrainian: published stories of other languages with no Ukrainian member.
      const needsUk = await (await editor.get('/desk/stories?missing=uk')).text();
      assert.match(needsUk, /Published stories with no translation in Українська yet/);
      assert.match(needsUk, /Only in English so far/);
      assert.doesNotMatch(needsUk, />Night trams return/, 'it has a Ukrainian translation');
      assert.doesNotMatch(needsUk, /An English draft/, 'drafts are not listed');
      assert.doesNotMatch(needsUk, /Лише українською/, 'a Ukrainian story needs no Ukrainian translation');
      // Into German: the source has a German draft, so it is not listed; the Ukrainian-only story is.
      const needsDe = await (await editor.get('/desk/stories?missing=de&language=uk')).text();
      assert.match(needsDe, /Лише українською/);
      assert.doesNotMatch(needsDe, /Only in English so far/);
      assert.equal((await editor.get('/desk/stories?missing=fr')).status, 400);
      assert.equal((await editor.get('/desk/stories?language=%3Cscript%3E')).status, 400);

      // Paged with the one cursor: every story lacking Ukrainian, none twice.
      const fillers: number[] = [];
      for (let i = 0; i < 31; i++) fillers.push((await makeStory(t.deps, { headline: `Filler ${i}`, sectionId })).id);
      const seen: string[] = [];
      let url: string | undefined = '/desk/stories?missing=uk';
      while (url) {
        const html = await (await editor.get(url)).text();
        seen.push(...[...html.matchAll(/<tr data-story-id="(\d+)">/g)].map((m) => m[1]!));
        url = /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&');
      }
      assert.equal(new Set(seen).size, seen.length);
      assert.ok(seen.includes(String(onlyEn.id)));
      assert.ok(!seen.includes(String(draftEn.id)) && !seen.includes(String(onlyUk.id)));
      assert.deepEqual(
        seen.map(Number).sort((a, b) => a - b),
        [onlyEn.id, ...fillers].sort((a, b) => a - b),
        'more than a page (30): the filler stories and the one only in English',
      );

      const api = await (await editor.get('/desk/api/stories?language=en&q=night')).json();
      const item = api.items.find((x: { id: number }) => x.id === source.id);
      assert.equal(item.language, 'en');
      assert.deepEqual(item.translations.map((m: { language: string }) => m.language).sort(), ['de', 'uk']);
    });

    test('translations into one language made at the same moment: one is made, the others are a 409', async () => {
      const fresh = await makeStory(t.deps, { headline: 'Race to translate', sectionId });
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          editor.postJson(`/desk/api/stories/${fresh.id}/translations`, { language: 'de' }),
        ),
      );
      assert.deepEqual(answers.map((r) => r.status).sort(), [201, 409, 409, 409]);
      for (const r of answers.filter((x) => x.status === 409))
        assert.match((await r.json()).error.message, /one translation per language|already has a translation/);
      const german = await t.deps.db
        .selectFrom('stories')
        .select('id')
        .where('translation_group', '=', fresh.id)
        .where('language', '=', 'de')
        .execute();
      assert.equal(german.length, 1);
    });
  });
}
