import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseDocument } from 'htmlparser2';

type Element = { name: string; attribs: Record<string, string>; children: unknown[] };
import sharp from 'sharp';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeAuthor, makeImage, makeSection, makeStory, makeTag } from '../../test/support/factories.js';
import type { Story } from '../db/database.js';

const BASE = 'http://news.test';
const HOSTILE = '</script><script>alert("ld")</script> \u2028 & <!-- "Bridge"';

/** The page's <head> as a reader's parser sees it: meta tags, links and JSON-LD blocks (parsed). */
function headOf(html: string) {
  const doc = parseDocument(html);
  const all: Element[] = [];
  const walk = (n: any) => {
    if (n.type === 'tag' || n.type === 'script') all.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  walk(doc);
  const meta = (key: string) =>
    all
      .filter((e) => e.name === 'meta' && (e.attribs.property === key || e.attribs.name === key))
      .map((e) => e.attribs.content);
  const scripts = all.filter((e) => e.name === 'script');
  const jsonLd = scripts
    .filter((e) => e.attribs.type === 'application/ld+json')
    .map((e) => JSON.parse((e.children[0] as any)?.data ?? ''));
  const links = all.filter((e) => e.name === 'link').map((e) => e.attribs);
  return { meta, scripts, jsonLd, links, ofType: (type: string) => jsonLd.find((d) => d['@type'] === type) };
}

async function imageSize(t: TestApp, url: string) {
  const res = await t.request(url.slice(BASE.length));
  assert.equal(res.status, 200, url);
  const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
  return { width: meta.width!, height: meta.height!, format: meta.format };
}

for (const dialect of DIALECTS) {
  describe(`structured data and social meta (${dialect})`, () => {
    let t: TestApp;
    let story: Story, legacy: Story, hostile: Story, authorSlug: string;

    before(async () => {
      t = await createTestApp(dialect);
      const world = await makeSection(t.deps, { name: 'World' });
      const europe = await makeSection(t.deps, { name: 'Europe', parent_id: world.id });
      const author = await makeAuthor(t.deps, {
        name: 'Iryna Seo',
        role_title: 'Correspondent',
        bio: 'Iryna covers Europe.',
      });
      authorSlug = author.slug;
      const tag = await makeTag(t.deps, 'Bridges');
      const hero = await makeImage(t.deps, { alt: 'Bridge' }, { width: 2400, height: 1600 });
      story = await makeStory(t.deps, {
        headline: 'Crews rebuild the bridge',
        dek: 'A week on the river.',
        sectionId: europe.id,
        authorIds: [author.id],
        tagIds: [tag.id],
        heroImageId: hero.id,
        heroAlt: 'A bridge at dusk',
        publishedAt: Date.UTC(2026, 3, 1, 8),
        updatedAt: Date.UTC(2026, 3, 1, 10),
      });
      // An image stored before crops existed: its row has none.
      const old = await makeImage(t.deps, { alt: 'Old photo' }, { width: 1600, height: 900 });
      await t.deps.db.updateTable('images').set({ crops: '[]' }).where('id', '=', old.id).execute();
      legacy = await makeStory(t.deps, { headline: 'An older story', sectionId: world.id, heroImageId: old.id });
      hostile = await makeStory(t.deps, {
        headline: HOSTILE,
        dek: '</script>',
        sectionId: world.id,
        authorIds: [author.id],
      });
    });
    after(() => t.close());

    const page = async (path: string) => {
      const res = await t.request(path);
      assert.equal(res.status, 200, path);
      const html = await res.text();
      return { html, head: headOf(html) };
    };

    test('a story page carries NewsArticle JSON-LD with every required field', async () => {
      const { head } = await page(`/stories/${story.slug}`);
      const canonical = `${BASE}/stories/${story.slug}`;
      const a = head.ofType('NewsArticle');
      assert.ok(a, 'NewsArticle present');
      assert.equal(a['@context'], 'https://schema.org');
      assert.equal(a.headline, 'Crews rebuild the bridge');
      assert.equal(a.mainEntityOfPage['@id'], canonical);
      assert.equal(a.datePublished, '2026-04-01T08:00:00Z');
      assert.equal(a.dateModified, '2026-04-01T10:00:00Z');
      assert.deepEqual(a.author, [{ '@type': 'Person', name: 'Iryna Seo', url: `${BASE}/authors/${authorSlug}` }]);
      assert.equal(a.publisher.name, 'Broadsheet');
      assert.equal(a.publisher.logo['@type'], 'ImageObject');
      const logo = await imageSize(t, a.publisher.logo.url);
      assert.equal(logo.format, 'png');
      assert.ok(logo.width >= 112 && logo.width === a.publisher.logo.width && logo.height === a.publisher.logo.height);
      assert.equal(a.image.length, 3);
      const ratios = [];
      for (const url of a.image as string[]) {
        const size = await imageSize(t, url);
        assert.ok(size.width >= 1200, `${url} is at least 1200 px wide`);
        ratios.push(Math.round((size.width / size.height) * 100) / 100);
      }
      assert.deepEqual(ratios, [1.78, 1.33, 1], '16:9, 4:3 and 1:1');
      assert.equal(a.articleSection, 'Europe');
      assert.deepEqual(a.keywords, ['Bridges']);
    });

    test('a story page carries a BreadcrumbList, OpenGraph article:* and Twitter card meta, canonical and robots', async () => {
      const { head } = await page(`/stories/${story.slug}`);
      const canonical = `${BASE}/stories/${story.slug}`;
      const crumbs = head.ofType('BreadcrumbList');
      assert.deepEqual(
        crumbs.itemListElement.map((i: any) => [i['@type'], i.position, i.name, i.item]),
        [
          ['ListItem', 1, 'Broadsheet', `${BASE}/`],
          ['ListItem', 2, 'World', `${BASE}/sections/world`],
          ['ListItem', 3, 'Europe', `${BASE}/sections/europe`],
          ['ListItem', 4, 'Crews rebuild the bridge', canonical],
        ],
      );
      assert.deepEqual(head.meta('robots'), ['max-image-preview:large']);
      assert.deepEqual(head.meta('og:type'), ['article']);
      assert.deepEqual(head.meta('og:title'), ['Crews rebuild the bridge']);
      assert.deepEqual(head.meta('og:url'), [canonical]);
      assert.match(head.meta('og:image')[0]!, /^http:\/\/news\.test\/media\/.+crop-16x9\.jpg$/);
      assert.deepEqual(head.meta('og:image:width'), ['1200']);
      assert.deepEqual(head.meta('og:image:alt'), ['A bridge at dusk']);
      assert.deepEqual(head.meta('article:published_time'), ['2026-04-01T08:00:00Z']);
      assert.deepEqual(head.meta('article:modified_time'), ['2026-04-01T10:00:00Z']);
      assert.deepEqual(head.meta('article:section'), ['Europe']);
      assert.deepEqual(head.meta('article:tag'), ['Bridges']);
      assert.deepEqual(head.meta('article:author'), [`${BASE}/authors/${authorSlug}`]);
      assert.deepEqual(head.meta('twitter:card'), ['summary_large_image']);
      assert.deepEqual(head.meta('twitter:title'), ['Crews rebuild the bridge']);
      assert.deepEqual(head.meta('twitter:image'), head.meta('og:image'));
      assert.deepEqual(
        head.links.filter((l) => l.rel === 'canonical').map((l) => l.href),
        [canonical],
      );
    });

    test('an image from before crops still gives structured data (its largest variant)', async () => {
      const { head } = await page(`/stories/${legacy.slug}`);
      const a = head.ofType('NewsArticle');
      assert.equal(a.image.length, 1);
      assert.match(a.image[0], /^http:\/\/news\.test\/media\/img\/.+\.jpg$/);
      await imageSize(t, a.image[0]);
      assert.deepEqual(
        a.author,
        [{ '@type': 'NewsMediaOrganization', name: 'Broadsheet', url: `${BASE}/` }],
        'no byline: the newsroom is the author',
      );
      assert.deepEqual(head.meta('og:image'), a.image);
    });

    test('a headline with </script> cannot break out of the JSON-LD', async () => {
      const { html, head } = await page(`/stories/${hostile.slug}`);
      assert.ok(!html.includes('<script>alert'));
      const code = head.scripts.filter((s) => s.attribs.type !== 'application/ld+json');
      assert.ok(
        code.length > 0 && code.every((s) => /^\/assets\/[a-z-]+\.[0-9a-f]+\.js$/.test(s.attribs.src ?? '')),
        'only the site’s own script files',
      );
      assert.equal(head.scripts.length - code.length, 2, 'the two JSON-LD blocks');
      assert.equal(head.ofType('NewsArticle').headline, HOSTILE);
      assert.equal(head.ofType('NewsArticle').description, '</script>');
      assert.equal(head.ofType('BreadcrumbList').itemListElement.at(-1).name, HOSTILE);
      assert.deepEqual(head.meta('og:title'), [HOSTILE]);
    });

    test('an author page carries a ProfilePage whose main entity is the Person', async () => {
      const { head } = await page(`/authors/${authorSlug}`);
      const profile = head.ofType('ProfilePage');
      assert.equal(profile['@context'], 'https://schema.org');
      assert.equal(profile.mainEntity['@type'], 'Person');
      assert.equal(profile.mainEntity.name, 'Iryna Seo');
      assert.equal(profile.mainEntity.url, `${BASE}/authors/${authorSlug}`);
      assert.equal(profile.mainEntity.jobTitle, 'Correspondent');
      assert.equal(profile.mainEntity.description, 'Iryna covers Europe.');
    });

    test('the home page carries WebSite data with a SearchAction', async () => {
      const { head } = await page('/');
      const site = head.ofType('WebSite');
      assert.equal(site.url, `${BASE}/`);
      assert.equal(site.name, 'Broadsheet');
      assert.equal(site.potentialAction['@type'], 'SearchAction');
      assert.equal(site.potentialAction.target.urlTemplate, `${BASE}/search?q={search_term_string}`);
      assert.equal(site.potentialAction['query-input'], 'required name=search_term_string');
    });
  });
}
