import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { makeImage, makeSection, makeStory, p } from '../../test/support/factories.js';

const jsonLd = (html: string): Record<string, unknown>[] =>
  [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
const metaOf = (html: string, key: string): string | undefined =>
  new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`).exec(html)?.[1];
const doc = (...texts: string[]) => ({ version: 1, blocks: texts.map(p) });

for (const dialect of DIALECTS) {
  describe(`a story’s search and social fields, from the desk to every face (${dialect})`, () => {
    let t: TestApp;
    let editor: DeskClient;
    let sectionId: number;
    before(async () => {
      t = await createTestApp(dialect);
      sectionId = (await makeSection(t.deps, { name: 'City' })).id;
      editor = await signedIn(t, 'editor', { name: 'Edith' });
    });
    after(() => t.close());

    const create = async (story: Record<string, unknown>) => {
      const res = await editor.postJson('/desk/api/stories', {
        story: { sectionId, body: doc('The lead.'), ...story },
      });
      assert.equal(res.status, 201, await res.clone().text());
      const { id, slug } = (await res.json()) as { id: number; slug: string };
      assert.equal((await editor.postJson(`/desk/api/stories/${id}/publish`, {})).status, 200);
      return { id, slug };
    };

    test('saved through the desk API, shown in the head, JSON-LD and the content API; empty ones fall back', async () => {
      const og = await makeImage(t.deps, { alt: 'Tram depot at night' });
      const { slug } = await create({
        headline: 'Tram depot opens its doors',
        dek: 'A rare look inside.',
        metaTitle: 'Inside the tram depot | City News',
        metaDescription: 'The depot opened to visitors for one day.',
        ogTitle: 'Come inside the depot',
        ogImageId: og.id,
        twitterDescription: 'One day only.',
        canonicalUrl: 'https://partner.example.org/depot',
      });
      const html = await (await t.request(`/stories/${slug}`)).text();
      assert.match(html, /<title>Inside the tram depot \| City News<\/title>/);
      assert.equal(metaOf(html, 'description'), 'The depot opened to visitors for one day.');
      assert.equal(metaOf(html, 'og:title'), 'Come inside the depot');
      assert.equal(
        metaOf(html, 'og:description'),
        'The depot opened to visitors for one day.',
        'the meta one stands in',
      );
      assert.equal(metaOf(html, 'twitter:title'), 'Come inside the depot', 'the OpenGraph one stands in');
      assert.equal(metaOf(html, 'twitter:description'), 'One day only.');
      assert.match(metaOf(html, 'og:image') ?? '', /^http:\/\/news\.test\/media\//);
      assert.equal(metaOf(html, 'og:image:alt'), 'Tram depot at night');
      assert.equal(metaOf(html, 'twitter:card'), 'summary_large_image');
      assert.match(html, /<link rel="canonical" href="https:\/\/partner\.example\.org\/depot"\/>/);
      const article = jsonLd(html).find((d) => d['@type'] === 'NewsArticle')!;
      assert.equal(article.url, 'https://partner.example.org/depot');
      assert.equal(article.description, 'The depot opened to visitors for one day.');
      assert.equal(article.headline, 'Tram depot opens its doors', 'the headline stays the headline');
      assert.ok(Array.isArray(article.image) && (article.image as string[]).length > 0, 'the social image, no hero');

      const { data } = await (await t.request(`/api/v1/stories/${slug}`)).json();
      assert.equal(data.seo.metaTitle, 'Inside the tram depot | City News');
      assert.equal(data.seo.ogImage.alt, 'Tram depot at night');
      assert.equal(data.seo.twitterImage, null);
      assert.equal(data.seo.canonicalUrl, 'https://partner.example.org/depot');

      const plain = await create({ headline: 'Plain story', dek: 'Its dek.' });
      const plainHtml = await (await t.request(`/stories/${plain.slug}`)).text();
      assert.match(plainHtml, /<title>Plain story — Broadsheet<\/title>/);
      assert.equal(metaOf(plainHtml, 'og:title'), 'Plain story');
      assert.equal(metaOf(plainHtml, 'twitter:description'), 'Its dek.');
      assert.match(plainHtml, new RegExp(`<link rel="canonical" href="http://news.test/stories/${plain.slug}"/>`));
    });

    test('noindex: robots noindex, out of the story sitemaps and the News sitemap, still news on the site', async () => {
      const hidden = await create({ headline: 'Hidden from search', noindex: true });
      const shown = await create({ headline: 'Found by search' });
      const html = await (await t.request(`/stories/${hidden.slug}`)).text();
      assert.equal(metaOf(html, 'robots'), 'noindex');
      const sitemap = await (await t.request('/sitemaps/stories-1.xml')).text();
      assert.doesNotMatch(sitemap, new RegExp(`/stories/${hidden.slug}<`));
      assert.match(sitemap, new RegExp(`/stories/${shown.slug}<`));
      const news = await (await t.request('/sitemaps/news.xml')).text();
      assert.doesNotMatch(news, new RegExp(`/stories/${hidden.slug}<`));
      assert.match(news, new RegExp(`/stories/${shown.slug}<`));
      assert.match(await (await t.request('/')).text(), new RegExp(`/stories/${hidden.slug}"`));
    });

    test('a canonical URL that is not a web address is refused with a message', async () => {
      for (const url of ['javascript:alert(1)', '/relative/path', 'not a url']) {
        const res = await editor.postJson('/desk/api/stories', {
          story: { headline: 'Bad canonical', sectionId, body: doc('x'), canonicalUrl: url },
        });
        assert.equal(res.status, 400, url);
        assert.match((await res.json()).error.message, /canonical URL is a full web address/);
      }
    });

    test('the no-JS editor form shows, saves and keeps them; a form without them leaves them as they are', async () => {
      const { id } = await create({ headline: 'Form story', metaTitle: 'Kept title' });
      const page = await (await editor.get(`/desk/stories/${id}/edit`)).text();
      assert.match(page, /<details class="seo-fields" open="">/, 'folded open when a field is written');
      assert.match(page, /<input type="text" id="meta_title" name="meta_title" maxlength="300" value="Kept title"\/>/);
      const fresh = await (await editor.get('/desk/stories/new')).text();
      assert.match(fresh, /<details class="seo-fields">/, 'folded when none is');
      const rev = (await (await editor.get(`/desk/api/stories/${id}`)).json()).revision as number;
      const res = await editor.postForm(`/desk/stories/${id}`, {
        headline: 'Form story',
        section_id: String(sectionId),
        body_markdown: 'The lead.',
        base_revision: String(rev),
        meta_title: 'A new search title',
        meta_description: '',
        og_title: 'Social',
        og_description: '',
        og_image_id: '',
        twitter_title: '',
        twitter_description: '',
        twitter_image_id: '',
        canonical_url: '',
        noindex: '1',
      });
      assert.equal(res.status, 303, await res.clone().text());
      const saved = (await (await editor.get(`/desk/api/stories/${id}`)).json()).story;
      assert.equal(saved.metaTitle, 'A new search title');
      assert.equal(saved.ogTitle, 'Social');
      assert.equal(saved.noindex, true);
      // A save that sends none of the fields (an older form, a script) keeps them.
      const again = await editor.postJson(`/desk/api/stories/${id}`, {
        baseRevision: rev + 1,
        story: { headline: 'Form story, retitled' },
      });
      assert.equal(again.status, 200, await again.clone().text());
      const kept = (await (await editor.get(`/desk/api/stories/${id}`)).json()).story;
      assert.equal(kept.metaTitle, 'A new search title');
      assert.equal(kept.noindex, true);
      // The revision diff names them.
      const diff = await (await editor.get(`/desk/api/stories/${id}/diff?from=1&to=2`)).json();
      const added = diff.parts
        .filter((x: { added: boolean }) => x.added)
        .map((x: { value: string }) => x.value)
        .join('');
      assert.match(added, /Search title: A new search title/);
      assert.match(added, /Hidden from search engines: yes/);
    });

    test('deleting the social image takes it off the story and its revisions', async () => {
      const img = await makeImage(t.deps);
      const { id, slug } = await create({ headline: 'Social image story', ogImageId: img.id, twitterImageId: img.id });
      const refused = await editor.request(`/desk/api/media/${img.id}`, {
        method: 'DELETE',
        headers: { 'x-csrf-token': editor.csrf, accept: 'application/json' },
      });
      assert.equal(refused.status, 409, 'in use: named, not silently removed');
      const gone = await editor.request(`/desk/api/media/${img.id}?confirm=1`, {
        method: 'DELETE',
        headers: { 'x-csrf-token': editor.csrf, accept: 'application/json' },
      });
      assert.equal(gone.status, 200);
      const row = await t.deps.db
        .selectFrom('stories')
        .select(['og_image_id', 'twitter_image_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { og_image_id: null, twitter_image_id: null });
      const wc = (await (await editor.get(`/desk/api/stories/${id}`)).json()).story;
      assert.equal(wc.ogImageId, null);
      assert.equal(wc.twitterImageId, null);
      assert.equal((await t.request(`/stories/${slug}`)).status, 200);
    });

    test('a page made through the story service is kept out of the live stream and every listing', async () => {
      const page = await makeStory(t.deps, { headline: 'Corrections policy', kind: 'page', sectionId });
      const events = await t.deps.db.selectFrom('feed_events').select(['story_id', 'type']).execute();
      assert.equal(
        events.filter((e) => e.story_id === page.id).length,
        0,
        'no story.published for a page in the live log',
      );
      assert.doesNotMatch(await (await t.request('/')).text(), /Corrections policy/);
      assert.doesNotMatch(await (await t.request('/feed.xml')).text(), /Corrections policy/);
      // A page lives at its own address (/slug); asked for as a story it moves there.
      const moved = await t.request(`/stories/${page.slug}`);
      assert.equal(moved.status, 301);
      assert.equal(new URL(moved.headers.get('location') ?? '', 'http://news.test').pathname, `/${page.slug}`);
      assert.equal((await t.request(`/${page.slug}`)).status, 200);
    });
  });
}
