import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { createApp } from '../../src/http/app.js';
import { importFile } from '../../src/transfer/import.service.js';
import type { TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { type TestEnv, createTestEnv } from '../support/db.js';
import { type DeskClient, signedIn } from '../support/desk.js';
import { makeSection } from '../support/factories.js';
import { parseFeed } from '../support/feed-parser.js';
import { listen } from '../support/server.js';
import { openSse } from '../support/sse.js';
import { INJECTED_SCAN, XSS_CORPUS, XSS_TRAP } from '../support/xss-corpus.js';

/** Payloads with a NUL character are refused by the input layer as a whole (tried alone, below); the rest are stored. */
const WITH_NUL = XSS_CORPUS.filter((x) => x.includes('\u0000'));
const CORPUS = XSS_CORPUS.filter((x) => !x.includes('\u0000'));
const P = CORPUS.length;
/** The payload a field of entity `i` carries: field `k` is shifted by k, so every field sees every payload. */
const v = (i: number, k: number, max = 1000) => CORPUS[(i + k) % P]!.slice(0, max);

/**
 * The standing XSS check: every payload of the corpus through every text field the desk's forms, the desk's
 * JSON API and the WordPress importer accept, then every page that shows them — reader pages, desk pages,
 * feeds (their HTML fields rendered), JSON-LD blocks and live (SSE) payloads — loaded in real Chromium with
 * its Content-Security-Policy bypassed, so what is checked is the escaping, not the policy that backs it up.
 * Nothing may run (a trap counts calls of `__xss` and dialogs) and nothing injected may exist in the page.
 */
describe('the XSS corpus through every field, checked in real Chromium', () => {
  let env: TestEnv;
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let owner: DeskClient;
  let sectionId: number;
  /** Values sent per field, and how many of them the edge refused (4xx, never 5xx). */
  const tried = new Map<string, { sent: number; refused: number }>();
  const pagesChecked = { reader: 0, desk: 0, feeds: 0, sse: 0 };
  let executed = 0;
  const findings: string[] = [];
  const storyIds: number[] = [];
  const storySlugs: string[] = [];

  const count = (field: string, status: number, n = 1) => {
    assert.ok(status < 500, `${field}: answered ${status}`);
    const f = tried.get(field) ?? { sent: 0, refused: 0 };
    f.sent += n;
    if (status >= 400) f.refused += n;
    tried.set(field, f);
  };

  before(async () => {
    env = await createTestEnv('sqlite');
    env.deps.live.start();
    const app = createApp(env.deps);
    t = { ...env, app, request: async (path, init) => app.request(path, init) };
    server = await listen(app);
    browser = await launchBrowser({ bypassCSP: true });
    await browser.context.addInitScript({ content: XSS_TRAP });
    browser.context.on('dialog', (d) => {
      executed++;
      findings.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    owner = await signedIn(t, 'owner', { name: 'Olga Owner' });
    sectionId = (await makeSection(env.deps, { name: 'City' })).id;
  });
  after(async () => {
    await browser?.close();
    env?.deps.live.close();
    await server?.close();
    await env?.close();
  });

  /** Loads a page, lets it settle, and records what ran and what was injected. */
  const check = async (page: Page, url: string, kind: keyof typeof pagesChecked) => {
    const res = await page.goto(url, { waitUntil: 'load' });
    assert.ok(res && res.status() < 500, `${url}: ${res?.status()}`);
    await scan(page, url, kind, await res!.text());
  };
  const scan = async (page: Page, where: string, kind: keyof typeof pagesChecked, raw?: string) => {
    // Read and reset: a page whose content is replaced (setContent) keeps its window and so its count.
    const hits = (await page.evaluate(
      '(() => { const n = window.__xssHits; window.__xssHits = 0; return n; })()',
    )) as number;
    const injected = (await page.evaluate(INJECTED_SCAN)) as string[];
    if (raw !== undefined) {
      // A `</script>` in a JSON-LD value that broke out would leave the raw page with more script openings
      // than the browser built script elements from.
      const opened = raw.match(/<script\b/gi)?.length ?? 0;
      const built = (await page.evaluate('document.scripts.length')) as number;
      if (opened !== built) injected.push(`${opened} <script openings in the page, ${built} script elements`);
    }
    executed += hits;
    for (const x of injected) findings.push(`${where}: ${x}`);
    if (hits) findings.push(`${where}: __xss ran ${hits} time(s)`);
    pagesChecked[kind]++;
  };

  /** Checks many pages, a few at a time (each its own tab), with images left unloaded (nothing here needs them). */
  const checkAll = async (urls: string[], kind: keyof typeof pagesChecked, tabs = 3) => {
    const queue = [...urls];
    await Promise.all(
      Array.from({ length: tabs }, async () => {
        const page = await browser.context.newPage();
        await page.route(/\.(png|jpe?g|webp|avif|gif)(\?|$)/, (r) => r.abort());
        for (let url = queue.shift(); url; url = queue.shift()) await check(page, url, kind);
        await page.close();
      }),
    );
  };

  test('the desk’s JSON API, its forms and the WordPress importer take every payload in every text field (4xx or stored, never 5xx)', async () => {
    // Images, uploaded through the desk's media API with hostile alt, caption and credit.
    const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const imageIds: number[] = [];
    for (let i = 0; i < P; i++) {
      const form = new FormData();
      form.append('file', new File([png], `x${i}.png`, { type: 'image/png' }));
      form.append('alt', v(i, 30));
      form.append('caption', v(i, 31));
      form.append('credit', v(i, 32));
      const res = await owner.request('/desk/api/media', {
        method: 'POST',
        body: form,
        headers: { 'x-csrf-token': owner.csrf, accept: 'application/json' },
      });
      for (const f of ['media alt', 'media caption', 'media credit']) count(f, res.status);
      if (res.status === 201) imageIds.push((await res.json()).id);
    }
    assert.ok(imageIds.length > 0, 'some uploads were stored');

    // One story per payload through the desk's JSON API, each text field carrying another payload.
    for (let i = 0; i < P; i++) {
      const imageId = imageIds[i % imageIds.length]!;
      const story = {
        headline: v(i, 0, 300),
        dek: v(i, 1, 600),
        excerpt: v(i, 2),
        sectionId,
        heroImageId: imageId,
        heroCaption: v(i, 13),
        heroCredit: v(i, 14, 300),
        heroAlt: v(i, 15, 500),
        newTags: [v(i, 16, 60)],
        guestAuthor: v(i, 17, 200),
        // Search and social: in <title>, <meta> content, JSON-LD and the API.
        metaTitle: v(i, 50, 300),
        metaDescription: v(i, 51),
        ogTitle: v(i, 52, 300),
        ogDescription: v(i, 53),
        ogImageId: imageIds[(i + 1) % imageIds.length],
        twitterTitle: v(i, 54, 300),
        twitterDescription: v(i, 55),
        twitterImageId: imageIds[(i + 2) % imageIds.length],
        body: {
          version: 1,
          blocks: [
            {
              type: 'paragraph',
              content: [
                { text: v(i, 3) },
                { text: v(i, 4), href: 'https://example.com/ok' },
                { text: v(i, 5), bold: true },
              ],
            },
            { type: 'heading', level: 2, content: [{ text: v(i, 6) }] },
            { type: 'quote', content: [{ text: v(i, 7) }], attribution: v(i, 8, 500) },
            { type: 'list', ordered: false, items: [[{ text: v(i, 9) }]] },
            { type: 'image', imageId, alt: v(i, 10), caption: v(i, 11), credit: v(i, 12, 500) },
          ],
        },
      };
      const res = await owner.postJson('/desk/api/stories', { story });
      const fields = [
        'headline',
        'dek',
        'excerpt',
        'hero caption',
        'hero credit',
        'hero alt',
        'new tag',
        'guest byline',
        'meta title',
        'meta description',
        'social title',
        'social description',
        'twitter title',
        'twitter description',
      ];
      const blocks = ['paragraph', 'link text', 'bold text', 'heading', 'quote', 'quote attribution', 'list item'];
      for (const f of [...fields, ...blocks, 'image alt', 'image caption', 'image credit']) count(f, res.status);
      assert.equal(res.status, 201, `story ${i}: ${await res.clone().text()}`);
      const { id, slug } = await res.json();
      const published = await owner.postJson(`/desk/api/stories/${id}/publish`, {});
      assert.equal(published.status, 200, `publish ${i}: ${await published.clone().text()}`);
      storyIds.push(id);
      storySlugs.push(slug);
    }

    // A NUL character (which PostgreSQL cannot store) is refused wherever it comes: a 400 that says so.
    for (const x of WITH_NUL) {
      const asJson = await owner.postJson('/desk/api/stories', {
        story: { headline: x, sectionId, body: { version: 1, blocks: [] } },
      });
      count('headline with NUL', asJson.status);
      assert.equal(asJson.status, 400);
      assert.match((await asJson.json()).error.message, /NUL character/);
    }

    // Slugs and link targets: each payload alone (most are refused at the edge; what is kept is shown below).
    const probe = storyIds[0]!;
    let revision = (await (await owner.get(`/desk/api/stories/${probe}`)).json()).revision as number;
    const keptLinks: string[] = [];
    for (let i = 0; i < P; i++) {
      const slugSave = await owner.postJson(`/desk/api/stories/${probe}`, {
        baseRevision: revision,
        story: { slug: v(i, 0, 120) },
      });
      count('slug', slugSave.status);
      if (slugSave.status === 200) revision = (await slugSave.json()).revision;
      const linkSave = await owner.postJson(`/desk/api/stories/${probe}`, {
        baseRevision: revision,
        story: { body: { version: 1, blocks: [{ type: 'paragraph', content: [{ text: 'link', href: v(i, 0) }] }] } },
      });
      count('link target', linkSave.status);
      if (linkSave.status === 200) {
        revision = (await linkSave.json()).revision;
        keptLinks.push(v(i, 0));
      }
    }
    // Canonical URLs: each payload alone (only full http(s) addresses are kept); each kept one on a story of its own.
    const keptCanonicals: string[] = [];
    for (let i = 0; i < P; i++) {
      const save = await owner.postJson(`/desk/api/stories/${probe}`, {
        baseRevision: revision,
        story: { canonicalUrl: v(i, 0, 2000) },
      });
      count('canonical URL', save.status);
      if (save.status === 200) {
        revision = (await save.json()).revision;
        keptCanonicals.push(v(i, 0, 2000));
      }
    }
    for (const [k, canonicalUrl] of keptCanonicals.entries()) {
      const id = storyIds[1 + (k % (storyIds.length - 1))]!;
      const base = (await (await owner.get(`/desk/api/stories/${id}`)).json()).revision as number;
      const save = await owner.postJson(`/desk/api/stories/${id}`, { baseRevision: base, story: { canonicalUrl } });
      assert.equal(save.status, 200, await save.clone().text());
      assert.equal((await owner.postJson(`/desk/api/stories/${id}/publish`, {})).status, 200);
    }
    const links = await owner.postJson(`/desk/api/stories/${probe}`, {
      baseRevision: revision,
      story: {
        body: {
          version: 1,
          blocks: keptLinks.map((href, n) => ({ type: 'paragraph', content: [{ text: `kept link ${n}`, href }] })),
        },
      },
    });
    assert.equal(links.status, 200);
    assert.equal((await owner.postJson(`/desk/api/stories/${probe}/publish`, {})).status, 200);
    storySlugs[0] = (await links.json()).slug;

    // The no-JavaScript editor form: every payload as a Markdown paragraph of one story.
    await owner.refreshCsrf('/desk/stories/new');
    const md = await owner.postForm('/desk/stories', {
      headline: 'Markdown corpus',
      section_id: String(sectionId),
      body_markdown: CORPUS.join('\n\n'),
      new_tags: CORPUS.slice(0, 20)
        .map((x) => x.replaceAll(',', ' ').slice(0, 60))
        .join(','),
    });
    count('body Markdown (form)', md.status, P);
    count('tags (form)', md.status, 20);
    assert.equal(md.status, 303, await md.clone().text());
    const mdId = Number(/\/desk\/stories\/(\d+)\/edit/.exec(md.headers.get('location') ?? '')![1]);
    await owner.refreshCsrf('/desk');
    assert.equal((await owner.postJson(`/desk/api/stories/${mdId}/publish`, {})).status, 200);
    storyIds.push(mdId);
    storySlugs.push((await (await owner.get(`/desk/api/stories/${mdId}`)).json()).story.slug);

    // The guest bylines' profiles, through the desk's author API.
    const authors = await env.deps.db.selectFrom('authors').select(['id']).where('user_id', 'is', null).execute();
    for (const [i, a] of authors.entries()) {
      const res = await owner.postJson(`/desk/api/authors/${a.id}`, {
        name: v(i, 20, 120),
        roleTitle: v(i, 21, 120),
        bio: v(i, 22),
        shortBio: v(i, 23, 300),
        links: [{ label: v(i, 24, 80), url: 'https://example.com/profile' }],
      });
      for (const f of ['author name', 'author title', 'author bio', 'author short bio', 'author link label'])
        count(f, res.status);
      const url = await owner.postJson(`/desk/api/authors/${a.id}`, {
        name: v(i, 20, 120),
        links: [{ label: 'Link', url: v(i, 25, 500) }],
      });
      count('author link URL', url.status);
    }

    // A WordPress export whose every text is hostile: authors, categories (sections) and their descriptions,
    // tags and theirs, post titles, excerpts, subtitles, HTML bodies and Yoast / Rank Math fields.
    const cdata = (s: string) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
    const xmlText = (s: string) =>
      // XML 1.0 cannot carry these control characters; a real export has none.
      s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
    const figure = (i: number) =>
      `<figure><img src="https://wp.example/a.png" alt="${v(i, 43).replaceAll('"', '&quot;')}">` +
      `<figcaption>${v(i, 44)}</figcaption></figure>`;
    const items = CORPUS.map(
      (_, i) => `<item>
  <title>${cdata(xmlText(v(i, 40)))}</title>
  <dc:creator>${cdata(`wp${i}`)}</dc:creator>
  <content:encoded>${cdata(xmlText(`<p>${v(i, 41)}</p>\n\n${v(i, 42)}\n\n${figure(i)}`))}</content:encoded>
  <excerpt:encoded>${cdata(xmlText(v(i, 45)))}</excerpt:encoded>
  <wp:post_id>${1000 + i}</wp:post_id>
  <wp:post_date_gmt>2024-03-04 10:00:00</wp:post_date_gmt>
  <wp:post_name>${cdata(`wp-post-${i}`)}</wp:post_name>
  <wp:status>publish</wp:status>
  <wp:post_type>post</wp:post_type>
  <category domain="category" nicename="wp-cat-${i}">${cdata(xmlText(v(i, 46)))}</category>
  <category domain="post_tag" nicename="wp-tag-${i}">${cdata(xmlText(v(i, 47, 60)))}</category>
  <wp:postmeta><wp:meta_key>_yoast_wpseo_title</wp:meta_key><wp:meta_value>${cdata(xmlText(v(i, 56)))}</wp:meta_value></wp:postmeta>
  <wp:postmeta><wp:meta_key>_yoast_wpseo_metadesc</wp:meta_key><wp:meta_value>${cdata(xmlText(v(i, 57)))}</wp:meta_value></wp:postmeta>
  <wp:postmeta><wp:meta_key>_yoast_wpseo_opengraph-title</wp:meta_key><wp:meta_value>${cdata(xmlText(v(i, 58)))}</wp:meta_value></wp:postmeta>
  <wp:postmeta><wp:meta_key>rank_math_twitter_description</wp:meta_key><wp:meta_value>${cdata(xmlText(v(i, 59)))}</wp:meta_value></wp:postmeta>
  ${i % 2 ? `<wp:postmeta><wp:meta_key>newspack_post_subtitle</wp:meta_key><wp:meta_value>${cdata(xmlText(v(i, 61)))}</wp:meta_value></wp:postmeta>` : ''}
</item>`,
    );
    const author = (i: number) =>
      `<wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>${cdata(`wp${i}`)}</wp:author_login>` +
      `<wp:author_display_name>${cdata(xmlText(v(i, 48)))}</wp:author_display_name></wp:author>`;
    const category = (i: number) =>
      `<wp:category><wp:term_id>${i + 1}</wp:term_id><wp:category_nicename>${cdata(`wp-cat-${i}`)}</wp:category_nicename>` +
      `<wp:category_parent></wp:category_parent><wp:cat_name>${cdata(xmlText(v(i, 46)))}</wp:cat_name>` +
      `<wp:category_description>${cdata(xmlText(v(i, 49)))}</wp:category_description></wp:category>`;
    const tag = (i: number) =>
      `<wp:tag><wp:term_id>${5000 + i}</wp:term_id><wp:tag_slug>${cdata(`wp-tag-${i}`)}</wp:tag_slug>` +
      `<wp:tag_name>${cdata(xmlText(v(i, 47, 60)))}</wp:tag_name>` +
      `<wp:tag_description>${cdata(xmlText(v(i, 60)))}</wp:tag_description></wp:tag>`;
    const wxr = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Hostile</title><link>https://wp.example</link><wp:wxr_version>1.2</wp:wxr_version>
${CORPUS.map((_, i) => author(i)).join('\n')}
${CORPUS.map((_, i) => category(i)).join('\n')}
${CORPUS.map((_, i) => tag(i)).join('\n')}
${items.join('\n')}
</channel></rss>`;
    const file = join(env.dir, 'hostile-wxr.xml');
    writeFileSync(file, wxr);
    const report = await importFile(env.deps, 'wordpress', file);
    const imported = report.imported.post ?? 0;
    for (const f of [
      'import: post title',
      'import: HTML paragraph',
      'import: raw HTML',
      'import: image alt',
      'import: figure caption',
      'import: excerpt',
      'import: category name',
      'import: category description',
      'import: tag name',
      'import: tag description',
      'import: author name',
      'import: Yoast title',
      'import: Yoast description',
      'import: Yoast OpenGraph title',
      'import: Rank Math Twitter description',
      'import: Newspack subtitle',
    ])
      count(f, imported === P ? 200 : 400, P);
    assert.equal(imported, P, JSON.stringify(report.skipped));

    // Members: a Ghost members CSV uploaded through the desk's import form, every name a payload.
    const csvCell = (x: string) => `"${x.replaceAll('"', '""')}"`;
    const members = [
      'id,email,name,subscribed_to_emails,created_at',
      ...CORPUS.map((_, i) => `m${i},member${i}@corpus.test,${csvCell(v(i, 50, 120))},true,`),
    ].join('\n');
    const form = new FormData();
    form.set('_csrf', owner.csrf);
    form.set('newsletter', 'none');
    form.set('file', new File([members], 'members.csv', { type: 'text/csv' }));
    const upload = await owner.request('/desk/members/import', { method: 'POST', body: form });
    assert.equal(upload.status, 200, await upload.clone().text());
    const readers = await env.deps.db
      .selectFrom('readers')
      .select('id')
      .where('email', 'like', '%@corpus.test')
      .execute();
    count('members import: name', readers.length === P ? 200 : 400, P);
    assert.equal(readers.length, P);

    // Newsroom settings: each payload as the site's name and description, shown below on the story pages.
    // (Set one at a time while the pages are checked, in the next test.)
  });

  test('every reader page (home, story, section, tag, author, search) runs none of it and shows none of it as markup', async () => {
    const page = await browser.context.newPage();
    await owner.refreshCsrf('/desk/settings');
    const stories = await env.deps.db
      .selectFrom('stories')
      .select(['slug'])
      .where('status', '=', 'published')
      .orderBy('id')
      .execute();
    await page.route(/\.(png|jpe?g|webp|avif|gif)(\?|$)/, (r) => r.abort());
    // The settings change with each of the first story pages, so each payload is the site's name and description once.
    for (const [i, s] of stories.slice(0, P).entries()) {
      const res = await owner.postForm('/desk/settings', {
        name: v(i, 50, 120),
        description: v(i, 51, 300),
        language: 'en',
      });
      count('site name', res.status);
      count('site description', res.status);
      await check(page, `${server.url}/stories/${s.slug}`, 'reader');
    }
    await checkAll(
      stories.slice(P).map((s) => `${server.url}/stories/${s.slug}`),
      'reader',
    );
    const urls = [`${server.url}/`];
    for (const table of ['sections', 'tags', 'authors'] as const) {
      const rows = await env.deps.db.selectFrom(table).select(['slug']).execute();
      for (const r of rows) urls.push(`${server.url}/${table}/${r.slug}`);
    }
    for (let i = 0; i < P; i++) {
      count('search query', 200);
      urls.push(`${server.url}/search?q=${encodeURIComponent(v(i, 0, 200))}`);
    }
    await checkAll(urls, 'reader');
    await page.close();
    assert.deepEqual(findings, []);
  });

  test('every desk page that shows what was written runs none of it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/desk/login`);
    await page.fill('#email', owner.user!.email);
    await page.fill('#password', 'correct horse battery');
    await Promise.all([page.waitForURL(/\/desk(\?|$|\/)/), page.getByRole('button', { name: /sign in/i }).click()]);
    for (const path of [
      '/desk',
      '/desk/stories',
      '/desk/review',
      '/desk/media',
      '/desk/settings',
      '/desk/users',
      '/desk/profile',
      '/desk/banner',
      '/desk/jobs',
    ])
      await check(page, `${server.url}${path}`, 'desk');
    for (const id of storyIds) {
      await check(page, `${server.url}/desk/stories/${id}/edit`, 'desk');
      await page.waitForSelector('.ProseMirror');
      await scan(page, `editor of story ${id} after its script ran`, 'desk');
    }
    // The members list, every page of it (each shows fifty names), and members' own pages.
    for (let next: string | undefined = '/desk/members'; next; ) {
      await check(page, `${server.url}${next}`, 'desk');
      next = (await (await page.$('a[rel="next"]'))?.getAttribute('href')) ?? undefined;
    }
    const readers = await env.deps.db.selectFrom('readers').select('id').orderBy('id').execute();
    const authors = await env.deps.db.selectFrom('authors').select(['id']).execute();
    await checkAll(
      [
        ...storyIds.slice(0, 20).flatMap((id) => [`/desk/stories/${id}/preview`, `/desk/stories/${id}/revisions`]),
        ...authors.map((a) => `/desk/authors/${a.id}/edit`),
        ...readers.map((r) => `/desk/members/${r.id}`),
      ].map((path) => `${server.url}${path}`),
      'desk',
    );
    await page.close();
    assert.deepEqual(findings, []);
  });

  test('feeds (RSS, Atom, JSON Feed) parse, and their fields rendered as a feed reader would run none of it', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/robots.txt`);
    const render = async (where: string, fields: string[]) => {
      await page.setContent(`<!doctype html><body>${fields.map((f) => `<div>${f}</div>`).join('\n')}</body>`);
      await scan(page, where, 'feeds');
    };
    const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    const paths = ['/feed.xml', '/sections/city/feed.xml', ...storySlugs.slice(1, 4).map(() => '/feed.xml')];
    for (const path of [...new Set(paths)]) {
      const res = await t.request(path);
      assert.equal(res.status, 200, path);
      const feed = await parseFeed(await res.text());
      // RSS 2.0 text may be read as HTML or as text: both readings must be safe, so every field is rendered as HTML.
      const fields = [feed.meta.title ?? '', feed.meta.description ?? ''];
      for (const item of feed.items)
        fields.push(
          item.title ?? '',
          item.description ?? '',
          item.summary ?? '',
          item.author ?? '',
          ...(item.categories ?? []),
        );
      await render(`RSS ${path}`, fields);
    }
    // Atom says how each field is read (type="text" or "html"): rendered that way, as a reader would.
    const atomXml = await (await t.request('/feed.atom')).text();
    const atom = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(atomXml).feed;
    const entries = (Array.isArray(atom.entry) ? atom.entry : [atom.entry]) as Record<string, unknown>[];
    const asShown = (node: unknown) => {
      if (node === undefined) return '';
      const { '#text': text = '', type = 'text' } =
        typeof node === 'object' ? (node as { '#text'?: string; type?: string }) : { '#text': String(node) };
      return type === 'html' ? String(text) : esc(String(text));
    };
    await render(
      'Atom /feed.atom',
      entries.flatMap((e) => [asShown(e.title), asShown(e.summary), asShown(e.content)]),
    );
    const json = (await (await t.request('/feed.json')).json()) as {
      title: string;
      items: { title?: string; content_html?: string; summary?: string; authors?: { name: string }[] }[];
    };
    await render('JSON Feed /feed.json', [
      esc(json.title),
      ...json.items.flatMap((item) => [
        esc(item.title ?? ''),
        item.content_html ?? '',
        esc(item.summary ?? ''),
        ...(item.authors ?? []).map((a) => esc(a.name)),
      ]),
    ]);
    await page.close();
    assert.deepEqual(findings, []);
  });

  test('live (SSE) payloads: entries and banners pushed into an open page run none of it', async () => {
    const blog = await owner.postJson('/desk/api/stories', {
      story: { headline: 'Live: hostile day', kind: 'liveblog', sectionId, body: { version: 1, blocks: [] } },
    });
    assert.equal(blog.status, 201);
    const { id, slug } = await blog.json();
    assert.equal((await owner.postJson(`/desk/api/stories/${id}/publish`, {})).status, 200);
    const sse = openSse(`${server.url}/live/feed?blog=${id}`);
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/stories/${slug}`);
    await page.waitForSelector('[data-entries]', { state: 'attached' });
    await owner.refreshCsrf(`/desk/liveblogs/${id}`);
    let entries = 0;
    for (let i = 0; i < P; i++) {
      const res = await owner.postForm(`/desk/liveblogs/${id}/entries`, { headline: v(i, 60, 300), body: v(i, 61) });
      count('live entry headline', res.status);
      count('live entry body (Markdown)', res.status);
      if (res.status === 303) entries++;
    }
    assert.ok(entries > P / 2, `${entries} entries were taken`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-entries] > li').length >= n, entries, {
      timeout: 60_000,
    });
    await scan(page, `live blog ${slug} after ${P} entries`, 'sse');
    const home = await browser.context.newPage();
    await home.goto(`${server.url}/`);
    await owner.refreshCsrf('/desk/banner');
    for (let i = 0; i < P; i++) {
      const res = await owner.postForm('/desk/banner', { storyId: String(storyIds[i]), label: v(i, 62, 40) });
      count('banner label', res.status);
      if (i % 16 === 0 || i === P - 1) {
        await home.waitForSelector('#banner-slot .breaking');
        await scan(home, `home with banner ${i}`, 'sse');
      }
    }
    // The SSE payloads themselves: each is JSON, and its HTML, put into a page, runs nothing.
    await sse.waitFor((events) => events.length >= entries, 'the live entries');
    const htmls = sse.events.flatMap((e) => Object.values(e.data).filter((x): x is string => typeof x === 'string'));
    await home.goto(`${server.url}/robots.txt`);
    await home.setContent(`<!doctype html><body>${htmls.map((h) => `<div>${h}</div>`).join('')}</body>`);
    await scan(home, 'the SSE payloads’ strings as HTML', 'sse');
    sse.close();
    await page.close();
    await home.close();
    assert.deepEqual(findings, []);
  });

  test('the figures: payloads × fields tried, refused and executed', (c) => {
    const fields = [...tried.entries()];
    const sent = fields.reduce((n, [, f]) => n + f.sent, 0);
    const refused = fields.reduce((n, [, f]) => n + f.refused, 0);
    c.diagnostic(
      `hostile figures: xss: ${XSS_CORPUS.length} payloads (${WITH_NUL.length} with NUL, refused) × ${fields.length} ` +
        `fields = ${sent} values tried (${refused} refused at the edge, ${sent - refused} stored); ` +
        `pages checked in Chromium: ${pagesChecked.reader} reader, ${pagesChecked.desk} desk, ${pagesChecked.feeds} ` +
        `feed renderings, ${pagesChecked.sse} live; executed: ${executed}; injected: ${findings.length}`,
    );
    c.diagnostic(
      `hostile figures: xss fields: ${fields.map(([k, f]) => `${k} ${f.sent - f.refused}/${f.sent}`).join(', ')}`,
    );
    assert.ok(XSS_CORPUS.length >= 100, 'the corpus has at least 100 payloads');
    assert.equal(executed, 0);
    assert.deepEqual(findings, []);
  });
});
