import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { makeAuthor, makeImage, makeSection, makeStory, makeTag, p } from '../../test/support/factories.js';
import { updateStory } from './story.service.js';

for (const dialect of DIALECTS) {
  describe(`story page (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    test('shows every element of the page we started from', async () => {
      const world = await makeSection(t.deps, { name: 'World' });
      const europe = await makeSection(t.deps, { name: 'Europe', parent_id: world.id });
      const avatar = await makeImage(t.deps, { alt: 'avatar' }, { width: 400, height: 400 });
      const editor = await makeAuthor(t.deps, {
        name: 'Hanna Test',
        role_title: 'News Editor',
        short_bio: 'Hanna edits the News Feed.',
        avatar_image_id: avatar.id,
      });
      const second = await makeAuthor(t.deps, { name: 'Marko Test', role_title: 'Correspondent' });
      const hero = await makeImage(t.deps, { alt: 'Bridge at dusk' }, { width: 1600, height: 900 });
      const tag = await makeTag(t.deps, 'Energy');
      const related = await makeStory(t.deps, {
        headline: 'Power returns to the east',
        sectionId: europe.id,
        heroImageId: hero.id,
        publishedAt: Date.now() - 3600_000,
      });
      const words = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
      const story = await makeStory(t.deps, {
        headline: 'Crews rebuild the bridge',
        dek: 'A week on the river.',
        sectionId: europe.id,
        tagIds: [tag.id],
        authorIds: [editor.id, second.id],
        heroImageId: hero.id,
        heroCaption: 'The bridge at dusk.',
        heroCredit: 'Photo: Test Desk',
        heroAlt: 'A bridge over a river at dusk',
        body: {
          version: 1,
          blocks: [
            p(words),
            { type: 'quote', content: [{ text: 'We fix what is ours.' }], attribution: 'Olena, foreman' },
            { type: 'embed', storyId: related.id },
            p('Last paragraph.'),
          ],
        },
      });
      const res = await t.request(`/stories/${story.slug}`);
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /<p class="label">News Feed · Europe<\/p>/);
      assert.equal(html.match(/<h1[ >]/g)?.length, 1);
      assert.match(html, /<h1>Crews rebuild the bridge<\/h1>/);
      assert.match(html, /<p class="dek">A week on the river.<\/p>/);
      assert.match(html, /3 min read/, '500 words + quote → 3 minutes');
      assert.match(
        html,
        new RegExp(
          /<figure class="hero">[\s\S]*?alt="A bridge over a river at dusk"[\s\S]*?/.source +
            /<figcaption>The bridge at dusk. <span class="credit">Photo: Test Desk<\/span><\/figcaption>/.source,
        ),
      );
      assert.match(html, /<time datetime="\d{4}-\d\d-\d\dT/);
      assert.match(html, /<blockquote><p>We fix what is ours.<\/p><footer>— Olena, foreman<\/footer><\/blockquote>/);
      assert.match(html, /class="embed"[\s\S]*?Power returns to the east/);
      assert.match(
        html,
        /By <a href="\/authors\/hanna-test" rel="author">Hanna Test<\/a> and <a href="\/authors\/marko-test"/,
      );
      assert.match(
        html,
        /class="author-card"[\s\S]*?Hanna Test[\s\S]*?News Editor[\s\S]*?Hanna edits the News Feed.[\s\S]*?Read more/,
      );
      // The link's own text names whose profile it opens (search engines read text, not aria-label); "Read more" shows.
      const [link = '', text = ''] = html.match(/<a class="read-more"[^>]*>([\s\S]*?)<\/a>/) ?? [];
      assert.equal(text.replace(/<[^>]+>/g, ''), 'Read more about Hanna Test');
      assert.match(text, /^Read more<span class="visually-hidden"> about Hanna Test<\/span>$/);
      assert.doesNotMatch(link, /aria-label/, 'the accessible name is the text itself');
      assert.match(html, /<a href="\/tags\/energy" rel="tag">Energy<\/a>/);
      assert.match(html, /<nav class="crumbs"[\s\S]*?World[\s\S]*?Europe/);
      assert.match(html, /id="news-feed-title">News Feed<\/h2>[\s\S]*?Power returns to the east/);
      const imgs = html.match(/<img [^>]*>/g) ?? [];
      assert.ok(imgs.length > 0, 'the page shows images');
      for (const img of imgs) assert.match(img, / alt="/, img);
      assert.match(html, /<main id="main"/);
      assert.match(html, /<article class="story"/);
    });

    test('an embedded card shows the related story as it is now', async () => {
      const related = await makeStory(t.deps, { headline: 'Old related headline' });
      const story = await makeStory(t.deps, {
        body: { version: 1, blocks: [p('Intro.'), { type: 'embed', storyId: related.id }] },
      });
      await updateStory(t.deps, related.id, { headline: 'New related headline' }, 'test');
      const html = await (await t.request(`/stories/${story.slug}`)).text();
      assert.match(html, /class="embed"[\s\S]*?New related headline/);
      assert.ok(!html.includes('Old related headline'));
      await updateStory(t.deps, related.id, { status: 'draft' }, 'test');
      const after = await (await t.request(`/stories/${story.slug}`)).text();
      assert.ok(!after.includes('class="embed"'), 'an unpublished story is not embedded');
    });

    test('a story whose slug changed answers its old URL with a 301', async () => {
      const story = await makeStory(t.deps, { headline: 'First version' });
      const renamed = await updateStory(t.deps, story.id, { slug: 'second-version' }, 'test');
      assert.equal(renamed.slug, 'second-version');
      const res = await t.request(`/stories/${story.slug}`);
      assert.equal(res.status, 301);
      assert.equal(res.headers.get('location'), '/stories/second-version');
      assert.equal((await t.request('/stories/second-version')).status, 200);
    });

    test('unknown, draft and malformed slugs are a real 404 page', async () => {
      const draft = await makeStory(t.deps, { status: 'draft' });
      for (const path of [
        '/stories/no-such-story',
        `/stories/${draft.slug}`,
        '/stories/%3Cscript%3E',
        `/stories/${'a'.repeat(5000)}`,
        '/nowhere',
      ]) {
        const res = await t.request(path);
        assert.equal(res.status, 404, path);
        const html = await res.text();
        assert.match(html, /Page not found/);
        assert.ok(!html.includes('<script>'), path);
      }
    });

    test('hostile text in a story is shown as text', async () => {
      const story = await makeStory(t.deps, {
        headline: '<script>alert("h")</script>',
        dek: '<img src=x onerror=alert(1)>',
        body: { version: 1, blocks: [p('<iframe src="javascript:alert(1)"></iframe>')] },
        heroCaption: '"><svg onload=alert(2)>',
      });
      const html = await (await t.request(`/stories/${story.slug}`)).text();
      assert.ok(!/<script>alert/.test(html));
      assert.ok(!/<img src=x/.test(html));
      assert.ok(!/<iframe/.test(html));
      assert.match(html, /&lt;script&gt;alert/);
    });
  });
}
