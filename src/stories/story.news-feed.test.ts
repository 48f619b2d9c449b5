import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import { makeImage, makeSection, makeStory } from '../../test/support/factories.js';
import { STORY_FEED_SIZE } from '../news-feed/news-feed.size.js';
import { loadStoryPage } from './story.page-data.js';
import { StoryPage } from './story.page.js';
import { loadChrome } from '../ui/chrome.js';
import type { Story } from '../db/database.js';
import { setCoverage } from '../live/liveblog.service.js';

for (const dialect of DIALECTS) {
  describe(`the News Feed block under stories (${dialect})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await createTestEnv(dialect);
    });
    after(() => env.close());

    const feedOf = async (story: Story) => (await loadStoryPage(env.deps, story)).feed;
    const headlines = async (story: Story) => (await feedOf(story)).cards.map((c) => c.headline);
    const page = async (story: Story) => {
      const data = await loadStoryPage(env.deps, story);
      return String(
        StoryPage({ chrome: await loadChrome(env.deps), data, tz: 'UTC', canonical: `/stories/${story.slug}` }),
      );
    };

    test('made once for every story outside the newest, apart for a story it would show, and new at once after a publish or a section change', async () => {
      const city = await makeSection(env.deps, { name: 'City' });
      const hero = await makeImage(env.deps, { alt: 'Thumb' });
      const start = Date.UTC(2026, 5, 1);
      const stories: Story[] = [];
      for (let i = 0; i < STORY_FEED_SIZE + 4; i++)
        stories.push(
          await makeStory(env.deps, {
            headline: `Story ${i}`,
            sectionId: city.id,
            heroImageId: hero.id,
            publishedAt: start + i * 60_000,
          }),
        );
      const [oldest, older] = stories;
      const newest = stories[stories.length - 1]!;

      const shared = await feedOf(oldest!);
      assert.equal(await feedOf(older!), shared, 'the same block under every older story');
      assert.equal(shared.cards.length, STORY_FEED_SIZE);
      assert.equal(shared.cards[0]!.headline, newest.headline);
      assert.equal(shared.cards[0]!.section?.name, 'City');
      assert.ok(shared.cards[0]!.image, 'with its thumbnail');
      assert.ok(shared.next, 'and Show More');
      const ownFeed = await headlines(newest);
      assert.ok(!ownFeed.includes(newest.headline), 'a story is never in its own News Feed');
      assert.equal(ownFeed[0], stories[stories.length - 2]!.headline);
      assert.match(await page(oldest!), new RegExp(`News Feed</h2>.*${newest.headline}`, 's'));

      // A publish: every story's block shows it first.
      const breaking = await makeStory(env.deps, {
        headline: 'Breaking: the river rises',
        sectionId: city.id,
        publishedAt: start + 3_600_000,
      });
      assert.equal((await headlines(oldest!))[0], breaking.headline);
      assert.match(await page(older!), /News Feed<\/h2>.*Breaking: the river rises/s);
      assert.ok(!(await headlines(breaking)).includes(breaking.headline));

      // A section renamed (the desk publishes section.updated): the cards name it at once.
      await env.deps.db.updateTable('sections').set({ name: 'Metro' }).where('id', '=', city.id).execute();
      env.deps.events.publish({ type: 'section.updated', id: city.id, actor: 'test' });
      assert.equal((await feedOf(oldest!)).cards[0]!.section?.name, 'Metro');
      assert.match(await page(oldest!), /News Feed<\/h2>.*<a href="\/sections\/[^"]+">Metro<\/a>/s);
    });

    test('a live blog in the block loses its LIVE label as soon as its coverage ends', async () => {
      const city = await makeSection(env.deps, { name: 'Riverside' });
      const older = await makeStory(env.deps, {
        headline: 'An older story',
        sectionId: city.id,
        publishedAt: Date.UTC(2026, 0, 1),
      });
      const blog = await makeStory(env.deps, {
        headline: 'Flood watch, live',
        sectionId: city.id,
        kind: 'liveblog',
        publishedAt: Date.UTC(2030, 0, 1),
      });
      const card = async () => (await feedOf(older)).cards.find((c) => c.id === blog.id);
      assert.equal((await card())?.live, true);
      assert.match(await page(older), /<span class="live">LIVE<\/span>/);
      await setCoverage(env.deps, blog.id, true, 'test');
      assert.equal((await card())?.live, false);
      assert.doesNotMatch(await page(older), /<span class="live">LIVE<\/span>/);
    });
  });
}
