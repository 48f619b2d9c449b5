import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { countRows, writeMediaFolder } from '../../test/support/import-media.js';
import type { StoryDocument } from '../document/document.schema.js';
import { AppError } from '../http/errors.js';
import { importFile } from './import.service.js';
import { placePendingMedia } from './pending-media.service.js';
import { assertNoScript } from '../../test/support/safe-html.js';

const FIX = 'test/fixtures/import';

for (const dialect of DIALECTS) {
  describe(`import ghost (${dialect})`, () => {
    let t: TestApp;
    let media: string;
    before(async () => {
      t = await createTestApp(dialect);
      media = await writeMediaFolder(join(t.dir, 'ghost-uploads'), [
        'content/images/2024/03/pier.png',
        'content/images/2024/02/marta.png',
        'content/images/2022/06/market.png',
      ]);
    });
    after(() => t.close());

    test('a Ghost 5 Lexical export comes across: posts, pages, statuses, tags → sections, co-authors, images, report', async () => {
      // The running server's cached home page (from before the import) must not outlive it.
      for (let i = 0; i < 2; i++) {
        await (await t.request('/')).text();
        await t.deps.cache.settled();
      }
      assert.equal(t.deps.cache.has('/'), true);
      const report = await importFile(t.deps, 'ghost', `${FIX}/ghost-v5-lexical.json`, {
        mediaDir: media,
        batchSize: 2,
      });
      assert.deepEqual(report.imported, { image: 2, author: 2, section: 2, tag: 2, post: 4, page: 1 });
      assert.equal(
        report.skipped.post?.['status "sent" has no counterpart (only published, draft and scheduled are imported)'],
        1,
      );
      assert.equal(report.skipped.tag?.['internal tag (#name)'], 1);
      assert.equal(report.adapted.body?.['<script> removed'], 1);
      assert.equal(report.pendingMedia, 3, 'remote body image, junk <img src=x> and a remote avatar');
      const home = await t.request('/');
      assert.notEqual(home.headers.get('x-cache'), 'HIT');
      assert.match(
        await home.text(),
        /href="\/stories\/night-ferry-returns"/,
        'the imported story is on the home page at once',
      );

      const db = t.deps.db;
      const ferry = await db
        .selectFrom('stories')
        .selectAll()
        .where('slug', '=', 'night-ferry-returns')
        .executeTakeFirstOrThrow();
      const tram = await db
        .selectFrom('stories')
        .selectAll()
        .where('slug', '=', 'tram-line-seven-reopens')
        .executeTakeFirstOrThrow();
      assert.equal(ferry.status, 'published');
      assert.equal(ferry.published_at, Date.parse('2024-03-12T06:30:00.000Z'));
      assert.equal(ferry.updated_at, Date.parse('2024-03-12T09:00:00.000Z'));
      // Ghost's custom excerpt is shown under the headline: it is the dek; the excerpt is made from the body.
      assert.equal(ferry.dek, 'A fogbound crossing ends three hours late.');
      assert.match(ferry.excerpt, /^The night ferry returned to the southern pier/);
      assert.equal(ferry.hero_alt, 'Fog over the southern pier');
      assert.equal(ferry.hero_caption, 'The pier at first light');
      const hero = await db
        .selectFrom('images')
        .selectAll()
        .where('id', '=', ferry.hero_image_id!)
        .executeTakeFirstOrThrow();
      assert.ok(JSON.parse(hero.variants).length >= 4, 'responsive variants were made');

      const section = await db
        .selectFrom('sections')
        .selectAll()
        .where('id', '=', ferry.section_id)
        .executeTakeFirstOrThrow();
      assert.equal(section.slug, 'harbour', 'first public tag is the section (#internal tag skipped)');
      const tags = await db
        .selectFrom('story_tags')
        .innerJoin('tags', 'tags.id', 'story_tags.tag_id')
        .select('tags.slug')
        .where('story_id', '=', ferry.id)
        .orderBy('tags.slug')
        .execute();
      assert.deepEqual(
        tags.map((r) => r.slug),
        ['harbour', 'trams'],
      );
      const byline = await db
        .selectFrom('story_authors')
        .innerJoin('authors', 'authors.id', 'story_authors.author_id')
        .select(['authors.slug', 'position'])
        .where('story_id', '=', ferry.id)
        .orderBy('position')
        .execute();
      assert.deepEqual(
        byline.map((r) => r.slug),
        ['ivo', 'marta'],
        'co-authors in Ghost order',
      );

      const doc = JSON.parse(ferry.body) as StoryDocument;
      assert.deepEqual(
        doc.blocks.map((b) => b.type),
        [
          'paragraph',
          'heading',
          'quote',
          'list',
          'image',
          'paragraph',
          'embed',
          'paragraph',
          'divider',
          'paragraph',
          'paragraph',
        ],
      );
      assert.deepEqual(doc.blocks[0], {
        type: 'paragraph',
        content: [
          { text: 'The night ferry ' },
          { text: 'returned', bold: true },
          { text: ' to the southern pier on Tuesday, ' },
          { text: 'three hours late', italic: true },
          { text: ', after a fog bank closed the channel. ' },
          { text: "The port authority's notice", href: 'https://port.example.org/notices' },
          { text: ' blamed a failed radar mast.' },
        ],
      });
      assert.deepEqual(doc.blocks[4], {
        type: 'image',
        imageId: hero.id,
        alt: 'The southern pier under fog',
        caption: 'The pier at dawn, still grey.',
      });
      assert.deepEqual(
        doc.blocks[6],
        { type: 'embed', storyId: tram.id },
        'a bookmark to an imported story is a related-story card',
      );
      assert.deepEqual(JSON.parse(tram.body).blocks[1], { type: 'embed', storyId: ferry.id });
      const pend = await db
        .selectFrom('pending_media')
        .selectAll()
        .where('target_id', '=', ferry.id)
        .where('target_kind', '=', 'story')
        .orderBy('id')
        .execute();
      assert.deepEqual(
        pend.map((p) => [p.source_url, p.role, p.position, p.caption]),
        [
          ['https://images.example.net/remote/fogbank.jpg', 'body', 5, 'Fog over the channel'],
          ['x', 'body', 10, ''],
        ],
      );

      const marta = await db.selectFrom('authors').selectAll().where('slug', '=', 'marta').executeTakeFirstOrThrow();
      assert.equal(marta.role_title, 'Author');
      assert.match(marta.bio, /drove a tram/);
      assert.ok(marta.avatar_image_id);
      assert.deepEqual(JSON.parse(marta.links), [{ label: 'Website', url: 'https://marta.example.org' }]);
      const ivo = await db.selectFrom('authors').selectAll().where('slug', '=', 'ivo').executeTakeFirstOrThrow();
      assert.equal(ivo.role_title, 'Editor');
      assert.equal(ivo.avatar_image_id, null);
      assert.ok(
        await db
          .selectFrom('pending_media')
          .select('id')
          .where('target_kind', '=', 'author')
          .where('target_id', '=', ivo.id)
          .where('source_url', '=', 'https://cdn.example.net/avatars/ivo.jpg')
          .executeTakeFirst(),
      );

      const statuses = await db
        .selectFrom('stories')
        .select(['slug', 'status', 'published_at'])
        .where('slug', 'in', ['about', 'harbour-budget-vote'])
        .orderBy('slug')
        .execute();
      assert.deepEqual(statuses, [
        { slug: 'about', status: 'draft', published_at: null },
        { slug: 'harbour-budget-vote', status: 'scheduled', published_at: Date.parse('2030-01-01T09:00:00.000Z') },
      ]);
    });

    test('the imported story page renders safely, with its related story and images', async () => {
      const res = await t.request('/stories/night-ferry-returns');
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<strong>returned<\/strong>/);
      assert.match(html, /class="embed-headline">Tram line seven reopens</);
      assert.match(html, /href="https:\/\/elsewhere.example.com\/shipping-report"[^>]*>A shipping report elsewhere</);
      assert.match(html, /The pier at dawn, still grey\./);
      assertNoScript(html, 'ferry page');
    });

    test('old Ghost URLs answer with a 301 to the new ones; drafts and unknown paths stay 404', async () => {
      for (const [from, to] of [
        ['/night-ferry-returns/', '/stories/night-ferry-returns'],
        ['/tram-line-seven-reopens', '/stories/tram-line-seven-reopens'],
        ['/tag/trams/', '/tags/trams'],
        ['/author/marta/', '/authors/marta'],
      ]) {
        const res = await t.request(from!);
        assert.equal(res.status, 301, from);
        assert.equal(res.headers.get('location'), to);
      }
      assert.equal((await t.request('/about/')).status, 404, 'a draft page is not revealed');
      assert.equal((await t.request('/no-such-old-post/')).status, 404);
      assert.equal((await t.request('/')).status, 200, 'normal pages are untouched');
    });

    test('re-running the same import adds nothing', async () => {
      const beforeRows = await countRows(t.deps.db);
      const report = await importFile(t.deps, 'ghost', `${FIX}/ghost-v5-lexical.json`, { mediaDir: media });
      assert.deepEqual(report.imported, {});
      assert.equal(report.skipped.post?.['already imported'], 4);
      assert.deepEqual(await countRows(t.deps.db), beforeRows);
    });

    test('Ghost 4 Mobiledoc and Ghost 6 HTML exports convert, hostile markup removed', async () => {
      const v4 = await importFile(t.deps, 'ghost', `${FIX}/ghost-v4-mobiledoc.json`, { mediaDir: media });
      assert.deepEqual(v4.imported, { image: 1, post: 2 });
      assert.equal(v4.skipped.author?.['already imported'], 2, 'same Ghost users are not duplicated');
      const market = await t.deps.db
        .selectFrom('stories')
        .selectAll()
        .where('slug', '=', 'market-hours-change')
        .executeTakeFirstOrThrow();
      const bridge = await t.deps.db
        .selectFrom('stories')
        .select('id')
        .where('slug', '=', 'old-bridge-closes')
        .executeTakeFirstOrThrow();
      const doc = JSON.parse(market.body) as StoryDocument;
      assert.deepEqual(
        doc.blocks.map((b) => b.type),
        ['paragraph', 'heading', 'list', 'image', 'quote', 'embed', 'paragraph', 'divider'],
      );
      assert.deepEqual(doc.blocks[5], { type: 'embed', storyId: bridge.id });
      assert.deepEqual(doc.blocks[2], {
        type: 'list',
        ordered: false,
        items: [[{ text: 'Apples up' }], [{ text: 'Fish down', italic: true }]],
      });
      assert.equal(market.hero_image_id, null, 'remote feature image is pending');
      assertNoScript(await (await t.request('/stories/market-hours-change')).text(), 'market page');

      const v6 = await importFile(t.deps, 'ghost', `${FIX}/ghost-v6-html.json`);
      assert.equal(v6.imported.post, 1);
      const res = await t.request('/stories/lighthouse-keeper-retires');
      assert.equal(res.status, 200);
      const html = await res.text();
      assertNoScript(html, 'lighthouse page');
      assert.match(html, /Lighthouse keeper &lt;b&gt;retires&lt;\/b&gt;/, 'a title is text, never markup');
      assert.match(html, /<h2>A life on the rock<\/h2>/);
      assert.match(html, /Years · 40/);
    });

    test('pending images are placed later from a folder holding their files, where they stood', async () => {
      const db = t.deps.db;
      const ferryBefore = await db
        .selectFrom('stories')
        .selectAll()
        .where('slug', '=', 'night-ferry-returns')
        .executeTakeFirstOrThrow();
      const later = await writeMediaFolder(join(t.dir, 'downloaded'), [
        'remote/fogbank.jpg',
        'avatars/ivo.jpg',
        'market-hero.jpg',
      ]);
      const result = await placePendingMedia(t.deps, later);
      assert.deepEqual(result, { placed: 3, left: 2 }, 'the junk src=x and the lighthouse photo stay pending');
      const ferry = await db
        .selectFrom('stories')
        .selectAll()
        .where('id', '=', ferryBefore.id)
        .executeTakeFirstOrThrow();
      const blocks = (JSON.parse(ferry.body) as StoryDocument).blocks;
      assert.equal(blocks.length, (JSON.parse(ferryBefore.body) as StoryDocument).blocks.length + 1);
      assert.deepEqual(
        { ...blocks[5], imageId: 0 },
        { type: 'image', imageId: 0, alt: 'A fog bank', caption: 'Fog over the channel' },
      );
      assert.equal(ferry.excerpt, ferryBefore.excerpt);
      assert.equal(ferry.updated_at, ferryBefore.updated_at, 'placing a photo is not an update');
      const market = await db
        .selectFrom('stories')
        .selectAll()
        .where('slug', '=', 'market-hours-change')
        .executeTakeFirstOrThrow();
      assert.ok(market.hero_image_id);
      assert.equal(market.hero_caption, 'The roof, mended');
      assert.ok(
        (await db.selectFrom('authors').select('avatar_image_id').where('slug', '=', 'ivo').executeTakeFirstOrThrow())
          .avatar_image_id,
      );
      assert.match(await (await t.request('/stories/night-ferry-returns')).text(), /Fog over the channel/);
    });

    test('broken files fail with a message naming the problem and write nothing', async () => {
      const rows = await countRows(t.deps.db);
      const text = readFileSync(`${FIX}/ghost-v5-lexical.json`, 'utf8');
      const cases: [string, string, RegExp][] = [
        ['truncated.json', text.slice(0, Math.floor(text.length / 2)), /not valid JSON.*truncated/],
        [
          'wordpress.json',
          readFileSync(`${FIX}/wordpress.xml`, 'utf8'),
          /XML, not a Ghost JSON export.*import wordpress/,
        ],
        ['other.json', JSON.stringify({ hello: 'world' }), /not a Ghost export/],
        [
          'noslug.json',
          JSON.stringify({
            db: [{ meta: { version: '5.0.0' }, data: { posts: [{ id: '1', title: 'x', status: 'published' }] } }],
          }),
          /db\[0\]\.data\.posts\[0\]\.slug/,
        ],
        ['empty.json', '', /empty/],
      ];
      for (const [name, content, message] of cases) {
        const file = join(t.dir, name);
        writeFileSync(file, content);
        await assert.rejects(
          importFile(t.deps, 'ghost', file),
          (e: unknown) => e instanceof AppError && e.status === 422 && message.test(e.message),
          name,
        );
      }
      await assert.rejects(importFile(t.deps, 'ghost', join(t.dir, 'missing.json')), /no such file/);
      assert.deepEqual(await countRows(t.deps.db), rows);
    });

    test('a failure part-way through rolls the whole import back', async () => {
      const fresh = await createTestApp(dialect);
      try {
        const failing = importFile(fresh.deps, 'ghost', `${FIX}/ghost-v5-lexical.json`, {
          batchSize: 1,
          onProgress: (done) => {
            if (done === 3) throw new Error('disk full (simulated)');
          },
        });
        await assert.rejects(failing, /disk full/);
        const rows = await countRows(fresh.deps.db);
        assert.ok(
          Object.values(rows).every((n) => n === 0),
          JSON.stringify(rows),
        );
        const report = await importFile(fresh.deps, 'ghost', `${FIX}/ghost-v5-lexical.json`);
        assert.equal(report.imported.post, 4, 'a later run imports everything');
      } finally {
        await fresh.close();
      }
    });
  });
}
