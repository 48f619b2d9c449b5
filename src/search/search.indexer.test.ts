import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../../test/support/db.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { createStory, unpublishStory, updateStory } from '../stories/story.service.js';
import { search } from './search.service.js';
import { indexText } from './search.words.js';

for (const dialect of DIALECTS) {
  describe(`the search index follows story events (${dialect})`, () => {
    let t: TestApp;
    let sectionId: number;
    const found = async (q: string) => (await search(t.deps, { q, limit: 20 })).results.map((r) => r.card.id);
    const indexed = async (id: number) => {
      const row = await t.deps.db
        .selectFrom('story_search')
        .select('headline')
        .where(dialect === 'postgres' ? 'story_id' : 'rowid', '=', id)
        .executeTakeFirst();
      return row?.headline ?? null;
    };
    before(async () => {
      t = await createTestApp(dialect);
      sectionId = (await makeSection(t.deps)).id;
    });
    after(() => t.close());

    test('a search in the writing process finds what it just wrote, and sees edits at once', async () => {
      const story = await createStory(
        t.deps,
        { headline: 'Osprey returns to the estuary', sectionId, body: { version: 1, blocks: [] }, status: 'published' },
        'test',
      );
      assert.deepEqual(await found('osprey'), [story.id]);
      await updateStory(t.deps, story.id, { headline: 'Osprey leaves the estuary' }, 'test');
      assert.deepEqual(await found('returns'), []);
      assert.deepEqual(await found('leaves'), [story.id]);
    });

    test('events are handled in the order written: an edit then an unpublish, unawaited by the index, end unpublished', async () => {
      const story = await makeStory(t.deps, { headline: 'Heron count rises', sectionId });
      await updateStory(t.deps, story.id, { headline: 'Heron count falls' }, 'test');
      await unpublishStory(t.deps, story.id, 'test');
      await t.deps.searchIndex.settled();
      assert.equal(await indexed(story.id), null);
      assert.deepEqual(await found('heron'), []);
    });

    test('an event from another process is not indexed again here: the process that wrote indexed it', async () => {
      const story = await makeStory(t.deps, { headline: 'Kingfisher seen at the weir', sectionId });
      await t.deps.searchIndex.settled();
      // Another process changed the story and indexed it itself; here only its event arrives (as a relay delivers it).
      await t.deps.db
        .updateTable('stories')
        .set({ headline: 'Kingfisher nests at the weir' })
        .where('id', '=', story.id)
        .execute();
      t.deps.events.deliverLocal({ type: 'story.updated', id: story.id, actor: 'another process' });
      await t.deps.searchIndex.settled();
      assert.equal(
        await indexed(story.id),
        indexText('Kingfisher seen at the weir'),
        'no second re-index from a relayed event',
      );
      // The same event published here (this process wrote it) is indexed.
      t.deps.events.publish({ type: 'story.updated', id: story.id, actor: 'test' });
      await t.deps.searchIndex.settled();
      assert.equal(await indexed(story.id), indexText('Kingfisher nests at the weir'));
    });

    test('a draft never enters the index; a deleted story leaves it', async () => {
      const draft = await makeStory(t.deps, { headline: 'Bittern booming unconfirmed', sectionId, status: 'draft' });
      const live = await makeStory(t.deps, { headline: 'Bittern booming confirmed', sectionId });
      assert.deepEqual(await found('bittern'), [live.id]);
      assert.equal(await indexed(draft.id), null);
      await t.deps.db.deleteFrom('stories').where('id', '=', live.id).execute();
      t.deps.events.publish({ type: 'story.deleted', id: live.id, actor: 'test' });
      assert.deepEqual(await found('bittern'), []);
      assert.equal(await indexed(live.id), null);
    });
  });

  test(`the story service itself does not touch the index: with the follower stopped, nothing is indexed (${dialect})`, async () => {
    const t = await createTestApp(dialect);
    try {
      t.deps.searchIndex.stop();
      const sectionId = (await makeSection(t.deps)).id;
      await makeStory(t.deps, { headline: 'Curlew calls at dusk', sectionId });
      const rows = await t.deps.db
        .selectFrom('story_search')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(rows.n), 0);
      assert.deepEqual((await search(t.deps, { q: 'curlew', limit: 5 })).results, []);
    } finally {
      await t.close();
    }
  });
}
