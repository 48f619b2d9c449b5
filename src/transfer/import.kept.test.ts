import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { writeMediaFolder } from '../../test/support/import-media.js';
import type { Story } from '../db/database.js';
import { exportNewsroom } from './export.service.js';
import { formatReport } from './import.report.js';
import { importFile } from './import.service.js';
import { placePendingMedia } from './pending-media.service.js';
import type { ImportReport } from './source.model.js';

const FIX = 'test/fixtures/import';

/** The JSON-LD blocks of a page, parsed. */
const jsonLd = (html: string): Record<string, unknown>[] =>
  [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
/** The content of a <meta> by property or name. */
const metaOf = (html: string, key: string): string | undefined =>
  new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1];

for (const dialect of DIALECTS) {
  describe(`a real export’s fields are kept or reported (${dialect})`, () => {
    let t: TestApp;
    let ghost: ImportReport;
    let wordpress: ImportReport;
    const story = (slug: string): Promise<Story> =>
      t.deps.db.selectFrom('stories').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
    const page = async (path: string) => {
      const res = await t.request(path);
      return { status: res.status, location: res.headers.get('location'), body: await res.text() };
    };

    before(async () => {
      t = await createTestApp(dialect);
      ghost = await importFile(t.deps, 'ghost', `${FIX}/ghost-v6-site.json`);
      wordpress = await importFile(t.deps, 'wordpress', `${FIX}/wordpress-seo.xml`);
    });
    after(() => t.close());

    test('Ghost: custom_excerpt is the dek, the excerpt comes from the body; captions keep their credit apart', async () => {
      const market = await story('night-market-moves');
      assert.equal(market.dek, "Traders trade the square for the water's edge.");
      assert.equal(
        market.excerpt,
        'The Thursday night market will set up on the old quay from next week, traders said.',
      );
      const ferry = await story('ferry-timetable-clocks');
      assert.equal(ferry.dek, '', 'no custom excerpt, no dek');
      // Remote feature images wait as pending media with their alt, caption and credit.
      const held = await t.deps.db
        .selectFrom('pending_media')
        .select(['target_id', 'role', 'source_url', 'alt', 'caption', 'credit'])
        .where('target_kind', '=', 'story')
        .where('target_id', 'in', [market.id, ferry.id])
        .orderBy('target_id')
        .orderBy('role')
        .execute();
      assert.deepEqual(
        held.map(({ target_id, ...r }) => ({ story: target_id === market.id ? 'market' : 'ferry', ...r })),
        [
          {
            story: 'market',
            role: 'hero',
            source_url: 'https://ghost.invalid/content/images/2024/03/quay.jpg',
            alt: 'Stalls lit up along the quay',
            caption: 'Stalls on the quay at dusk.',
            credit: 'Ivo Brandt',
          },
          {
            story: 'market',
            role: 'og',
            source_url: 'https://ghost.invalid/content/images/2024/03/quay-social.jpg',
            alt: '',
            caption: '',
            credit: '',
          },
          {
            story: 'ferry',
            role: 'hero',
            source_url: 'https://images.example.net/ferry-deck.jpg',
            alt: "The ferry's upper deck",
            caption: '',
            credit: 'Kai Norden / Unsplash',
          },
          {
            story: 'ferry',
            role: 'twitter',
            source_url: 'https://images.example.net/ferry-card.jpg',
            alt: '',
            caption: '',
            credit: '',
          },
        ],
      );
    });

    test('Ghost: search and social fields from posts_meta, canonical URLs elsewhere kept, into the old site not', async () => {
      const market = await story('night-market-moves');
      assert.deepEqual(
        {
          meta_title: market.meta_title,
          meta_description: market.meta_description,
          og_title: market.og_title,
          og_description: market.og_description,
          twitter_title: market.twitter_title,
          twitter_description: market.twitter_description,
          canonical_url: market.canonical_url,
          noindex: Number(market.noindex),
        },
        {
          meta_title: 'Night market moves to the quay | Harbour Gazette',
          meta_description: 'The Thursday night market moves to the old quay while the square is resurfaced.',
          og_title: 'The market is moving',
          og_description: 'From the square to the quay, from next Thursday.',
          twitter_title: 'Night market: new address',
          twitter_description: '',
          canonical_url: '',
          noindex: 0,
        },
      );
      assert.equal(
        (await story('ferry-timetable-clocks')).canonical_url,
        'https://harbourgazette.example.com/2024/03/ferry-timetable/',
      );
      assert.equal((await story('lighthouse-open-day')).canonical_url, '', '__GHOST_URL__/… is the old site');
    });

    test('Ghost: the page head and JSON-LD use them, with the defaults where a field is empty', async () => {
      const { body } = await page('/stories/night-market-moves');
      assert.match(body, /<title>Night market moves to the quay \| Harbour Gazette<\/title>/, 'the meta title, whole');
      assert.equal(
        metaOf(body, 'description'),
        'The Thursday night market moves to the old quay while the square is resurfaced.',
      );
      assert.equal(metaOf(body, 'og:title'), 'The market is moving');
      assert.equal(metaOf(body, 'og:description'), 'From the square to the quay, from next Thursday.');
      assert.equal(metaOf(body, 'twitter:title'), 'Night market: new address');
      assert.equal(
        metaOf(body, 'twitter:description'),
        'From the square to the quay, from next Thursday.',
        'an empty Twitter description takes the OpenGraph one',
      );
      assert.equal(metaOf(body, 'robots'), 'max-image-preview:large');
      assert.match(body, /<p class="dek">Traders trade the square for the water&#39;s edge\.<\/p>/);
      const article = jsonLd(body).find((d) => d['@type'] === 'NewsArticle')!;
      assert.equal(article.headline, 'Night market moves to the quay');
      assert.equal(
        article.description,
        'The Thursday night market moves to the old quay while the square is resurfaced.',
      );

      const ferry = await page('/stories/ferry-timetable-clocks');
      const canonical = 'https://harbourgazette.example.com/2024/03/ferry-timetable/';
      assert.match(ferry.body, new RegExp(`<link rel="canonical" href="${canonical}"/>`));
      assert.equal(metaOf(ferry.body, 'og:url'), canonical);
      assert.equal(jsonLd(ferry.body).find((d) => d['@type'] === 'NewsArticle')!.url, canonical);
      assert.match(ferry.body, /<title>Ferry timetable changes with the clocks — /, 'no meta title: the headline');
    });

    test('Ghost: authors keep bio and social profiles; tags their descriptions', async () => {
      const marta = await t.deps.db
        .selectFrom('authors')
        .selectAll()
        .where('slug', '=', 'marta')
        .executeTakeFirstOrThrow();
      assert.equal(marta.bio, 'Marta covers the port and the people who work it.');
      assert.equal(marta.role_title, 'Author');
      assert.deepEqual(JSON.parse(marta.links), [
        { label: 'Website', url: 'https://marta.example.org' },
        { label: 'Facebook', url: 'https://www.facebook.com/marta.kowalenko' },
        { label: 'X', url: 'https://x.com/martak' },
        { label: 'Bluesky', url: 'https://bsky.app/profile/marta.bsky.social' },
        { label: 'Mastodon', url: 'https://social.example/@marta' },
        { label: 'Instagram', url: 'https://www.instagram.com/marta.k' },
        { label: 'LinkedIn', url: 'https://www.linkedin.com/in/martakowalenko' },
      ]);
      const tags = await t.deps.db
        .selectFrom('tags')
        .select(['slug', 'description'])
        .where('slug', 'in', ['harbour', 'transport', 'grain'])
        .orderBy('slug')
        .execute();
      assert.deepEqual(tags, [
        { slug: 'grain', description: 'Wheat, barley and the prices they fetch.' },
        { slug: 'harbour', description: 'News from the port, the quays and the boats.' },
        { slug: 'transport', description: 'Ferries, buses and the roads between them.' },
      ]);
      const section = await t.deps.db
        .selectFrom('sections')
        .select('description')
        .where('slug', '=', 'harbour')
        .executeTakeFirstOrThrow();
      assert.equal(section.description, 'News from the port, the quays and the boats.');
    });

    test('Ghost: the report lists every field left behind and every value changed', () => {
      assert.deepEqual(ghost.imported, { author: 2, section: 2, tag: 2, post: 3, page: 2 });
      const text = formatReport(ghost);
      for (const line of [
        'site: 1 × navigation (3 links: Home /, Harbour /tag/harbour/, About /about/): not imported',
        'site: 1 × secondary_navigation (1 link: Contact /contact/): not imported',
        'site: 1 × timezone: not imported: times are shown in the TIME_ZONE this server is configured with',
        'site: 1 × codeinjection_head: not imported (raw HTML and scripts)',
        'members: 2 × readers’ accounts are not imported here',
        'products: 2 × tiers are not imported (reader revenue)',
        'newsletters: 1 × newsletters are not imported',
        'post: 1 × codeinjection_head: not imported (raw HTML and scripts)',
        'post: 1 × codeinjection_foot: not imported (raw HTML and scripts)',
        'post: 1 × featured: not kept (no featured slot here; imported as any other)',
        'post: 1 × custom_template: not kept',
        'post: 1 × sent as a newsletter: the email is not imported',
        'post: 1 × canonical_url into the old site',
        'author: 1 × location: not kept',
        'author: 1 × cover_image: not kept',
        'author: 1 × mastodon "ivo": not a handle we can link to',
        'tag: 1 × feature_image: not kept',
        'tag: 1 × internal tag (#name)',
        'post: 1 × custom_excerpt → dek',
        'page: 1 × custom_excerpt → dek',
        'post: 3 × times written without a zone: read as UTC, as Ghost stores them',
        'post: 2 × feature_image_caption: the credit at its end moved to the credit field',
        'post: 2 × feature_image_caption: markup reduced to text',
        'post: 1 × members-only post imported as public',
        'page: 2 × imported as a page: never listed as news',
        'author: 1 × twitter handle kept as a profile link',
      ])
        assert.ok(text.includes(`  ${line}`), `report line: ${line}\n${text}`);
    });

    test('pages are pages: readable at their address, never in a listing, feed, search, sitemap or the API’s lists', async () => {
      const about = await story('about');
      assert.equal(about.kind, 'page');
      assert.equal(about.status, 'published');
      assert.equal(about.dek, 'Who we are and how to reach us.');
      const old = await page('/about/');
      assert.equal(old.status, 301);
      assert.equal(old.location, '/about');
      const shown = await page('/about');
      assert.equal(shown.status, 200);
      assert.match(shown.body, /<h1>About the Harbour Gazette<\/h1>/);
      const article = /<article class="story page"[\s\S]*?<\/article>/.exec(shown.body)?.[0] ?? '';
      assert.match(article, /Write to the newsroom/);
      assert.doesNotMatch(article, /class="label"|class="byline"|class="crumbs"|<time/, 'no news label, byline, date');
      const ld = jsonLd(shown.body);
      assert.deepEqual(
        ld.map((d) => d['@type']),
        ['WebPage'],
      );
      assert.equal(metaOf(shown.body, 'og:type'), 'website');

      const section = await t.deps.db
        .selectFrom('sections')
        .select('slug')
        .where('id', '=', about.section_id)
        .executeTakeFirstOrThrow();
      // A page's address (/about) as a link, a feed's <link> or a JSON URL, or under /stories/ as before pages had theirs.
      const pagesOf = (html: string) =>
        ['about', 'contact', 'tips'].filter((slug) =>
          new RegExp(`(["'>]|news\\.test|/stories)/${slug}/?(["'<\\\\])`).test(html),
        );
      assert.deepEqual(pagesOf(shown.body), ['about'], 'the matcher finds a page’s own address');
      const listings = [
        '/',
        `/sections/${section.slug}`,
        '/tags/transport',
        '/authors/ivo',
        '/authors/oksana',
        '/feed.xml',
        '/feed.atom',
        '/feed.json',
        '/tags/transport/feed.xml',
        '/authors/ivo/feed.json',
        '/sitemap.xml',
        '/sitemaps/stories-1.xml',
        '/search?q=newsroom',
        '/search?q=herald',
        '/api/v1/stories',
        '/api/v1/feed',
        '/api/v1/search?q=newsroom',
      ];
      for (const path of listings) {
        const res = await page(path);
        assert.equal(res.status, 200, path);
        assert.deepEqual(pagesOf(res.body), [], `${path} lists a page`);
      }
      // The listings are not empty: the news is there.
      assert.match((await page('/tags/transport')).body, /\/stories\/ferry-timetable-clocks/);
      assert.match((await page('/sitemaps/stories-1.xml')).body, /\/stories\/night-market-moves/);
      const api = await (await t.request('/api/v1/stories/about')).json();
      assert.equal(api.data.kind, 'page');
      // No page made a section of its own: the sections are the posts' first tags and categories.
      const sections = await t.deps.db.selectFrom('sections').select('slug').orderBy('slug').execute();
      assert.deepEqual(
        sections.map((s) => s.slug),
        ['farming', 'harbour', 'transport', 'weather'],
      );
    });

    test('WordPress: Yoast and Rank Math fields (templates filled in), the primary category, co-authors with bios', async () => {
      const harvest = await story('harvest-begins-early');
      assert.equal(harvest.meta_title, 'Harvest begins early – Steppe Herald');
      assert.equal(harvest.meta_description, 'Harvest began early on the plain after a warm March.');
      assert.equal(harvest.og_title, 'An early harvest');
      assert.equal(harvest.twitter_description, 'Ten days ahead of last year.');
      assert.equal(harvest.canonical_url, 'https://partner.example.net/early-harvest');
      assert.equal(harvest.dek, 'Warm weather brings the wheat in sooner.');
      assert.equal(harvest.excerpt, 'The first combines rolled out on Wednesday, ten days ahead of last year.');
      const section = await t.deps.db
        .selectFrom('sections')
        .select('slug')
        .where('id', '=', harvest.section_id)
        .executeTakeFirstOrThrow();
      assert.equal(section.slug, 'farming', 'Yoast’s primary category, not the first listed');
      const byline = await t.deps.db
        .selectFrom('story_authors')
        .innerJoin('authors', 'authors.id', 'story_authors.author_id')
        .select(['authors.slug', 'authors.bio'])
        .where('story_id', '=', harvest.id)
        .orderBy('position')
        .execute();
      assert.deepEqual(byline, [
        { slug: 'andriy-koval', bio: 'Andriy reports on weather and the land for the Herald.' },
        { slug: 'oksana', bio: '' },
      ]);
      // The featured image with its caption and the credit from the attachment's description, and the social image.
      const held = await t.deps.db
        .selectFrom('pending_media')
        .select(['role', 'source_url', 'alt', 'caption', 'credit'])
        .where('target_kind', '=', 'story')
        .where('target_id', '=', harvest.id)
        .orderBy('role')
        .execute();
      assert.deepEqual(held, [
        {
          role: 'hero',
          source_url: 'https://steppe.example.org/wp-content/uploads/2024/03/combine.jpg',
          alt: 'A red combine harvester at dusk',
          caption: 'A combine harvester crosses the last field.',
          credit: 'Taras Melnyk',
        },
        {
          role: 'og',
          source_url: 'https://steppe.example.org/wp-content/uploads/2024/03/social.jpg',
          alt: 'Fields under a wide sky',
          caption: '',
          credit: '',
        },
      ]);

      const dry = await story('dry-spring');
      assert.equal(dry.dek, 'Forecasters warn of a dry May', 'the Newspack subtitle is the dek');
      assert.equal(dry.excerpt, 'Growers meet as the soil dries.', 'and the excerpt stays the excerpt');
      assert.equal(dry.meta_title, 'Dry spring worries growers – Steppe Herald');
      assert.equal(Number(dry.noindex), 1, 'Rank Math noindex');
      const head = (await page('/stories/dry-spring')).body;
      assert.equal(metaOf(head, 'robots'), 'noindex');
      assert.doesNotMatch((await page('/sitemaps/stories-1.xml')).body, /\/stories\/dry-spring/);
      assert.match((await page('/')).body, /\/stories\/dry-spring/, 'noindex is for search engines: still news here');

      assert.equal((await story('about-2')).kind, 'page', 'the WordPress About page (its slug was taken)');
      assert.equal((await story('about-2')).meta_description, 'Who writes the Herald and how to reach us.');
    });

    test('WordPress: the report lists what was left behind and what changed', () => {
      assert.deepEqual(wordpress.imported, { author: 2, section: 2, tag: 1, post: 4, page: 2 });
      const text = formatReport(wordpress);
      for (const line of [
        'post: 1 × _yoast_wpseo_focuskw: not kept',
        'post: 1 × rank_math_focus_keyword: not kept',
        'post: 1 × sticky: not kept',
        'post: 1 × password-protected: imported as public',
        'comment: 2 × not imported',
        'page: 1 × parent page: not kept',
        'page: 1 × _wp_page_template: not kept',
        'author: 1 × email: not kept',
        'post: 1 × _yoast_wpseo_title: template variables filled in',
        'post: 1 × rank_math_title: template variables filled in',
        'post: 1 × newspack_post_subtitle → dek',
        'post: 1 × excerpt → dek',
        'page: 1 × slug taken here already: a number added to it',
        'page: 2 × imported as a page: never listed as news',
      ])
        assert.ok(text.includes(`  ${line}`), `report line: ${line}\n${text}`);
    });

    test('the content API and the export carry the search and social fields', async () => {
      const { data } = await (await t.request('/api/v1/stories/night-market-moves')).json();
      assert.deepEqual(data.seo, {
        metaTitle: 'Night market moves to the quay | Harbour Gazette',
        metaDescription: 'The Thursday night market moves to the old quay while the square is resurfaced.',
        ogTitle: 'The market is moving',
        ogDescription: 'From the square to the quay, from next Thursday.',
        ogImage: null,
        twitterTitle: 'Night market: new address',
        twitterDescription: '',
        twitterImage: null,
        canonicalUrl: '',
        noindex: false,
      });
      const exported = await exportNewsroom(t.deps);
      const row = exported.tables.stories!.find((r) => r.slug === 'dry-spring')!;
      assert.equal(row.meta_description, 'A dry spring could cut yields, the weather service says.');
      assert.equal(Number(row.noindex), 1);
      assert.equal(exported.tables.stories!.find((r) => r.slug === 'about')!.kind, 'page');
    });

    test('pending social images are placed as the social images, not into the body', async () => {
      const dir = await writeMediaFolder(join(t.dir, 'later'), [
        'content/images/2024/03/quay-social.jpg',
        'ferry-card.jpg',
        'wp-content/uploads/2024/03/social.jpg',
      ]);
      const before = await story('night-market-moves');
      await placePendingMedia(t.deps, dir);
      const market = await story('night-market-moves');
      assert.ok(market.og_image_id, 'og image placed');
      assert.equal(market.body, before.body, 'the body is untouched');
      assert.ok((await story('ferry-timetable-clocks')).twitter_image_id, 'twitter image placed');
      const harvest = await story('harvest-begins-early');
      assert.ok(harvest.og_image_id);
      const head = (await page('/stories/night-market-moves')).body;
      assert.match(metaOf(head, 'og:image') ?? '', /^http:\/\/news\.test\/media\//);
      assert.equal(metaOf(head, 'twitter:image'), metaOf(head, 'og:image'), 'no Twitter image: the OpenGraph one');
    });
  });
}
