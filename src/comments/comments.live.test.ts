import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { withEditions } from '../../test/support/editions.js';
import { makeReader, makeStory } from '../../test/support/factories.js';
import { listen } from '../../test/support/server.js';
import { openSse } from '../../test/support/sse.js';
import { createUser } from '../users/user.service.js';
import { postComment } from './comment.service.js';
import { moderateComment } from './moderation.service.js';

for (const dialect of DIALECTS) {
  describe(`comments on the live stream (${dialect})`, () => {
    let t: TestApp;
    let server: Awaited<ReturnType<typeof listen>>;
    before(async () => {
      t = await createTestApp(dialect);
      await withEditions(t.deps);
      t.deps.live.start();
      server = await listen(t.app);
    });
    after(async () => {
      t.deps.live.close();
      await server.close();
      await t.close();
    });

    test('a comment readers can see goes out to its story’s edition when approved, and again when hidden; a held one does not', async () => {
      const editor = await createUser(t.deps, {
        email: `live-ed-${dialect}@desk.test`,
        name: 'Live Editor',
        role: 'editor',
        password: 'correct horse battery',
      });
      const story = await makeStory(t.deps, { headline: 'Власний матеріал', language: 'uk' });
      await t.deps.live.pull();
      const uk = openSse(`${server.url}/uk/live/feed`);
      const en = openSse(`${server.url}/live/feed`);
      assert.equal(await uk.status, 200);
      assert.equal(await en.status, 200);
      const { comment } = await postComment(t.deps, await makeReader(t.deps), story, { body: 'Held for review' });
      await moderateComment(t.deps, editor, comment.id, 'approve');
      await moderateComment(t.deps, editor, comment.id, 'hide');
      const got = await uk.waitFor((evs) => evs.filter((e) => e.data.type?.startsWith('comment.')).length >= 2);
      assert.deepEqual(
        got.filter((e) => e.data.type.startsWith('comment.')).map((e) => e.data),
        [
          { type: 'comment.shown', storyId: story.id, commentId: comment.id },
          { type: 'comment.removed', storyId: story.id, commentId: comment.id },
        ],
        'nothing for the held post; its approval, then its hiding',
      );
      // A later English story's event reaches the English stream: by then it would have had any comment event.
      const english = await makeStory(t.deps, { headline: 'English marker' });
      await en.waitFor((evs) => evs.some((e) => e.data.storyId === english.id));
      assert.equal(
        en.events.filter((e) => String(e.data.type).startsWith('comment.')).length,
        0,
        'not the other edition',
      );
      uk.close();
      en.close();
    });
  });
}
