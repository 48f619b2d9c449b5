import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { EN, UK, withEditions } from '../../test/support/editions.js';
import { makeStory } from '../../test/support/factories.js';
import { parseFeed } from '../../test/support/feed-parser.js';
import { type TestSmtp, startSmtp } from '../../test/support/smtp.js';
import type { Story } from '../db/database.js';
import { requestSignInLink } from '../readers/sign-in.service.js';
import { getSettings } from './settings.repo.js';
import { editionLines } from './settings.input.js';

const HOSTILE = '<script>alert(1)</script>Вісник';
const PRIMARY = { name: 'Harbour Post', description: 'News from the harbour.', address: '1 Quay Street\nPortsmouth' };

/** The settings form as the desk sends it, with the Ukrainian edition's fields. */
const form = (uk: { name?: string; description?: string; address?: string }, editions = [EN, UK]) => ({
  ...PRIMARY,
  editions: editionLines(editions),
  eraseComments: 'keep',
  ...(editions.length > 1
    ? { 'name.uk': uk.name ?? '', 'description.uk': uk.description ?? '', 'address.uk': uk.address ?? '' }
    : {}),
});

/** The `content` of a meta tag or the text of `<title>` on a page. */
const meta = (page: string, property: string) =>
  new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`).exec(page)?.[1];
const titleOf = (page: string) => /<title>([^<]*)<\/title>/.exec(page)?.[1];
/** The JSON-LD blocks of a page, parsed. */
const jsonLd = (page: string) =>
  [...page.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map(
    (m) => JSON.parse(m[1]!) as Record<string, unknown>,
  );

for (const dialect of DIALECTS) {
  describe(`the newsroom's name, description and address per edition (${dialect})`, () => {
    let t: TestApp;
    let smtp: TestSmtp;
    let admin: DeskClient;
    let english: Story;
    let ukrainian: Story;

    before(async () => {
      smtp = await startSmtp();
      t = await createTestApp(dialect, { env: { SMTP_URL: smtp.url } });
      await withEditions(t.deps, [EN, UK]);
      admin = await signedIn(t, 'admin');
      english = await makeStory(t.deps, { headline: 'The ferry runs again' });
      ukrainian = await makeStory(t.deps, {
        headline: 'Пором знову ходить',
        language: 'uk',
        translationOf: english.id,
      });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    const page = async (path: string) => {
      await t.deps.cache.idle();
      const res = await t.request(path);
      assert.equal(res.status, 200, path);
      return res.text();
    };
    const save = async (fields: Record<string, string>) => {
      const res = await admin.postForm('/desk/settings', fields);
      assert.equal(res.status, 303, await res.clone().text());
    };

    test('the settings page has a name, description and address for each edition but the primary', async () => {
      const html = await (await admin.get('/desk/settings')).text();
      assert.match(html, /<fieldset lang="uk">/);
      for (const field of ['name', 'description', 'address']) assert.match(html, new RegExp(`name="${field}\\.uk"`));
      assert.doesNotMatch(html, /name="name\.en"/, 'the primary edition’s words are the fields above');
    });

    test('saved, each edition’s pages, feeds and sitemaps name the newsroom in its words', async () => {
      await save(form({ name: 'Гавань', description: 'Новини з гавані.' }));
      assert.deepEqual((await getSettings(t.deps.db)).editionWords, {
        uk: { name: 'Гавань', description: 'Новини з гавані.', address: '' },
      });

      const ukHome = await page('/uk/');
      assert.equal(titleOf(ukHome), 'Гавань');
      assert.equal(meta(ukHome, 'og:site_name'), 'Гавань');
      assert.equal(meta(ukHome, 'description'), 'Новини з гавані.');
      assert.match(ukHome, /<p>Гавань — Новини з гавані\.<\/p>/, 'the footer');
      const site = jsonLd(ukHome).find((d) => d['@type'] === 'WebSite')!;
      assert.equal(site.name, 'Гавань');
      assert.equal((site.publisher as { name: string }).name, 'Гавань');

      const home = await page('/');
      assert.equal(titleOf(home), 'Harbour Post');
      assert.equal(meta(home, 'og:site_name'), 'Harbour Post');
      assert.equal(meta(home, 'description'), 'News from the harbour.');

      const ukStory = await page(`/uk/stories/${ukrainian.slug}`);
      assert.equal(titleOf(ukStory), 'Пором знову ходить — Гавань');
      assert.equal(meta(ukStory, 'og:site_name'), 'Гавань');
      const article = jsonLd(ukStory).find((d) => d['@type'] === 'NewsArticle')!;
      assert.equal((article.publisher as { name: string }).name, 'Гавань');
      const enStory = await page(`/stories/${english.slug}`);
      assert.equal(meta(enStory, 'og:site_name'), 'Harbour Post');

      const { meta: ukFeed } = await parseFeed(await page('/uk/feed.xml'));
      assert.equal(ukFeed.title, 'Гавань (Українська)');
      assert.equal(ukFeed.description, 'Новини з гавані.');
      const { meta: feed } = await parseFeed(await page('/feed.xml'));
      assert.equal(feed.title, 'Harbour Post (English)');
      assert.equal(feed.description, 'News from the harbour.');
      const atom = await page('/uk/feed.atom');
      assert.match(atom, /<author><name>Гавань<\/name><\/author>/);

      const news = await page('/sitemaps/news.xml');
      const names = [...news.matchAll(/<news:name>([^<]*)<\/news:name><news:language>([^<]*)</g)].map((m) => [
        m[2],
        m[1],
      ]);
      assert.deepEqual(names.sort(), [
        ['en', 'Harbour Post'],
        ['uk', 'Гавань'],
      ]);
    });

    test('a word left empty in an edition shows the primary edition’s', async () => {
      await save(form({ name: 'Гавань' }));
      const ukHome = await page('/uk/');
      assert.equal(titleOf(ukHome), 'Гавань');
      assert.equal(meta(ukHome, 'description'), 'News from the harbour.');
      await save(form({}));
      assert.deepEqual((await getSettings(t.deps.db)).editionWords, {}, 'an edition with no words of its own');
      assert.equal(titleOf(await page('/uk/')), 'Harbour Post');
    });

    test('a reader’s email names the newsroom in the reader’s edition, with its address or the primary’s', async () => {
      await save(form({ name: 'Гавань', address: 'вул. Морська, 1\nОдеса' }));
      const sent = async (email: string, language: string) => {
        const before = smtp.messages.length;
        await requestSignInLink(t.deps, { email, language, source: 'account' });
        await t.jobs.settled();
        return (await smtp.waitFor(before + 1))[before]!;
      };
      const uk = await sent('uk@reader.test', 'uk');
      assert.match(uk.subject ?? '', /Гавань/);
      assert.match(uk.text, /вул\. Морська, 1\nОдеса/);
      assert.doesNotMatch(uk.text, /Quay Street/);
      assert.match(uk.html, new RegExp(`href="${t.deps.config.publicUrl}/uk/"`), 'the header goes to the edition');
      const en = await sent('en@reader.test', 'en');
      assert.match(en.subject ?? '', /Harbour Post/);
      assert.match(en.text, /1 Quay Street\nPortsmouth/);

      await save(form({ name: 'Гавань' }));
      const fallback = await sent('uk2@reader.test', 'uk');
      assert.match(fallback.text, /1 Quay Street\nPortsmouth/, 'no address of its own: the primary’s');
    });

    test('hostile words are shown as text; too long a name is a 400 that keeps what was typed', async () => {
      await save(form({ name: HOSTILE, description: HOSTILE }));
      const ukHome = await page('/uk/');
      assert.doesNotMatch(ukHome, /<script>alert/);
      assert.match(ukHome, /&lt;script&gt;alert\(1\)&lt;\/script&gt;Вісник/);
      assert.doesNotMatch(await page('/uk/feed.xml'), /<script>alert/);

      const long = 'Г'.repeat(121);
      const res = await admin.postForm('/desk/settings', form({ name: long }));
      assert.equal(res.status, 400);
      const html = await res.text();
      assert.match(html, /at most 120 characters/);
      assert.match(html, new RegExp(`name="name\\.uk"[^>]*value="${long}"`));
      assert.equal((await getSettings(t.deps.db)).editionWords.uk?.name, HOSTILE, 'nothing was saved');
    });

    test('an edition taken away takes its words with it; the primary’s words stay', async () => {
      await save(form({ name: 'Гавань' }));
      await save(form({}, [EN]));
      const s = await getSettings(t.deps.db);
      assert.deepEqual(s.editionWords, {});
      assert.equal(s.name, 'Harbour Post');
      await withEditions(t.deps, [EN, UK]);
    });
  });
}
