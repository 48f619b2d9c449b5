import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp, getSettled } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { withEditions } from '../../test/support/editions.js';
import { makeAuthor, makeSection, makeStory, makeTag, p } from '../../test/support/factories.js';
import { parseFeed } from '../../test/support/feed-parser.js';
import { countingQueries } from '../../test/support/query-count.js';
import { updateProfile } from '../authors/author-profile.service.js';
import type { Author, Story } from '../db/database.js';
import { createApp } from '../http/app.js';
import { setSectionNames } from '../sections/section.service.js';
import { setTagNames } from '../tags/tag.service.js';
import { createUser } from '../users/user.service.js';

/** The text of every element with the class, in page order. */
const texts = (page: string, re: RegExp) => [...page.matchAll(re)].map((m) => m[1]);
const navNames = (page: string) =>
  texts(page.slice(page.indexOf('class="nav"'), page.indexOf('</ul>', page.indexOf('class="nav"'))), />([^<]+)<\/a>/g);
const crumbs = (page: string) => {
  const at = page.indexOf('class="crumbs"');
  return at < 0 ? [] : texts(page.slice(at, page.indexOf('</nav>', at)), />([^<]+)<\/a>/g);
};
const cardLabels = (page: string) => texts(page, /<p class="label">\s*<a href="[^"]+">([^<]+)<\/a>/g);
const storyTags = (page: string) => texts(page, /rel="tag">([^<]+)</g);

