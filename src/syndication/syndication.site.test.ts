import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseDocument } from 'htmlparser2';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeAuthor, makeImage, makeSection, makeStory, makeTag, p } from '../../test/support/factories.js';
import { parseFeed } from '../../test/support/feed-parser.js';
import { jsonFeedErrors } from '../../test/support/json-feed.js';
import { atomErrors, wellFormedErrors } from '../../test/support/xml-validate.js';
import type { Story } from '../db/database.js';
import { updateSettings } from '../settings/settings.service.js';
import { updateStory } from '../stories/story.service.js';
import { stripIllegalXmlChars } from '../lib/xml.js';

const BASE = 'http://news.test';
/** A headline with markup, entities, a CDATA terminator and characters XML 1.0 forbids outright. */
const HOSTILE = `<script>alert("x")</script> & ]]> 'q' \u0001\u0008\u000B\uFFFE end`;
// (Lone surrogates are covered by xml.test.ts: the databases cannot store them as they are.)
const HOSTILE_CLEAN = `<script>alert("x")</script> & ]]> 'q'  end`;
/** The title as written in the document: feedparser's own `title` strips tags, which would hide an escaping bug. */
const rawTitle = (i: any): string => (i['rss:title'] ?? i['atom:title'])['#'];
/**
 * An RSS text field as a reader that renders it as HTML sees it (RSS 2.0 leaves that open, and many do): it must
 * hold no element, comment or other markup, only text, and that text is returned (entities decoded).
 */
function asHtml(field: string): string {
  const nodes = parseDocument(field).children;
  const markup = nodes.filter((n) => n.type !== 'text');
  assert.deepEqual(
    markup.map((n) => n.type),
    [],
    `read as HTML, ${JSON.stringify(field)} must be text only`,
  );
  return nodes.map((n) => (n as { data: string }).data).join('');
}
/** Now, for the app's clock: stories without an explicit update time were last changed at this moment. */
const NOW = Date.UTC(2026, 2, 1, 15);
const FORMATS = ['xml', 'atom', 'json'] as const;

type JsonFeed = { title: string; feed_url: string; items: Record<string, any>[] };

