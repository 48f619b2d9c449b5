import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { putSetting } from '../settings/settings.repo.js';
import { importFile } from './import.service.js';
import { formatReport } from './import.report.js';

// Exports written for these tests: a Ghost site in Ukrainian with language tags, and a WordPress site with
// Polylang and WPML data. The newsroom they go into has English (primary) and Ukrainian editions, no German one.

const EDITIONS = [
  { code: 'en', locale: 'en-GB', name: 'English', prefix: '' },
  { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' },
];

const ghostPost = (id: string, slug: string, title: string) => ({
  id,
  slug,
  title,
  status: 'published',
  html: `<p>${title}.</p>`,
  published_at: '2024-05-01T08:00:00.000Z',
  updated_at: '2024-05-01T08:00:00.000Z',
  created_at: '2024-05-01T07:00:00.000Z',
});
const GHOST = {
  db: [
    {
      meta: { exported_on: 1714550400000, version: '5.82.0' },
      data: {
        settings: [
          { key: 'title', value: 'Вісник долини' },
          { key: 'locale', value: 'uk' },
        ],
        posts: [
          ghostPost('p1', 'mist-vidnovleno', 'Міст відновлено'),
          ghostPost('p2', 'bridge-restored', 'Bridge restored'),
          ghostPost('p3', 'pont-repare', 'Le pont est réparé'),
          ghostPost('p4', 'reklama', 'Спецпроєкт'),
          ghostPost('p5', 'rynok', 'Ринок знову працює'),
        ],
        tags: [
          { id: 't1', name: 'Новини', slug: 'novyny', visibility: 'public' },
          { id: 't2', name: '#lang-en', slug: 'hash-lang-en', visibility: 'internal' },
          { id: 't3', name: '#fr', slug: 'hash-fr', visibility: 'internal' },
          { id: 't4', name: '#ad', slug: 'hash-ad', visibility: 'internal' },
          { id: 't5', name: '#uk', slug: 'hash-uk', visibility: 'internal' },
        ],
        posts_tags: [
          { post_id: 'p1', tag_id: 't1' },
          { post_id: 'p2', tag_id: 't2' },
          { post_id: 'p3', tag_id: 't3' },
          { post_id: 'p4', tag_id: 't4' },
          { post_id: 'p5', tag_id: 't5' },
        ],
      },
    },
  ],
};

const wpItem = (id: number, slug: string, title: string, extra: string) => `
  <item>
    <title><![CDATA[${title}]]></title>
    <link>https://multi.example.org/${slug}/</link>
    <dc:creator><![CDATA[editor]]></dc:creator>
    <content:encoded><![CDATA[<p>${title}.</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>${id}</wp:post_id>
    <wp:post_date_gmt><![CDATA[2024-05-02 09:00:00]]></wp:post_date_gmt>
    <wp:post_modified_gmt><![CDATA[2024-05-02 09:00:00]]></wp:post_modified_gmt>
    <wp:post_name><![CDATA[${slug}]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    ${extra}
  </item>`;
const polylang = (lang: string, group: string) =>
  `<category domain="language" nicename="${lang}"><![CDATA[${lang}]]></category>` +
  (group ? `<category domain="post_translations" nicename="${group}"><![CDATA[${group}]]></category>` : '');
const wpml = (lang: string, group: string) =>
  `<wp:postmeta><wp:meta_key><![CDATA[_wpml_import_language_code]]></wp:meta_key><wp:meta_value><![CDATA[${lang}]]></wp:meta_value></wp:postmeta>` +
  `<wp:postmeta><wp:meta_key><![CDATA[_wpml_import_translation_group]]></wp:meta_key><wp:meta_value><![CDATA[${group}]]></wp:meta_value></wp:postmeta>`;
const AUTHOR =
  '<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[editor]]></wp:author_login>' +
  '<wp:author_display_name><![CDATA[Ed Itor]]></wp:author_display_name></wp:author>';

const WXR = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Multi Courier</title>
  <link>https://multi.example.org</link>
  <language>en-US</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  ${AUTHOR}
  ${wpItem(11, 'dam-opens', 'The dam opens', polylang('en', 'pll_5f1a'))}
  ${wpItem(12, 'dambu-vidkryto', 'Дамбу відкрито', polylang('uk', 'pll_5f1a'))}
  ${wpItem(13, 'damm-offen', 'Der Damm ist offen', polylang('de', 'pll_5f1a'))}
  ${wpItem(14, 'only-english', 'Only in English', polylang('en', ''))}
  ${wpItem(21, 'ferry-returns', 'The ferry returns', wpml('en', 'wpml_g7'))}
  ${wpItem(22, 'porom-povertaietsia', 'Пором повертається', wpml('uk_UA', 'wpml_g7'))}
  ${wpItem(23, 'porom-znovu', 'Пором знову курсує', wpml('uk', 'wpml_g7'))}
  ${wpItem(31, 'no-plugin', 'No plugin data', '')}
</channel>
</rss>`;

for (const dialect of DIALECTS) {
  describe(`imports keep each story's language (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
      await putSetting(t.deps.db, 'site.editions', JSON.stringify(EDITIONS));
    });
    after(() => t.close());

    const stories = async () =>
      new Map(
        (await t.deps.db.selectFrom('stories').select(['slug', 'language', 'translation_group', 'id']).execute()).map(
          (s) => [s.slug, s],
        ),
      );

    test('Ghost: the site language, a #lang-xx or #xx internal tag per post, and a language with no edition', async () => {
      const file = join(t.dir, 'ghost.json');
      writeFileSync(file, JSON.stringify(GHOST));
      const report = await importFile(t.deps, 'ghost', file);
      const s = await stories();
      assert.equal(s.get('mist-vidnovleno')?.language, 'uk', 'no tag: the site locale');
      assert.equal(s.get('bridge-restored')?.language, 'en', '#lang-en');
      assert.equal(s.get('rynok')?.language, 'uk', '#uk');
      assert.equal(s.get('reklama')?.language, 'uk', '#ad is an internal tag, not a language');
      assert.equal(s.get('pont-repare')?.language, 'en', 'French has no edition: into the primary one');
      assert.equal(
        report.adapted.post?.['language "fr" has no edition here: imported into the English edition (en)'],
        1,
      );
      assert.match(formatReport(report), /post: 1 × language "fr" has no edition here/);
      const ukHome = await (await t.request('/uk/')).text();
      assert.match(ukHome, /href="\/uk\/stories\/mist-vidnovleno"/);
      assert.doesNotMatch(ukHome, /bridge-restored/);
    });

    test('WordPress: Polylang and WPML languages and translation groups; one story per language in a group', async () => {
      const file = join(t.dir, 'multi.xml');
      writeFileSync(file, WXR);
      const report = await importFile(t.deps, 'wordpress', file);
      const s = await stories();
      const get = (slug: string) => s.get(slug)!;
      assert.equal(get('dam-opens').language, 'en');
      assert.equal(get('dambu-vidkryto').language, 'uk');
      assert.equal(get('only-english').language, 'en');
      assert.equal(get('no-plugin').language, 'en', 'the channel language, en-US, is the English edition');
      assert.equal(get('ferry-returns').language, 'en');
      assert.equal(get('porom-povertaietsia').language, 'uk', 'WPML locale uk_UA is the Ukrainian edition');

      // Polylang: the English and Ukrainian posts are one group, named by the first; German went to the
      // primary edition, where the group already has its English story: it stays out of the group.
      assert.equal(get('dam-opens').translation_group, get('dam-opens').id);
      assert.equal(get('dambu-vidkryto').translation_group, get('dam-opens').id);
      assert.equal(get('damm-offen').language, 'en');
      assert.equal(get('damm-offen').translation_group, null);
      assert.equal(get('only-english').translation_group, null);
      // WPML: likewise; the second Ukrainian post of the group is imported on its own.
      assert.equal(get('porom-povertaietsia').translation_group, get('ferry-returns').id);
      assert.equal(get('ferry-returns').translation_group, get('ferry-returns').id);
      assert.equal(get('porom-znovu').translation_group, null);
      assert.equal(get('porom-znovu').language, 'uk');

      assert.equal(report.imported['translation group'], 2);
      assert.equal(
        report.adapted.post?.['language "de" has no edition here: imported into the English edition (en)'],
        1,
      );
      assert.equal(report.adapted.post?.['a second translation into one language in a group: imported unlinked'], 2);

      // The reader sees the pair: the English story's switcher goes to its Ukrainian translation.
      const en = await (await t.request('/stories/dam-opens')).text();
      assert.match(en, /<a href="\/uk\/stories\/dambu-vidkryto" hreflang="uk"/);
    });
  });
}
