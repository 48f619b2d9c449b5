import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp, getSettled } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { signedIn } from '../../test/support/desk.js';
import { makeAuthor, makeSection, makeStory, makeTag, p } from '../../test/support/factories.js';
import type { DomainEvent } from '../events/events.js';
import { updateSection } from '../sections/section.service.js';
import { renameTag } from '../tags/tag.service.js';

// Sections and tags are written through their services, which announce each change; the cache and lookups follow.
for (const dialect of DIALECTS) {
  describe(`renaming a section or a tag purges the pages that show its name (${dialect})`, () => {
    let t: TestApp;
    let story: { slug: string };
    let section: number, other: number, tag: number;
    let author: string;

    const get = (path: string) => getSettled(t, path);
    /** Requests a page until it is served from the cache (the second request stores it). */
    const warm = async (path: string) => {
      await get(path);
      const again = await get(path);
      assert.equal(again.cache, 'HIT', `${path} is cached before the rename`);
      return again.body;
    };

    before(async () => {
      t = await createTestApp(dialect);
      section = (await makeSection(t.deps, { name: 'Harbour' })).id;
      other = (await makeSection(t.deps, { name: 'Hills' })).id;
      tag = (await makeTag(t.deps, 'Tides')).id;
      const a = await makeAuthor(t.deps, { name: 'Rita Rename' });
      author = a.slug;
      story = await makeStory(t.deps, {
        headline: 'Ferry timetable changes',
        sectionId: section,
        tagIds: [tag],
        authorIds: [a.id],
        body: { version: 1, blocks: [p('From Monday.')] },
      });
      await makeStory(t.deps, { headline: 'Walkers return to the hills', sectionId: other });
    });
    after(() => t.close());

    test('a renamed section shows its new name at once on its page, in the menu, and in the story crumbs', async () => {
      const paths = ['/', '/sections/harbour', `/stories/${story.slug}`, '/sections/hills'];
      for (const path of paths) assert.match(await warm(path), /Harbour/, path);
      const seen: DomainEvent[] = [];
      const stop = t.deps.events.subscribe((e) => void seen.push(e));
      try {
        await updateSection(t.deps, section, { name: 'Waterfront' }, 'user:1');
      } finally {
        stop();
      }
      assert.deepEqual(seen, [{ type: 'section.updated', id: section, actor: 'user:1' }]);
      await t.deps.cache.idle();
      for (const path of paths) {
        const r = await get(path);
        assert.equal(r.cache, 'MISS', `${path} was purged`);
        assert.match(r.body, /Waterfront/, path);
        assert.doesNotMatch(r.body, />Harbour</, path);
      }
      assert.equal(
        (await t.deps.lookups.sections()).find((s) => s.id === section)?.name,
        'Waterfront',
        'the lookup reads it again',
      );
      assert.equal((await get('/sections/harbour')).status, 200, 'the slug, and every link, stays');
    });

    test('a renamed tag shows its new name on its page and on the story; pages without it stay cached', async () => {
      const showing = ['/tags/tides', `/stories/${story.slug}`];
      for (const path of showing) assert.match(await warm(path), /Tides/, path);
      await warm(`/authors/${author}`);
      await renameTag(t.deps, tag, 'Tides and currents', 'user:1');
      await t.deps.cache.idle();
      for (const path of showing) {
        const r = await get(path);
        assert.equal(r.cache, 'MISS', `${path} was purged`);
        assert.match(r.body, /Tides and currents/, path);
      }
      assert.equal((await get(`/authors/${author}`)).cache, 'HIT', 'the author page does not show tag names');
    });

    test('a tag created by a desk save is announced', async () => {
      const editor = await signedIn(t, 'editor');
      const seen: DomainEvent[] = [];
      const stop = t.deps.events.subscribe((e) => void seen.push(e));
      let id: number;
      try {
        const res = await editor.postJson('/desk/api/stories', {
          story: {
            headline: 'Storm surge warning',
            sectionId: section,
            body: { version: 1, blocks: [p('Stay away from the quay.')] },
            newTags: ['Storm surge', 'Tides'],
          },
        });
        assert.equal(res.status, 201);
        id = ((await res.json()) as { id: number }).id;
      } finally {
        stop();
      }
      const made = await t.deps.db
        .selectFrom('tags')
        .select(['id', 'name'])
        .where('slug', '=', 'storm-surge')
        .executeTakeFirstOrThrow();
      assert.equal(made.name, 'Storm surge');
      const announced = seen.filter((e) => e.type === 'tag.updated');
      assert.deepEqual(
        announced.map((e) => e.id),
        [made.id],
        'the new tag, not the one that existed',
      );
      assert.match(announced[0]!.actor, /^user:\d+$/, 'by the person who saved');
      const links = await t.deps.db
        .selectFrom('story_tags')
        .select('tag_id')
        .where('story_id', '=', id)
        .orderBy('tag_id')
        .execute();
      assert.deepEqual(
        links.map((l) => l.tag_id),
        [tag, made.id].sort((a, b) => a - b),
      );
    });
  });
}