for (const dialect of DIALECTS) {
  describe(`feeds (${dialect})`, () => {
    let t: TestApp;
    let europeStory: Story, worldStory: Story, politicsStory: Story, hostile: Story, heroBytes: number;
    let authorSlug: string, tagSlug: string;

    before(async () => {
      t = await createTestApp(dialect, { clock: () => NOW });
      const world = await makeSection(t.deps, { name: 'World' });
      const europe = await makeSection(t.deps, { name: 'Europe', parent_id: world.id });
      const politics = await makeSection(t.deps, { name: 'Politics' });
      const author = await makeAuthor(t.deps, { name: 'Olha Feed' });
      const second = await makeAuthor(t.deps, { name: 'Petro Feed' });
      authorSlug = author.slug;
      const tag = await makeTag(t.deps, 'Energy');
      tagSlug = tag.slug;
      const hero = await makeImage(t.deps, { alt: 'River at dawn' }, { width: 1600, height: 900 });
      heroBytes = JSON.parse(hero.crops).find((c: { ratio: string }) => c.ratio === '16x9').bytes;
      const inline = await makeImage(t.deps, { alt: 'Inline photo' }, { width: 800, height: 600 });
      const at = Date.UTC(2026, 2, 1, 12);
      worldStory = await makeStory(t.deps, { headline: 'World story', sectionId: world.id, publishedAt: at });
      europeStory = await makeStory(t.deps, {
        headline: 'Europe story',
        dek: 'The dek of the Europe story.',
        sectionId: europe.id,
        authorIds: [author.id, second.id],
        tagIds: [tag.id],
        heroImageId: hero.id,
        heroAlt: 'A river at dawn',
        publishedAt: at + 60_000,
        updatedAt: at + 3_600_000,
        body: {
          version: 1,
          blocks: [
            {
              type: 'paragraph',
              content: [{ text: 'See ' }, { text: 'the tag page', href: '/tags/energy' }, { text: '.' }],
            },
            { type: 'image', imageId: inline.id, alt: 'Inline photo' },
            { type: 'embed', storyId: worldStory.id },
          ],
        },
      });
      politicsStory = await makeStory(t.deps, {
        headline: 'Politics story',
        sectionId: politics.id,
        publishedAt: at + 120_000,
      });
      hostile = await makeStory(t.deps, {
        headline: HOSTILE,
        dek: `</description><script>x</script>`,
        sectionId: world.id,
        authorIds: [author.id],
        publishedAt: at + 180_000,
        body: { version: 1, blocks: [p(`Body with ]]> and <b>tags</b> & \u0002 control.`)] },
      });
      await makeStory(t.deps, { headline: 'Draft story', status: 'draft', sectionId: world.id });
    });
    after(() => t.close());

    const get = (path: string, headers: Record<string, string> = {}) => t.request(path, { headers });
    const xmlFeed = async (path: string) => {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      const text = await res.text();
      assert.deepEqual(await wellFormedErrors(text), [], `${path} is well-formed XML`);
      if (path.endsWith('.atom'))
        assert.deepEqual(await atomErrors(text), [], `${path} is valid against RFC 4287's schema`);
      return { res, text, feed: await parseFeed(text) };
    };
    const jsonFeed = async (path: string) => {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      const body = (await res.json()) as JsonFeed;
      assert.deepEqual(jsonFeedErrors(body), [], `${path} is a valid JSON Feed 1.1`);
      return { res, body };
    };
    const titlesOf = async (prefix: string) => {
      const rss = (await xmlFeed(`${prefix}/feed.xml`)).feed.items.map((i) => asHtml(rawTitle(i)));
      const atom = (await xmlFeed(`${prefix}/feed.atom`)).feed.items.map(rawTitle);
      // JSON may carry control characters; XML cannot, so compare what both can say.
      const json = (await jsonFeed(`${prefix}/feed.json`)).body.items.map((i) =>
        stripIllegalXmlChars(i.title as string),
      );
      assert.deepEqual(atom, rss, `${prefix}: Atom lists what RSS lists`);
      assert.deepEqual(json, rss, `${prefix}: JSON Feed lists what RSS lists`);
      return rss;
    };

    test('every scope and format parses with a real parser and lists the right stories, newest first', async () => {
      assert.deepEqual(await titlesOf(''), [HOSTILE_CLEAN, 'Politics story', 'Europe story', 'World story']);
      assert.deepEqual(
        await titlesOf('/sections/world'),
        [HOSTILE_CLEAN, 'Europe story', 'World story'],
        'a section includes its children',
      );
      assert.deepEqual(await titlesOf('/sections/europe'), ['Europe story']);
      assert.deepEqual(await titlesOf(`/authors/${authorSlug}`), [HOSTILE_CLEAN, 'Europe story']);
      assert.deepEqual(await titlesOf(`/tags/${tagSlug}`), ['Europe story']);
    });

    test('media types, self links and channel data', async () => {
      const rss = await xmlFeed('/sections/world/feed.xml');
      assert.equal(rss.res.headers.get('content-type'), 'application/rss+xml; charset=utf-8');
      assert.equal(rss.feed.meta['#type'], 'rss');
      assert.equal(rss.feed.meta.title, 'World — Broadsheet');
      assert.equal(rss.feed.meta.link, `${BASE}/sections/world`);
      assert.equal(rss.feed.meta.xmlurl, `${BASE}/sections/world/feed.xml`);
      assert.equal(rss.feed.meta.language, 'en');
      const atom = await xmlFeed('/sections/world/feed.atom');
      assert.equal(atom.res.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
      assert.equal(atom.feed.meta['#type'], 'atom');
      assert.equal(atom.feed.meta.xmlurl, `${BASE}/sections/world/feed.atom`);
      assert.equal(
        atom.feed.meta.date?.toISOString(),
        new Date(NOW).toISOString(),
        'feed updated = newest item change',
      );
      const json = await jsonFeed('/sections/world/feed.json');
      assert.equal(json.res.headers.get('content-type'), 'application/feed+json; charset=utf-8');
      assert.equal(json.body.feed_url, `${BASE}/sections/world/feed.json`);
    });

    test('each item carries id, link, dates, authors, summary, full content with absolute URLs and the hero image', async () => {
      const url = `${BASE}/stories/${europeStory.slug}`;
      const id = `${BASE}/stories/id/${europeStory.id}`;
      const published = new Date(Date.UTC(2026, 2, 1, 12, 1)).toISOString();
      const updated = new Date(Date.UTC(2026, 2, 1, 13)).toISOString();
      const checkContent = (html: string) => {
        assert.match(html, /<a href="http:\/\/news\.test\/tags\/energy">the tag page<\/a>/);
        assert.match(html, /<img src="http:\/\/news\.test\/media\/img\/[^"]+" [^>]*alt="Inline photo"/);
        assert.match(html, /class="embed"[\s\S]*href="http:\/\/news\.test\/stories\/world-story"/);
        assert.ok(!/(src|href|srcset)="\//.test(html), 'no site-relative URL in feed content');
        // Feed readers get one absolute src per image (document.render drops srcsets for feeds), so nothing relative hides in one.
        assert.ok(!html.includes('srcset='), 'no srcset in feed content');
      };

      const rss = (await xmlFeed('/feed.xml')).feed.items.find((i) => i.title === 'Europe story')!;
      assert.equal(rss.link, url);
      assert.equal(rss.guid, id);
      assert.equal(rss.pubdate?.toISOString(), published);
      assert.equal((rss as any)['dcterms:modified']['#'], updated.replace('.000', ''));
      assert.deepEqual(
        ((rss as any)['dc:creator'] as { '#': string }[]).map((c) => c['#']),
        ['Olha Feed', 'Petro Feed'],
      );
      assert.equal(rss.summary, 'The dek of the Europe story.');
      assert.deepEqual(rss.categories, ['Energy']);
      checkContent(rss.description);
      assert.equal(rss.enclosures.length, 1);
      assert.match(rss.enclosures[0]!.url!, /^http:\/\/news\.test\/media\/.+\/crop-16x9\.jpg$/);
      assert.equal(rss.enclosures[0]!.type, 'image/jpeg');
      assert.equal(Number(rss.enclosures[0]!.length), heroBytes);
      assert.equal((rss as any)['media:content']['@'].width, '1200');
      const media = await t.request(rss.enclosures[0]!.url!.slice(BASE.length));
      assert.equal(media.status, 200, 'the enclosure exists');
      assert.equal((await media.arrayBuffer()).byteLength, heroBytes, 'its length is exact');

      const atom = (await xmlFeed('/feed.atom')).feed.items.find((i) => i.title === 'Europe story')!;
      assert.equal(atom.guid, id);
      assert.equal(atom.link, url);
      assert.equal(atom.pubdate?.toISOString(), published);
      assert.equal(atom.date?.toISOString(), updated);
      const atomAuthors = (atom as any)['atom:author'] as { name: { '#': string }; uri: { '#': string } }[];
      assert.deepEqual(
        atomAuthors.map((a) => [a.name['#'], a.uri['#']]),
        [
          ['Olha Feed', `${BASE}/authors/olha-feed`],
          ['Petro Feed', `${BASE}/authors/petro-feed`],
        ],
      );
      assert.equal(atom.summary, 'The dek of the Europe story.');
      checkContent(atom.description);
      assert.match(atom.enclosures[0]!.url!, /crop-16x9\.jpg$/);
      assert.equal(Number(atom.enclosures[0]!.length), heroBytes);

      const json = (await jsonFeed('/feed.json')).body.items.find((i) => i.title === 'Europe story')!;
      assert.equal(json.id, id);
      assert.equal(json.url, url);
      assert.equal(json.date_published, published.replace('.000', ''));
      assert.equal(json.date_modified, updated.replace('.000', ''));
      assert.deepEqual(json.authors, [
        { name: 'Olha Feed', url: `${BASE}/authors/olha-feed` },
        { name: 'Petro Feed', url: `${BASE}/authors/petro-feed` },
      ]);
      assert.deepEqual(json.tags, ['Energy']);
      assert.equal(json.summary, 'The dek of the Europe story.');
      assert.match(json.image, /^http:\/\/news\.test\/media\/.+\/crop-16x9\.jpg$/);
      checkContent(json.content_html);
    });

    test('hostile text stays text in every format, and characters XML forbids are dropped', async () => {
      for (const path of [
        '/feed.xml',
        '/feed.atom',
        `/authors/${authorSlug}/feed.xml`,
        `/authors/${authorSlug}/feed.atom`,
      ]) {
        const { text, feed } = await xmlFeed(path);
        assert.ok(!text.includes('<script>'), `${path}: no raw markup`);
        assert.ok(!/[\u0001\u0002\u0008\u000B\uFFFE]/.test(text), `${path}: no illegal characters`);
        const item = feed.items.find((i) => i.guid === `${BASE}/stories/id/${hostile.id}`)!;
        // RSS text is HTML-escaped as well (see the test below); Atom says type="text", so it is plain.
        const read = path.endsWith('.xml') ? asHtml : (s: string) => s;
        assert.equal(read(rawTitle(item)), HOSTILE_CLEAN);
        assert.equal(read(item.summary), '</description><script>x</script>');
        assert.match(
          item.description,
          /Body with \]\]&gt; and &lt;b&gt;tags&lt;\/b&gt; &amp; {2}control\./,
          'body text is escaped HTML inside the feed',
        );
      }
      const json = (await jsonFeed('/feed.json')).body.items.find((i) => i.id === `${BASE}/stories/id/${hostile.id}`)!;
      assert.equal(json.title, HOSTILE, 'JSON carries the headline exactly as stored');
      assert.ok(!json.content_html.includes('<b>'));
    });

    test('the id never changes when the slug does, and answers with a redirect to the story', async () => {
      const before = (await xmlFeed('/feed.xml')).feed.items.find((i) => i.title === 'Politics story')!;
      await updateStory(t.deps, politicsStory.id, { slug: 'politics-renamed' }, 'test');
      const after = (await xmlFeed('/feed.xml')).feed.items.find((i) => i.title === 'Politics story')!;
      assert.equal(after.guid, before.guid);
      assert.notEqual(after.link, before.link);
      assert.equal(after.link, `${BASE}/stories/politics-renamed`);
      const res = await t.request(`/stories/id/${politicsStory.id}`);
      assert.equal(res.status, 301);
      assert.equal(res.headers.get('location'), '/stories/politics-renamed');
      for (const bad of ['/stories/id/999999', '/stories/id/abc', `/stories/id/${'9'.repeat(40)}`])
        assert.equal((await t.request(bad)).status, 404, bad);
    });

    test('conditional GET: strong ETag and Last-Modified give 304, and a change gives a new body', async () => {
      for (const path of [
        '/feed.xml',
        '/feed.atom',
        '/feed.json',
        '/sections/world/feed.json',
        `/tags/${tagSlug}/feed.atom`,
        `/authors/${authorSlug}/feed.xml`,
      ]) {
        const first = await get(path);
        assert.equal(first.status, 200);
        const etag = first.headers.get('etag')!;
        const lastModified = first.headers.get('last-modified')!;
        assert.match(etag, /^"[A-Za-z0-9_-]+"$/, 'a strong validator');
        assert.match(first.headers.get('cache-control')!, /public, max-age=\d+/);
        assert.ok(!Number.isNaN(Date.parse(lastModified)));
        const byTag = await get(path, { 'if-none-match': etag });
        assert.equal(byTag.status, 304, path);
        assert.equal(await byTag.text(), '');
        assert.equal(byTag.headers.get('etag'), etag);
        assert.equal((await get(path, { 'if-none-match': `"other", ${etag}` })).status, 304);
        assert.equal((await get(path, { 'if-modified-since': lastModified })).status, 304);
        assert.equal(
          (await get(path, { 'if-modified-since': new Date(Date.parse(lastModified) - 1000).toUTCString() })).status,
          200,
        );
        assert.equal(
          (await get(path, { 'if-none-match': '"stale"', 'if-modified-since': lastModified })).status,
          200,
          'If-None-Match wins',
        );
      }
      const etag = (await get('/feed.json')).headers.get('etag')!;
      await updateStory(t.deps, worldStory.id, { headline: 'World story, updated' }, 'test');
      const changed = await get('/feed.json', { 'if-none-match': etag });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), etag);
      assert.ok(((await changed.json()) as JsonFeed).items.some((i) => i.title === 'World story, updated'));
    });

    test('unknown scopes are a 404, drafts appear nowhere', async () => {
      for (const path of [
        '/sections/nowhere/feed.xml',
        '/authors/nobody/feed.atom',
        '/tags/none/feed.json',
        '/sections/%3Cx%3E/feed.xml',
      ])
        assert.equal((await get(path)).status, 404, path);
      for (const f of FORMATS) assert.ok(!(await (await get(`/feed.${f}`)).text()).includes('Draft story'));
    });

    test('pages link to their feeds with rel="alternate"', async () => {
      const pages: [string, string][] = [
        ['/', ''],
        ['/sections/world', '/sections/world'],
        [`/authors/${authorSlug}`, `/authors/${authorSlug}`],
        [`/tags/${tagSlug}`, `/tags/${tagSlug}`],
        [`/stories/${europeStory.slug}`, ''],
      ];
      for (const [page, feedPath] of pages) {
        const html = await (await get(page)).text();
        assert.match(
          html,
          new RegExp(
            `<link rel="alternate" type="application/rss\\+xml" title="[^"]+" href="${BASE}${feedPath}/feed\\.xml"/>`,
          ),
          page,
        );
        assert.match(
          html,
          new RegExp(
            `<link rel="alternate" type="application/atom\\+xml" title="[^"]+" href="${BASE}${feedPath}/feed\\.atom"/>`,
          ),
          page,
        );
        assert.match(
          html,
          new RegExp(
            `<link rel="alternate" type="application/feed\\+json" title="[^"]+" href="${BASE}${feedPath}/feed\\.json"/>`,
          ),
          page,
        );
      }
    });
  });
}

