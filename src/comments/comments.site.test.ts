import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp, getSettled } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { withEditions } from '../../test/support/editions.js';
import { makeReader, makeStory } from '../../test/support/factories.js';
import { readerClient } from '../../test/support/reader-client.js';
import type { Story, User } from '../db/database.js';
import { updateSettings } from '../settings/settings.service.js';
import { createUser } from '../users/user.service.js';
import { DEFAULT_COMMENT_RULES } from './comment-settings.js';
import { COMMENT_LIMITS } from './comment-limits.js';
import { tidyCommentText } from './comment.input.js';
import { postComment } from './comment.service.js';
import { moderateComment, setCommentsMode } from './moderation.service.js';

const OPEN = { ...DEFAULT_COMMENT_RULES, holdNewReaders: false };

for (const dialect of DIALECTS) {
  describe(`readers' comments on the site: the fragment, the page, posting and reporting (${dialect})`, () => {
    let t: TestApp;
    let story: Story;
    let editor: User;

    before(async () => {
      t = await createTestApp(dialect);
      await withEditions(t.deps);
      story = await makeStory(t.deps, { headline: 'The bridge vote' });
      editor = await createUser(t.deps, {
        email: `ed-${dialect}@desk.test`,
        name: 'Edna Editor',
        role: 'editor',
        password: 'correct horse battery',
      });
    });
    after(() => t.close());

    const post = async (s: Story, text: string, over: Parameters<typeof makeReader>[1] = {}, parent?: number) => {
      await updateSettings(t.deps, { comments: OPEN }, 'test');
      const reader = await makeReader(t.deps, over);
      const r = await postComment(t.deps, reader, s, { body: tidyCommentText(text), parent });
      await updateSettings(t.deps, { comments: DEFAULT_COMMENT_RULES }, 'test');
      return { reader, comment: r.comment };
    };

    test('the story page only says where the comments are; it has none when they are off', async () => {
      const page = await (await t.request(`/stories/${story.slug}`)).text();
      assert.match(
        page,
        new RegExp(
          `<section class="comments" id="comments"[^>]*data-comments-src="/stories/${story.slug}/comments/list"`,
        ),
      );
      assert.match(
        page,
        new RegExp(`<a href="/stories/${story.slug}/comments">Read the comments and join the conversation</a>`),
      );
      const quiet = await makeStory(t.deps);
      await setCommentsMode(t.deps, editor, quiet.id, 'off');
      assert.doesNotMatch(await (await t.request(`/stories/${quiet.slug}`)).text(), /id="comments"/);
      assert.equal((await t.request(`/stories/${quiet.slug}/comments`)).status, 404);
      await updateSettings(t.deps, { comments: { ...DEFAULT_COMMENT_RULES, enabled: false } }, 'test');
      assert.doesNotMatch(await (await t.request(`/stories/${story.slug}`)).text(), /id="comments"/, 'site-wide off');
      assert.equal((await t.request(`/stories/${story.slug}/comments/list`)).status, 404);
      await updateSettings(t.deps, { comments: DEFAULT_COMMENT_RULES }, 'test');
    });

    test('plain text with links: escaped, only http(s) made clickable, nofollow ugc; "a former reader"; no address shown', async () => {
      const s = await makeStory(t.deps);
      const { reader } = await post(
        s,
        'Read https://example.org/a?b=1&c=<b>x</b> and www.example.net/page.\n\njavascript:alert(1) <script>alert(1)</script>\nmailto:a@example.org',
        { comment_name: 'Olena <i>K</i>' },
      );
      const gone = await post(s, 'Written before I left.');
      await t.deps.db.updateTable('comments').set({ reader_id: null }).where('id', '=', gone.comment.id).execute();
      const erased = await post(s, 'Erased but kept.');
      await t.deps.db
        .updateTable('readers')
        .set({ deleted_at: Date.now(), name: '', email: `erased-${erased.reader.id}` })
        .where('id', '=', erased.reader.id)
        .execute();
      const html = await (await t.request(`/stories/${s.slug}/comments/list`)).text();
      assert.match(
        html,
        /<a href="https:\/\/example.org\/a\?b=1&amp;c=" rel="nofollow ugc noopener">https:\/\/example.org\/a\?b=1&amp;c=<\/a>&lt;b&gt;x&lt;\/b&gt;/,
      );
      assert.match(
        html,
        /<a href="http:\/\/www.example.net\/page" rel="nofollow ugc noopener">www.example.net\/page<\/a>/,
      );
      assert.match(
        html,
        /<\/p><p>javascript:alert\(1\) &lt;script&gt;alert\(1\)&lt;\/script&gt;<br\/?>mailto:a@example.org<\/p>/,
      );
      assert.doesNotMatch(html, /href="(?:javascript|mailto):/);
      assert.match(html, /<strong class="comment-name">Olena &lt;i&gt;K&lt;\/i&gt;<\/strong>/);
      assert.equal(
        html.match(/<em class="comment-name former">a former reader<\/em>/g)?.length,
        2,
        `${erased.comment.id} and ${gone.comment.id}`,
      );
      assert.ok(!html.includes(reader.email), 'never a reader’s address');
      assert.match(html, /<h2 id="comments-title">3 comments<\/h2>/);
    });

    test('paged with the one cursor: newest first, older ones behind a link; a bad cursor is a 400', async () => {
      const s = await makeStory(t.deps);
      for (let i = 1; i <= 23; i++) await post(s, `Comment number ${i}`);
      const first = await (await t.request(`/stories/${s.slug}/comments/list`)).text();
      const numbers = (html: string) => [...html.matchAll(/Comment number (\d+)/g)].map((m) => Number(m[1]));
      assert.deepEqual(
        numbers(first),
        Array.from({ length: 20 }, (_, i) => 23 - i),
      );
      const more = /data-comments-more="([^"]+)"/.exec(first)?.[1];
      assert.ok(more?.startsWith(`/stories/${s.slug}/comments/list?before=`), more);
      assert.match(
        first,
        new RegExp(`href="/stories/${s.slug}/comments\\?before=[A-Za-z0-9_-]+#comments"`),
        'no-JS link too',
      );
      const second = await (await t.request(more!.replaceAll('&amp;', '&'))).text();
      assert.deepEqual(numbers(second), [3, 2, 1]);
      assert.doesNotMatch(second, /data-comments-more/);
      const bad = await t.request(`/stories/${s.slug}/comments/list?before=zzz`);
      assert.equal(bad.status, 400);
      assert.match(await bad.text(), /That link to the next page is not valid/);
    });

    test('cached: the fragment until a comment changes what it shows; the story page is never purged by a comment', async () => {
      const s = await makeStory(t.deps);
      const { comment } = await post(s, 'Shown.');
      const story = `/stories/${s.slug}`;
      const list = `${story}/comments/list`;
      await getSettled(t, story);
      await getSettled(t, list);
      assert.equal((await getSettled(t, story)).cache, 'HIT');
      assert.equal((await getSettled(t, list)).cache, 'HIT');
      const held = await postComment(t.deps, await makeReader(t.deps), s, { body: 'Waiting for review.' });
      assert.equal((await getSettled(t, list)).cache, 'HIT', 'a held comment changes nothing readers see');
      await moderateComment(t.deps, editor, held.comment.id, 'approve');
      const after = await getSettled(t, list);
      assert.equal(after.cache, 'MISS', 'approving it purged the comments');
      assert.match(after.body, /Waiting for review\./);
      assert.equal((await getSettled(t, story)).cache, 'HIT', 'the story page stayed cached');
      await moderateComment(t.deps, editor, comment.id, 'hide');
      assert.doesNotMatch((await getSettled(t, list)).body, /Shown\./);
      assert.equal((await getSettled(t, story)).cache, 'HIT');
      const res = await t.request(list);
      assert.match(res.headers.get('surrogate-key') ?? '', new RegExp(`\\bcomments:${s.id}\\b`));
      assert.equal(res.headers.get('x-robots-tag'), 'noindex');
    });

    test('posting: signed out goes to sign-in (401 for the script); a post from another site is refused', async () => {
      const path = `/stories/${story.slug}/comments`;
      const anon = await t.request(path, {
        method: 'POST',
        body: new URLSearchParams({ body: 'Hi' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://news.test' },
      });
      assert.equal(anon.status, 303);
      assert.equal(anon.headers.get('location'), `/account/sign-in?next=${encodeURIComponent(path)}`);
      const json = await t.request(path, {
        method: 'POST',
        body: new URLSearchParams({ body: 'Hi' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      });
      assert.equal(json.status, 401);
      assert.equal((await json.json()).error.message, 'Sign in to comment.');
      const reader = await readerClient(t, await makeReader(t.deps));
      const forged = await reader.postForm(path, { body: 'Forged' }, { origin: 'https://evil.example' });
      assert.equal(forged.status, 403);
      assert.match(await forged.text(), /another site/);
      assert.equal(
        (await t.deps.db.selectFrom('comments').select('id').where('reader_id', '=', reader.reader.id).execute())
          .length,
        0,
      );
    });

    test('posting without JavaScript: held, then the page says so; with it, JSON with the comment as rendered', async () => {
      const s = await makeStory(t.deps);
      const path = `/stories/${s.slug}/comments`;
      const reader = await readerClient(t, await makeReader(t.deps, { comment_name: 'Taras' }));
      const res = await reader.postForm(path, { body: 'My first comment' });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `${path}?notice=held#comments`);
      const notice = await (await t.request(`${path}?notice=held`)).text();
      assert.match(notice, /Your comment will appear once the newsroom has read it\./);
      const js = await reader.postForm(path, { body: 'Second, from the script' }, { accept: 'application/json' });
      assert.equal(js.status, 201);
      const body = await js.json();
      assert.equal(body.comment.status, 'pending');
      assert.match(body.comment.html, /<li class="comment" id="comment-\d+"/);
      assert.match(body.comment.html, /Taras/);
      assert.match(body.comment.html, /Awaiting approval/);
      const empty = await reader.postForm(path, { body: '   ' });
      assert.equal(empty.status, 400);
      const page = await empty.text();
      assert.match(page, /Write something before you post\./);
      assert.match(page, /<h1 class="page-title">/, 'the comments page again, with the reason');
    });

    test('a trusted reader’s comment and reply appear at once; banned and flooding readers are told why', async () => {
      const s = await makeStory(t.deps);
      const path = `/stories/${s.slug}/comments`;
      await updateSettings(t.deps, { comments: OPEN }, 'test');
      try {
        const reader = await readerClient(t, await makeReader(t.deps));
        const res = await reader.postForm(path, { body: 'Straight up' });
        const id = /#comment-(\d+)$/.exec(res.headers.get('location') ?? '')?.[1];
        assert.ok(id, res.headers.get('location') ?? '');
        assert.match(res.headers.get('location') ?? '', /\?notice=posted#comment-/);
        await reader.postForm(path, { body: 'And a reply', parent: id! });
        const list = await (await t.request(`${path}/list`)).text();
        assert.match(
          list,
          /Straight up[\s\S]*<ol class="comment-replies" data-comment-replies=""><li class="comment"[^>]*>[\s\S]*And a reply/,
        );
        for (let i = 2; i < COMMENT_LIMITS.post.limit; i++) await reader.postForm(path, { body: `More ${i}` });
        const flood = await reader.postForm(path, { body: 'Too many' }, { accept: 'application/json' });
        assert.equal(flood.status, 429);
        assert.match((await flood.json()).error.message, /faster than we allow/);
      } finally {
        await updateSettings(t.deps, { comments: DEFAULT_COMMENT_RULES }, 'test');
      }
      const banned = await readerClient(t, await makeReader(t.deps, { comments_banned_at: Date.now() }));
      const refused = await banned.postForm(path, { body: 'Let me' });
      assert.equal(refused.status, 403);
      assert.match(await refused.text(), /stopped this account from commenting/);
    });

    test('reporting: a reader reports a shown comment once and comes back to it', async () => {
      const s = await makeStory(t.deps);
      const { comment } = await post(s, 'Rude words');
      const reader = await readerClient(t, await makeReader(t.deps));
      const res = await reader.postForm(`/stories/${s.slug}/comments/${comment.id}/report`, { reason: 'abuse' });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `/stories/${s.slug}/comments?notice=reported#comment-${comment.id}`);
      await reader.postForm(`/stories/${s.slug}/comments/${comment.id}/report`, { reason: 'spam' });
      const rows = await t.deps.db
        .selectFrom('comment_reports')
        .select('reason')
        .where('comment_id', '=', comment.id)
        .execute();
      assert.deepEqual(rows, [{ reason: 'abuse' }]);
      const bad = await reader.postForm(`/stories/${s.slug}/comments/${comment.id}/report`, { reason: 'because' });
      assert.equal(bad.status, 400);
      assert.equal(
        (await reader.postForm(`/stories/${s.slug}/comments/999999/report`, { reason: 'spam' })).status,
        404,
      );
    });

    test('editions: a Ukrainian story’s comments live under /uk/, in Ukrainian words with its plural forms', async () => {
      const s = await makeStory(t.deps, { headline: 'Голосування щодо мосту', language: 'uk' });
      const paths = `/uk/stories/${s.slug}/comments`;
      assert.equal((await t.request(`/stories/${s.slug}/comments`)).headers.get('location'), paths);
      const storyPage = await (await t.request(`/uk/stories/${s.slug}`)).text();
      assert.match(storyPage, new RegExp(`data-comments-src="/uk/stories/${s.slug}/comments/list"`));
      assert.match(storyPage, /Читати коментарі й долучитися до розмови/);
      const counts: [number, string][] = [
        [1, '1 коментар'],
        [2, '2 коментарі'],
        [5, '5 коментарів'],
      ];
      let made = 0;
      for (const [n, text] of counts) {
        while (made < n) {
          await post(s, `Коментар ${++made}`, { language: 'uk' });
        }
        const html = await (await t.request(`${paths}/list`)).text();
        assert.match(html, new RegExp(`<h2 id="comments-title">${text}</h2>`));
      }
      const page = await (await t.request(paths)).text();
      assert.match(page, /<html lang="uk"/);
      assert.match(page, /Повернутися до матеріалу/);
      assert.match(page, new RegExp(`action="/uk/stories/${s.slug}/comments/\\d+/report"`));
      assert.match(page, /href="\/uk\/account\/sign-in\?next=%2Fuk%2Fstories%2F/);
    });
  });
}
