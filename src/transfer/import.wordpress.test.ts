import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { countRows, writeMediaFolder } from '../../test/support/import-media.js';
import type { StoryDocument } from '../document/document.schema.js';
import { AppError } from '../http/errors.js';
import { assertNoScript } from '../../test/support/safe-html.js';
import { importFile } from './import.service.js';

const WXR = 'test/fixtures/import/wordpress.xml';

for (const dialect of DIALECTS) {
  describe(`import wordpress (${dialect})`, () => {
    let t: TestApp;
    let media: string;
    before(async () => {
      t = await createTestApp(dialect);
      media = await writeMediaFolder(join(t.dir, 'uploads'), ['wp-content/uploads/2024/03/river-wall.png']);
    });
    after(() => t.close());

    test('posts, pages, nested categories, tags, authors, attachments and statuses come across', async () => {
      const report = await importFile(t.deps, 'wordpress', WXR, { mediaDir: media });
      assert.deepEqual(report.imported, { image: 1, author: 2, section: 4, tag: 2, post: 4, page: 1 });
      assert.equal(
        report.skipped.post?.['status "private" is not imported (private, trash and auto-drafts stay behind)'],
        1,
      );
      assert.equal(report.skipped.nav_menu_item?.['post type "nav_menu_item" is not content we import'], 1);
      assert.equal(report.pendingMedia, 1, 'the sandbags photo is not in the media folder');

      const db = t.deps.db;
      const sections = await db.selectFrom('sections').select(['id', 'slug', 'name', 'parent_id']).execute();
      const bySlug = new Map(sections.map((s) => [s.slug, s]));
      assert.equal(bySlug.get('hill-villages')!.parent_id, bySlug.get('upper-valley')!.id);
      assert.equal(bySlug.get('upper-valley')!.parent_id, bySlug.get('region')!.id);
      assert.equal(bySlug.get('region')!.parent_id, null);
      assert.equal(bySlug.get('culture')!.name, 'Culture & Arts');

      const flood = await db
        .selectFrom('stories')
        .selectAll()
        .where('slug', '=', 'floodwater-recedes')
        .executeTakeFirstOrThrow();
      const choir = await db
        .selectFrom('stories')
        .selectAll()
        .where('slug', '=', 'choir-festival')
        .executeTakeFirstOrThrow();
      assert.equal(flood.section_id, bySlug.get('hill-villages')!.id);
      assert.equal(flood.published_at, Date.UTC(2024, 2, 5, 7, 15));
      assert.equal(flood.updated_at, Date.UTC(2024, 2, 5, 9, 0));
      const hero = await db
        .selectFrom('images')
        .selectAll()
        .where('id', '=', flood.hero_image_id!)
        .executeTakeFirstOrThrow();
      assert.equal(hero.alt, 'Concrete wall along a brown river');
      assert.equal(hero.caption, 'The new river wall at Kessel, seen from the footbridge.');
      assert.equal(hero.credit, 'Anya Roth / Valley Courier', 'credit taken from the attachment description');
      assert.equal(flood.hero_credit, 'Anya Roth / Valley Courier');

      const doc = JSON.parse(flood.body) as StoryDocument;
      assert.deepEqual(
        doc.blocks.map((b) => b.type),
        ['paragraph', 'heading', 'image', 'list', 'quote', 'embed', 'paragraph', 'divider', 'paragraph'],
      );
      assert.deepEqual(doc.blocks[1], { type: 'heading', level: 3, content: [{ text: 'Where the water reached' }] });
      assert.deepEqual(
        doc.blocks[2],
        {
          type: 'image',
          imageId: hero.id,
          alt: 'Concrete wall along a brown river',
          caption: 'The wall held.',
          credit: 'Anya Roth / Valley Courier',
        },
        'wp-image-101 is the attachment',
      );
      assert.deepEqual(doc.blocks[4], {
        type: 'quote',
        content: [{ text: 'We have seen worse, but not by much.' }],
        attribution: 'A miller in Kessel',
      });
      assert.deepEqual(
        doc.blocks[5],
        { type: 'embed', storyId: choir.id },
        'an embed of our own post is a related-story card',
      );

      const classic = JSON.parse(choir.body) as StoryDocument;
      assert.deepEqual(
        classic.blocks.map((b) => b.type),
        ['paragraph', 'paragraph', 'paragraph'],
        'blank lines → paragraphs; the missing image is pending',
      );
      // The hand-written excerpt is the standfirst; the excerpt (cards, meta) is made from the body as usual.
      assert.equal(choir.dek, 'Twelve choirs, one church.');
      assert.match(choir.excerpt, /^Twelve choirs sang in the old church/);
      const pend = await db.selectFrom('pending_media').selectAll().execute();
      assert.deepEqual(
        pend.map((p) => [p.source_url, p.target_id, p.role, p.caption]),
        [
          [
            'https://valley.example.org/wp-content/uploads/2024/03/sandbags.jpg',
            choir.id,
            'body',
            'Volunteers fill sandbags.',
          ],
        ],
      );

      const byline = await db
        .selectFrom('story_authors')
        .innerJoin('authors', 'authors.id', 'story_authors.author_id')
        .select(['authors.name'])
        .where('story_id', '=', choir.id)
        .execute();
      assert.deepEqual(byline, [{ name: 'Paul Keller' }]);
      const statuses = await db
        .selectFrom('stories')
        .select(['slug', 'status'])
        .where('slug', 'in', ['draft-bridge-tolls', 'harvest-fair-opens', 'contact'])
        .orderBy('slug')
        .execute();
      assert.deepEqual(statuses, [
        { slug: 'contact', status: 'published' },
        { slug: 'draft-bridge-tolls', status: 'draft' },
        { slug: 'harvest-fair-opens', status: 'scheduled' },
      ]);
    });

    test('reader pages carry none of the hostile markup', async () => {
      for (const slug of ['floodwater-recedes', 'choir-festival']) {
        const res = await t.request(`/stories/${slug}`);
        assert.equal(res.status, 200);
        assertNoScript(await res.text(), slug);
      }
      const html = await (await t.request('/stories/floodwater-recedes')).text();
      assert.match(html, /class="embed-headline">Choir festival fills the old church</);
      assert.match(
        await (await t.request('/search?q=choirs')).text(),
        /href="\/stories\/choir-festival"/,
        'imported stories are searchable',
      );
    });

    test('permalinks, category paths, tag and author archives redirect', async () => {
      for (const [from, to] of [
        ['/2024/03/05/floodwater-recedes/', '/stories/floodwater-recedes'],
        ['/contact/', '/contact'],
        ['/category/region/upper-valley/hill-villages/', '/sections/hill-villages'],
        ['/category/region/', '/sections/region'],
        ['/tag/floods/', '/tags/floods'],
        ['/author/olena/', '/authors/olena'],
      ]) {
        const res = await t.request(from!);
        assert.equal(res.status, 301, from);
        assert.equal(res.headers.get('location'), to);
      }
    });

    test('a second run is a no-op', async () => {
      const rows = await countRows(t.deps.db);
      const report = await importFile(t.deps, 'wordpress', WXR, { mediaDir: media });
      assert.deepEqual(report.imported, {});
      assert.deepEqual(await countRows(t.deps.db), rows);
    });

    test('broken files are refused with the problem named, nothing written', async () => {
      const rows = await countRows(t.deps.db);
      const xml = readFileSync(WXR, 'utf8');
      const cases: [string, string, RegExp][] = [
        ['truncated.xml', xml.slice(0, Math.floor(xml.length * 0.6)), /XML is broken at line \d+/],
        [
          'ghost.xml',
          readFileSync('test/fixtures/import/ghost-v6-html.json', 'utf8'),
          /JSON, not a WordPress WXR export.*import ghost/,
        ],
        [
          'feed.xml',
          '<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title></channel></rss>',
          /no <wp:wxr_version>/,
        ],
        ['html.xml', '<html><body>hi</body></html>', /not a WordPress WXR file/],
        [
          'noid.xml',
          '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>' +
            '<item><title>Lost</title><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>' +
            '</channel></rss>',
          /"Lost".*no <wp:post_id>/,
        ],
      ];
      for (const [name, content, message] of cases) {
        const file = join(t.dir, name);
        writeFileSync(file, content);
        await assert.rejects(
          importFile(t.deps, 'wordpress', file),
          (e: unknown) => e instanceof AppError && message.test(e.message),
          name,
        );
      }
      assert.deepEqual(await countRows(t.deps.db), rows);
    });
  });
}