/** Markup as text in every field a reader may render as HTML (the dek, plus tag, comment and entity forms). */
const PAYLOAD = `<img src=x onerror=alert(1)> <!-- c --> &lt;b&gt; "q" 'a' & end`;

for (const dialect of DIALECTS) {
  describe(`RSS text fields are text for XML and for HTML readers (${dialect})`, () => {
    let t: TestApp;
    let sectionSlug: string, tagName: string;

    before(async () => {
      t = await createTestApp(dialect, { clock: () => NOW });
      await updateSettings(t.deps, { name: `Site ${PAYLOAD}`, description: `About ${PAYLOAD}` }, 'test');
      const section = await makeSection(t.deps, { name: `Section ${PAYLOAD}` });
      sectionSlug = section.slug;
      const author = await makeAuthor(t.deps, { name: `Author ${PAYLOAD}` });
      const tag = await makeTag(t.deps, `Tag ${PAYLOAD}`);
      // Tag names are cut to a tag's length; what is left still carries the markup.
      tagName = tag.name;
      assert.ok(tagName.includes('<img src=x onerror=alert(1)>'));
      await makeStory(t.deps, {
        headline: `Headline ${PAYLOAD}`,
        dek: `Dek ${PAYLOAD}`,
        sectionId: section.id,
        authorIds: [author.id],
        tagIds: [tag.id],
        publishedAt: NOW - 60_000,
      });
    });
    after(() => t.close());

    test('titles, descriptions, dc:creator, category and the channel read as the original text both ways', async () => {
      for (const [path, channelTitle, channelDescription] of [
        ['/feed.xml', `Site ${PAYLOAD}`, `About ${PAYLOAD}`],
        [`/sections/${sectionSlug}/feed.xml`, `Section ${PAYLOAD} — Site ${PAYLOAD}`, undefined],
      ] as const) {
        const res = await t.request(path);
        assert.equal(res.status, 200, path);
        const xml = await res.text();
        assert.deepEqual(await wellFormedErrors(xml), [], `${path} is well-formed XML`);
        const { meta, items } = await parseFeed(xml);
        const raw = (node: unknown): string[] => [node].flat().map((n) => (n as { '#': string })['#']);
        const m = meta as any;
        assert.deepEqual(raw(m['rss:title']).map(asHtml), [channelTitle], `${path}: channel title`);
        const description = asHtml(raw(m['rss:description'])[0]!);
        if (channelDescription) assert.equal(description, channelDescription, `${path}: channel description`);
        assert.equal(items.length, 1, path);
        const item = items[0] as any;
        assert.deepEqual(raw(item['rss:title']).map(asHtml), [`Headline ${PAYLOAD}`], `${path}: title`);
        assert.deepEqual(raw(item['rss:description']).map(asHtml), [`Dek ${PAYLOAD}`], `${path}: description`);
        assert.deepEqual(raw(item['dc:creator']).map(asHtml), [`Author ${PAYLOAD}`], `${path}: dc:creator`);
        assert.deepEqual(raw(item['rss:category']).map(asHtml), [tagName], `${path}: category`);
      }
    });
  });
}