for (const dialect of DIALECTS) {
  describe(`sections, tags and authors in each edition's words (${dialect})`, () => {
    let t: TestApp;
    let english: Story;
    let ukrainian: Story;
    let author: Author;
    let cityId: number;
    let transportId: number;

    before(async () => {
      t = await createTestApp(dialect);
      await withEditions(t.deps);
      const admin = await createUser(t.deps, {
        email: 'names-admin@desk.test',
        name: 'Names Admin',
        role: 'admin',
        password: 'correct horse battery',
      });
      const city = await makeSection(t.deps, { name: 'City' });
      cityId = city.id;
      // No Ukrainian name: it shows its English one on /uk/ pages.
      const harbour = await makeSection(t.deps, { name: 'Harbour', parent_id: city.id });
      await setSectionNames(
        t.deps,
        city.id,
        [
          { language: 'en', name: 'City', description: 'News from the city.' },
          { language: 'uk', name: 'Місто', description: 'Новини міста.' },
        ],
        'test',
      );
      const transport = await makeTag(t.deps, 'Transport');
      transportId = transport.id;
      const bridges = await makeTag(t.deps, 'Bridges');
      await setTagNames(
        t.deps,
        transport.id,
        [
          { language: 'en', name: 'Transport', description: 'Trams, buses and ferries.' },
          { language: 'uk', name: 'Транспорт', description: 'Трамваї, автобуси й пороми.' },
        ],
        'test',
      );
      author = await makeAuthor(t.deps, {
        name: 'Olena Bridge',
        role_title: 'City reporter',
        short_bio: 'Olena covers the city.',
        bio: 'Olena covers the city and its river.\n\nShe grew up by the harbour.',
      });
      await updateProfile(t.deps, admin, author.id, {
        name: author.name,
        roleTitle: author.role_title,
        shortBio: author.short_bio,
        bio: author.bio,
        links: [],
        avatarImageId: null,
        translations: [
          {
            language: 'uk',
            roleTitle: 'Міська репортерка',
            shortBio: 'Олена пише про місто.',
            bio: 'Олена пише про місто й річку.',
          },
        ],
      });
      english = await makeStory(t.deps, {
        headline: 'Night trams return to the river line',
        sectionId: harbour.id,
        tagIds: [transport.id, bridges.id],
        authorIds: [author.id],
        body: { version: 1, blocks: [p('The trams run again from Monday.')] },
      });
      ukrainian = await makeStory(t.deps, {
        headline: 'Нічні трамваї повертаються на річкову лінію',
        sectionId: harbour.id,
        tagIds: [transport.id, bridges.id],
        authorIds: [author.id],
        language: 'uk',
        translationOf: english.id,
        body: { version: 1, blocks: [p('Трамваї знову курсують з понеділка.')] },
      });
      await t.deps.cache.idle();
    });
    after(() => t.close());

    const page = async (path: string) => {
      const res = await t.request(path);
      assert.equal(res.status, 200, path);
      return res.text();
    };

    test('the menu and the card labels name sections in the edition’s language, the primary’s where none is written', async () => {
      const uk = await page('/uk/');
      assert.deepEqual(navNames(uk).slice(1, -1), ['Місто'], 'top-level sections in the nav');
      const en = await page('/');
      assert.deepEqual(navNames(en).slice(1, -1), ['City']);
      // Cards are labelled with the story's own section (Harbour: no Ukrainian name, so the English one).
      assert.deepEqual(cardLabels(uk), ['Harbour']);
      const ukCity = await page('/uk/sections/city');
      assert.deepEqual(cardLabels(ukCity), ['Harbour']);
      assert.doesNotMatch(en, /Місто/);
    });

    test('a section page in an edition: its name, description, breadcrumb and the sections within it', async () => {
      const uk = await page('/uk/sections/city');
      assert.match(uk, /<h1 class="page-title">Місто<\/h1>/);
      assert.match(uk, /<p class="dek">Новини міста.<\/p>/);
      assert.match(uk, /<title>Місто — /);
      assert.match(
        uk,
        /<ul class="tags" aria-label="У розділі «Місто»">/,
        'the list of subsections, in Ukrainian words',
      );
      assert.match(uk, /<a href="\/uk\/sections\/harbour">Harbour<\/a>/, 'a subsection without a Ukrainian name');
      const ukHarbour = await page('/uk/sections/harbour');
      assert.deepEqual(crumbs(ukHarbour), ['Місто', 'Harbour']);
      assert.match(ukHarbour, /<nav class="crumbs" aria-label="Навігація">/);
      const en = await page('/sections/city');
      assert.match(en, /<h1 class="page-title">City<\/h1>/);
      assert.match(en, /<p class="dek">News from the city.<\/p>/);
      assert.match(en, /aria-label="Within City"/);
      assert.deepEqual(crumbs(await page('/sections/harbour')), ['City', 'Harbour']);
    });

    test('a story page: breadcrumb, tags, article:tag and the author card in the story’s language', async () => {
      const uk = await page(`/uk/stories/${ukrainian.slug}`);
      assert.deepEqual(crumbs(uk), ['Місто', 'Harbour']);
      assert.deepEqual(
        storyTags(uk).sort(),
        ['Bridges', 'Транспорт'].sort(),
        'a tag without a Ukrainian name falls back',
      );
      assert.match(uk, /<meta property="article:tag" content="Транспорт"\/>/);
      assert.match(uk, /<p class="author-role">Міська репортерка<\/p>/);
      assert.match(uk, /<p class="author-bio">Олена пише про місто.<\/p>/);
      assert.doesNotMatch(uk, /Olena covers the city/);
      const en = await page(`/stories/${english.slug}`);
      assert.deepEqual(crumbs(en), ['City', 'Harbour']);
      assert.deepEqual(storyTags(en), ['Bridges', 'Transport']);
      assert.match(en, /<meta property="article:tag" content="Transport"\/>/);
      assert.match(en, /<p class="author-role">City reporter<\/p>/);
      assert.match(en, /<p class="author-bio">Olena covers the city.<\/p>/);
      assert.doesNotMatch(en, /Транспорт|Міська|Місто/);
    });

    test('a tag page in an edition: its name and description, the primary’s where none is written', async () => {
      const uk = await page('/uk/tags/transport');
      assert.match(uk, /<p class="label">Тег<\/p>/);
      assert.match(uk, /<h1 class="page-title">Транспорт<\/h1>/);
      assert.match(uk, /<p class="dek">Трамваї, автобуси й пороми.<\/p>/);
      const en = await page('/tags/transport');
      assert.match(en, /<h1 class="page-title">Transport<\/h1>/);
      assert.match(en, /<p class="dek">Trams, buses and ferries.<\/p>/);
      assert.match(await page('/uk/tags/bridges'), /<h1 class="page-title">Bridges<\/h1>/);
    });

    test('a section’s, tag’s or author’s feed in an edition: titled and described in its words', async () => {
      const feed = async (path: string) => {
        const res = await t.request(path);
        assert.equal(res.status, 200, path);
        return (await parseFeed(await res.text())).meta;
      };
      const city = await feed('/uk/sections/city/feed.xml');
      assert.match(city.title, /^Місто — .+ \(Українська\)$/);
      assert.equal(city.description, 'Новини міста.');
      const transport = await feed('/uk/tags/transport/feed.atom');
      assert.match(transport.title, /^Транспорт — /);
      assert.match(transport.description ?? '', /^Останні матеріали .+: Транспорт\.$/);
      assert.equal((await feed(`/uk/authors/${author.slug}/feed.xml`)).description, 'Олена пише про місто.');
      const en = await feed('/sections/city/feed.xml');
      assert.match(en.title, /^City — /);
      assert.equal(en.description, 'News from the city.');
      assert.match((await feed('/uk/tags/bridges/feed.xml')).title, /^Bridges — /, 'no Ukrainian name: the primary’s');
    });

    test('an author page in an edition: role title and bio in its language, the primary’s elsewhere', async () => {
      const uk = await page(`/uk/authors/${author.slug}`);
      assert.match(uk, /<p class="author-role">Міська репортерка<\/p>/);
      assert.match(uk, /<p class="author-full-bio">Олена пише про місто й річку.<\/p>/);
      assert.match(uk, /<h2>Матеріали автора: Olena Bridge<\/h2>/);
      assert.match(uk, /<meta name="description" content="Олена пише про місто."\/>/);
      const en = await page(`/authors/${author.slug}`);
      assert.match(en, /<p class="author-role">City reporter<\/p>/);
      assert.match(en, /<p class="author-full-bio">She grew up by the harbour.<\/p>/);
      assert.match(en, /<h2>Stories by Olena Bridge<\/h2>/);
    });

    test('renaming a section or tag in one language purges that edition’s cached pages', async () => {
      const ukPaths = ['/uk/', '/uk/sections/city', `/uk/stories/${ukrainian.slug}`, '/uk/tags/transport'];
      for (const path of ukPaths) {
        await getSettled(t, path);
        assert.equal((await getSettled(t, path)).cache, 'HIT', `${path} is cached`);
      }
      await setSectionNames(t.deps, cityId, [{ language: 'uk', name: 'Столиця', description: '' }], 'user:1');
      await setTagNames(t.deps, transportId, [{ language: 'uk', name: 'Перевезення', description: '' }], 'user:1');
      await t.deps.cache.idle();
      for (const path of ['/uk/', '/uk/sections/city', `/uk/stories/${ukrainian.slug}`]) {
        const r = await getSettled(t, path);
        assert.equal(r.cache, 'MISS', `${path} was purged`);
        assert.match(r.body, />Столиця</, path);
        assert.doesNotMatch(r.body, />Місто</, path);
      }
      const story = await getSettled(t, `/uk/stories/${ukrainian.slug}`);
      assert.match(story.body, /rel="tag">Перевезення</);
      const tag = await getSettled(t, '/uk/tags/transport');
      assert.match(tag.body, /<h1 class="page-title">Перевезення<\/h1>/);
      // Left empty now: the English description shows on the Ukrainian page.
      assert.match(tag.body, /<p class="dek">Trams, buses and ferries.<\/p>/);
      assert.match((await getSettled(t, '/sections/city')).body, /<h1 class="page-title">City<\/h1>/);
      // Put back for the other tests' words.
      await setSectionNames(t.deps, cityId, [{ language: 'uk', name: 'Місто', description: 'Новини міста.' }], 'test');
      await setTagNames(
        t.deps,
        transportId,
        [{ language: 'uk', name: 'Транспорт', description: 'Трамваї, автобуси й пороми.' }],
        'test',
      );
      await t.deps.cache.idle();
    });

    test('the words cost no query per card: an edition’s listing reads sections from memory, a story page stays one query', async () => {
      const counter = countingQueries(t.deps);
      // The render cache off: every request renders.
      const app = createApp({ ...counter.deps, config: { ...t.deps.config, renderCache: false } });
      const queriesFor = async (path: string) => {
        await (await app.request(path)).text(); // warm the in-memory lookups
        counter.reset();
        const res = await app.request(path);
        assert.equal(res.status, 200, path);
        await res.text();
        return counter.count();
      };
      for (let i = 0; i < 6; i++)
        await makeStory(t.deps, {
          headline: `Міська новина ${i}`,
          sectionId: cityId,
          tagIds: [transportId],
          authorIds: [author.id],
          language: 'uk',
        });
      await t.deps.cache.idle();
      const home = await queriesFor('/uk/');
      const section = await queriesFor('/uk/sections/city');
      const tag = await queriesFor('/uk/tags/transport');
      const authorPage = await queriesFor(`/uk/authors/${author.slug}`);
      const story = await queriesFor(`/uk/stories/${ukrainian.slug}`);
      assert.ok(home <= 1, `edition home: ${home} queries`);
      assert.ok(section <= 1, `edition section page: ${section} queries`);
      assert.ok(tag <= 2, `edition tag page: ${tag} queries (the tag in its words, its stories)`);
      assert.ok(authorPage <= 2, `edition author page: ${authorPage} queries`);
      assert.equal(story, 1, `edition story page: ${story} query`);
    });
  });
}
