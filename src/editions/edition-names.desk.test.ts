import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { withEditions } from '../../test/support/editions.js';
import { makeAuthor, makeSection, makeStory, makeTag } from '../../test/support/factories.js';
import { XSS_CORPUS } from '../../test/support/xss-corpus.js';
import type { Author, Section, Tag } from '../db/database.js';

const HOSTILE = '<script>alert(1)</script><b onmouseover="x()">Бум</b>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&lt;b onmouseover=&quot;x()&quot;&gt;Бум&lt;/b&gt;';

for (const dialect of DIALECTS) {
  describe(`the desk names sections, tags and authors per edition (${dialect})`, () => {
    let t: TestApp;
    let editor: DeskClient;
    let admin: DeskClient;
    let author: DeskClient;
    let section: Section;
    let tag: Tag;
    let byline: Author;

    before(async () => {
      t = await createTestApp(dialect);
      await withEditions(t.deps);
      section = await makeSection(t.deps, { name: 'Culture' });
      tag = await makeTag(t.deps, 'Theatre');
      byline = await makeAuthor(t.deps, { name: 'Iryna Desk', role_title: 'Critic', bio: 'Iryna reviews plays.' });
      editor = await signedIn(t, 'editor');
      admin = await signedIn(t, 'admin');
      author = await signedIn(t, 'author');
    });
    after(() => t.close());

    const reader = async (path: string) => {
      await t.deps.cache.idle();
      const res = await t.request(path);
      assert.equal(res.status, 200, path);
      return res.text();
    };

    test('editors and up have the sections and tags pages; authors are refused', async () => {
      const page = await (await editor.get('/desk/sections')).text();
      assert.match(page, /<a href="\/desk\/sections">Sections<\/a>/, 'in the desk menu');
      assert.match(page, /name="name.en"[^>]*value="Culture"/);
      assert.match(page, /name="name.uk"/, 'a field for each edition');
      assert.match(page, /<fieldset lang="uk">/);
      assert.match(await (await editor.get('/desk/tags')).text(), /name="name.en"[^>]*value="Theatre"/);
      assert.equal((await author.get('/desk/sections')).status, 403);
      assert.equal((await author.get('/desk/tags')).status, 403);
      assert.equal(
        (await author.postForm(`/desk/sections/${section.id}`, { 'name.en': 'Taken', 'name.uk': '' })).status,
        403,
      );
      assert.doesNotMatch(await (await author.get('/desk/profile')).text(), /href="\/desk\/sections"/);
    });

    test('a section’s names are saved per language and shown as text, however hostile', async () => {
      const res = await editor.postForm(`/desk/sections/${section.id}`, {
        'name.en': 'Culture',
        'description.en': 'Stage and screen.',
        'name.uk': HOSTILE,
        'description.uk': 'Сцена й екран.',
      });
      assert.equal(res.status, 303);
      const uk = await reader(`/uk/sections/${section.slug}`);
      assert.ok(uk.includes(`<h1 class="page-title">${ESCAPED}</h1>`), 'the Ukrainian name, escaped');
      assert.doesNotMatch(uk, /<script>alert/);
      assert.match(uk, /<p class="dek">Сцена й екран.<\/p>/);
      const en = await reader(`/sections/${section.slug}`);
      assert.match(en, /<h1 class="page-title">Culture<\/h1>/);
      assert.match(en, /<p class="dek">Stage and screen.<\/p>/);
      const desk = await (await editor.get(res.headers.get('location')!)).text();
      assert.ok(desk.includes(`value="${ESCAPED}"`), 'the desk shows it back, escaped');
      assert.doesNotMatch(desk, /<script>alert/);
      // Emptied: the row goes and the English words show again.
      await editor.postForm(`/desk/sections/${section.id}`, { 'name.en': 'Culture', 'name.uk': '' });
      assert.match(await reader(`/uk/sections/${section.slug}`), /<h1 class="page-title">Culture<\/h1>/);
    });

    test('refused section names are a 400 with the form shown again, as typed', async () => {
      const empty = await editor.postForm(`/desk/sections/${section.id}`, { 'name.en': '  ', 'name.uk': 'Культура' });
      assert.equal(empty.status, 400);
      const page = await empty.text();
      assert.match(page, /The section needs a name in the primary edition’s language./);
      assert.match(page, /name="name.uk"[^>]*value="Культура"/);
      const long = await editor.postForm(`/desk/sections/${section.id}`, { 'name.en': 'x'.repeat(81) });
      assert.equal(long.status, 400);
      assert.match(await long.text(), /A name has at most 80 characters./);
      assert.equal((await editor.postForm('/desk/sections/999999', { 'name.en': 'Nowhere' })).status, 404);
      assert.match(await reader(`/sections/${section.slug}`), /<h1 class="page-title">Culture<\/h1>/, 'unchanged');
    });

    test('a tag’s names are saved per language; its slug stays', async () => {
      const res = await editor.postForm(`/desk/tags/${tag.id}`, {
        'name.en': 'Theatre',
        'description.en': 'Plays and players.',
        'name.uk': 'Театр',
        'description.uk': HOSTILE,
      });
      assert.equal(res.status, 303);
      const uk = await reader(`/uk/tags/${tag.slug}`);
      assert.match(uk, /<h1 class="page-title">Театр<\/h1>/);
      assert.ok(uk.includes(`<p class="dek">${ESCAPED}</p>`));
      assert.doesNotMatch(uk, /<script>alert/);
      assert.match(await reader(`/tags/${tag.slug}`), /<p class="dek">Plays and players.<\/p>/);
      const saved = await (await editor.get(res.headers.get('location')!)).text();
      assert.match(saved, /“Theatre” saved./);
      assert.match(saved, /name="name.uk"[^>]*value="Театр"/);
      const none = await editor.postForm(`/desk/tags/${tag.id}`, { 'name.en': '', 'name.uk': 'Театр' });
      assert.equal(none.status, 400);
      assert.match(await none.text(), /The tag needs a name in the primary edition’s language./);
    });

    test('every payload of the XSS corpus as a Ukrainian section or tag name is refused (4xx) or shown as text', async () => {
      const other = await makeSection(t.deps, { name: 'Corpus' });
      const otherTag = await makeTag(t.deps, 'Corpus tag');
      const escaped = (x: string) =>
        x.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
      let stored = 0;
      for (const payload of XSS_CORPUS) {
        const name = payload.slice(0, 80);
        const res = await editor.postForm(`/desk/sections/${other.id}`, {
          'name.en': 'Corpus',
          'name.uk': name,
          'description.uk': payload.slice(0, 500),
        });
        assert.ok(res.status === 303 || (res.status >= 400 && res.status < 500), `${res.status} for ${payload}`);
        const tagRes = await editor.postForm(`/desk/tags/${otherTag.id}`, { 'name.en': 'Corpus tag', 'name.uk': name });
        assert.ok(tagRes.status === 303 || (tagRes.status >= 400 && tagRes.status < 500), `${tagRes.status}`);
        if (res.status !== 303) continue;
        stored++;
        const uk = await reader(`/uk/sections/${other.slug}`);
        const shown = name.trim();
        if (/[<>"]/.test(shown)) assert.ok(!uk.includes(shown), `shown raw: ${shown}`);
        assert.ok(
          uk.includes(escaped(shown).replaceAll("'", '&#39;')) || uk.includes(escaped(shown)),
          `shown escaped: ${shown}`,
        );
        if (tagRes.status === 303 && /[<>"]/.test(shown)) {
          const tagPage = await reader(`/uk/tags/${otherTag.slug}`);
          assert.ok(!tagPage.includes(shown), `tag shown raw: ${shown}`);
        }
      }
      assert.ok(stored > XSS_CORPUS.length / 2, `most payloads are stored as text (${stored})`);
    });

    test('an author profile has its role title and bios per edition; the primary’s are its own fields', async () => {
      const form = await (await admin.get(`/desk/authors/${byline.id}/edit`)).text();
      assert.match(form, /name="role_title.uk"/);
      assert.match(form, /In the Українська edition/);
      const res = await admin.postForm(`/desk/authors/${byline.id}`, {
        name: byline.name,
        role_title: 'Critic',
        short_bio: 'Iryna reviews plays.',
        bio: 'Iryna reviews plays.',
        links: '',
        avatar_image_id: '',
        'role_title.uk': 'Критикиня',
        'short_bio.uk': HOSTILE,
        'bio.uk': 'Ірина пише рецензії на вистави.',
      });
      assert.equal(res.status, 303);
      const uk = await reader(`/uk/authors/${byline.slug}`);
      assert.match(uk, /<p class="author-role">Критикиня<\/p>/);
      assert.match(uk, /<p class="author-full-bio">Ірина пише рецензії на вистави.<\/p>/);
      assert.doesNotMatch(uk, /<script>alert/);
      assert.match(await reader(`/authors/${byline.slug}`), /<p class="author-role">Critic<\/p>/);
      const again = await (await admin.get(`/desk/authors/${byline.id}/edit`)).text();
      assert.ok(again.includes(`name="short_bio.uk" maxlength="300" value="${ESCAPED}"`), 'shown back, escaped');

      const api = (translations: unknown) =>
        admin.postJson(`/desk/api/authors/${byline.id}`, {
          name: byline.name,
          roleTitle: 'Critic',
          bio: 'Iryna reviews plays.',
          translations,
        });
      const primary = await api([{ language: 'en', roleTitle: 'Critic' }]);
      assert.equal(primary.status, 400);
      assert.match(JSON.stringify(await primary.json()), /primary edition’s role title and bios are the profile’s own/);
      const unknown = await api([{ language: 'de', roleTitle: 'Kritikerin' }]);
      assert.equal(unknown.status, 400);
      assert.match(JSON.stringify(await unknown.json()), /no edition in the language \\"de\\"/);
      const ok = await api([{ language: 'uk', roleTitle: 'Оглядачка' }]);
      assert.equal(ok.status, 200);
      assert.deepEqual((await ok.json()).translations, [
        { language: 'uk', roleTitle: 'Оглядачка', bio: '', shortBio: '' },
      ]);
      // Only a role title now: the bios fall back to the profile's own.
      const uk2 = await reader(`/uk/authors/${byline.slug}`);
      assert.match(uk2, /<p class="author-role">Оглядачка<\/p>/);
      assert.match(uk2, /<p class="author-full-bio">Iryna reviews plays.<\/p>/);
    });

    test('the desk’s preview of a Ukrainian draft shows its tags and bylines in Ukrainian words', async () => {
      const draft = await makeStory(t.deps, {
        headline: 'Прем’єра в оперному',
        status: 'draft',
        language: 'uk',
        sectionId: section.id,
        tagIds: [tag.id],
        authorIds: [byline.id],
      });
      const res = await editor.get(`/desk/stories/${draft.id}/preview`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /rel="tag">Театр</);
      assert.match(html, /<p class="author-role">Оглядачка<\/p>/);
    });
  });
}
