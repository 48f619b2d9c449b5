import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { makeSection, p } from '../../test/support/factories.js';
import { runDuePublications } from './story.service.js';

const doc = (...texts: string[]) => ({ version: 1, blocks: texts.map(p) });

for (const dialect of DIALECTS) {
  describe(`desk story API (${dialect})`, () => {
    let t: TestApp;
    let now = Date.UTC(2026, 10, 27, 9, 0);
    let editor: DeskClient, author: DeskClient;
    let sectionId: number;
    before(async () => {
      t = await createTestApp(dialect, { clock: () => now });
      sectionId = (await makeSection(t.deps, { name: 'City' })).id;
      editor = await signedIn(t, 'editor', { name: 'Eda Editor' });
      author = await signedIn(t, 'author', { name: 'Arno Author' });
    });
    after(() => t.close());

    const create = async (c: DeskClient, headline: string) => {
      const res = await c.postJson('/desk/api/stories', {
        story: { headline, sectionId, body: doc('Lead paragraph.') },
      });
      assert.equal(res.status, 201);
      return (await res.json()) as { id: number; revision: number; slug: string };
    };

    test('create → save → a save on a stale revision is refused with who and when; nothing is overwritten', async () => {
      const s = await create(author, 'Council votes on the river bridge');
      assert.equal(s.revision, 1);
      assert.equal(s.slug, 'council-votes-on-the-river-bridge');
      now += 60_000;
      const saved = await author.postJson(`/desk/api/stories/${s.id}`, {
        baseRevision: 1,
        story: { headline: 'Council approves the river bridge', sectionId, body: doc('New lead.') },
      });
      assert.equal(saved.status, 200);
      const body = await saved.json();
      assert.deepEqual(Object.keys(body).sort(), ['id', 'revision', 'savedAt', 'slug']);
      assert.equal(body.revision, 2);
      assert.equal(body.slug, 'council-votes-on-the-river-bridge', 'the slug stays when the headline changes');
      // The editor's tab still holds revision 1.
      const stale = await editor.postJson(`/desk/api/stories/${s.id}`, {
        baseRevision: 1,
        story: { headline: 'Overwrite!', sectionId, body: doc('Lost?') },
      });
      assert.equal(stale.status, 409);
      const err = (await stale.json()).error;
      assert.equal(err.code, 'stale_revision');
      assert.deepEqual(
        Object.keys(err),
        ['code', 'message', 'current'],
        'the one JSON error shape, as the README documents it',
      );
      assert.match(err.message, /^Arno Author saved a newer version at /);
      assert.deepEqual(
        { revision: err.current.revision, by: err.current.by, at: err.current.at },
        { revision: 2, by: 'Arno Author', at: now },
      );
      const current = await (await editor.get(`/desk/api/stories/${s.id}`)).json();
      assert.equal(current.story.headline, 'Council approves the river bridge');
      assert.equal(current.revision, 2);
    });

    test('a change after approval withdraws it: the queue shows the story awaiting approval, the history says who', async () => {
      const s = await create(author, 'Bridge budget approved');
      assert.equal((await author.postJson(`/desk/api/stories/${s.id}/submit`, {})).status, 200);
      assert.equal((await editor.postJson(`/desk/api/stories/${s.id}/approve`, { note: 'Good to go' })).status, 200);
      const approved = async () =>
        (
          (await (await editor.get('/desk/api/stories?status=review')).json()).items as {
            id: number;
            approved: boolean;
          }[]
        ).find((i) => i.id === s.id)?.approved;
      assert.equal(await approved(), true);
      // Saving the same words again changes nothing, so the approval stands.
      const same = await (await author.get(`/desk/api/stories/${s.id}`)).json();
      const unchanged = await author.postJson(`/desk/api/stories/${s.id}`, { baseRevision: 1, story: same.story });
      assert.equal(unchanged.status, 200);
      assert.equal(await approved(), true);
      now += 60_000;
      const changed = await author.postJson(`/desk/api/stories/${s.id}`, {
        baseRevision: 2,
        story: { body: doc('A new, unreviewed claim.') },
      });
      assert.equal(changed.status, 200);
      assert.equal(await approved(), false);
      const queue = await (await editor.get('/desk/review')).text();
      const row = new RegExp(`data-story-id="${s.id}">[\\s\\S]*?</tr>`).exec(queue)?.[0] ?? '';
      assert.match(row, /awaiting approval/);
      assert.doesNotMatch(row, /· approved/);
      const page = await (await editor.get(`/desk/stories/${s.id}/edit`)).text();
      assert.match(page, /Approval withdrawn: changed after approval by Arno Author\./);
      assert.match(page, />Approve</, 'the editor can approve it again');
    });

    test('a guest byline comes only with an allowed save: a refused one leaves no author page', async () => {
      const s = await create(editor, 'Guest column');
      const contributor = await signedIn(t, 'contributor', { name: 'Cy Contributor' });
      const refused = await contributor.postJson(`/desk/api/stories/${s.id}`, {
        baseRevision: 1,
        story: { guestAuthor: 'Api Refused Guest', newTags: ['Api Refused Tag'] },
      });
      assert.equal(refused.status, 403);
      assert.equal((await t.request('/authors/api-refused-guest')).status, 404);
      const tags = await t.deps.db.selectFrom('tags').select('name').execute();
      assert.ok(!tags.some((x) => x.name === 'Api Refused Tag'));
      assert.equal((await contributor.postJson('/desk/api/authors', { name: 'Api Refused Guest' })).status, 404);
      assert.equal((await t.request('/authors/api-refused-guest')).status, 404);
      const allowed = await editor.postJson(`/desk/api/stories/${s.id}`, {
        baseRevision: 1,
        story: { guestAuthor: 'Gwen Guest' },
      });
      assert.equal(allowed.status, 200);
      const saved = await (await editor.get(`/desk/api/stories/${s.id}`)).json();
      assert.equal(saved.story.authorIds.length, 2, 'the editor’s byline stays and the guest is added');
      assert.equal((await t.request('/authors/gwen-guest')).status, 200);
    });

    test('two saves racing on the same base revision: exactly one wins', async () => {
      const s = await create(editor, 'Race story');
      const results = await Promise.all(
        [1, 2, 3, 4].map((i) =>
          editor.postJson(`/desk/api/stories/${s.id}`, {
            baseRevision: 1,
            story: { headline: `Race ${i}`, sectionId, body: doc(`Version ${i}`) },
          }),
        ),
      );
      assert.deepEqual(results.map((r) => r.status).sort(), [200, 409, 409, 409]);
      const revs = await (await editor.get(`/desk/api/stories/${s.id}/revisions`)).json();
      assert.deepEqual(
        revs.items.map((r: { revision: number }) => r.revision),
        [2, 1],
      );
    });

    test('revisions: diff shows what changed; restore brings an old version back as a new revision', async () => {
      const s = await create(editor, 'Diff story');
      await editor.postJson(`/desk/api/stories/${s.id}`, {
        baseRevision: 1,
        story: { headline: 'Diff story', sectionId, body: doc('Lead paragraph.', 'A second paragraph added.') },
      });
      const diff = await (await editor.get(`/desk/api/stories/${s.id}/diff?from=1&to=2`)).json();
      const added = diff.parts
        .filter((x: { added: boolean }) => x.added)
        .map((x: { value: string }) => x.value)
        .join('');
      assert.match(added, /A second paragraph added\./);
      assert.equal(diff.parts.filter((x: { removed: boolean }) => x.removed).length, 0, JSON.stringify(diff.parts));
      const restored = await editor.postJson(`/desk/api/stories/${s.id}/restore`, { revision: 1, baseRevision: 2 });
      assert.equal(restored.status, 200);
      assert.equal((await restored.json()).revision, 3);
      const cur = await (await editor.get(`/desk/api/stories/${s.id}`)).json();
      assert.equal(cur.story.body.blocks.length, 1);
      const revs = await (await editor.get(`/desk/api/stories/${s.id}/revisions`)).json();
      assert.deepEqual(revs.items[0], { revision: 3, by: 'Eda Editor', at: now, kind: 'restore' });
    });

    test('publish puts the story at the top of the News Feed; edits to a live story wait until published', async () => {
      const s = await create(editor, 'Live bridge story');
      const pub = await editor.postJson(`/desk/api/stories/${s.id}/publish`, {});
      assert.equal(pub.status, 200);
      assert.equal((await pub.json()).status, 'published');
      const home = await (await t.request('/')).text();
      assert.equal(/data-story-id="(\d+)"/.exec(home)?.[1], String(s.id));
      await editor.postJson(`/desk/api/stories/${s.id}`, {
        baseRevision: 1,
        story: { headline: 'Live bridge story, revised', sectionId, body: doc('Lead paragraph.') },
      });
      assert.match(
        await (await t.request(`/stories/${s.slug}`)).text(),
        /<h1>Live bridge story<\/h1>/,
        'readers still see the live version',
      );
      await editor.postJson(`/desk/api/stories/${s.id}/publish`, {});
      assert.match(await (await t.request(`/stories/${s.slug}`)).text(), /<h1>Live bridge story, revised<\/h1>/);
    });

    test('schedule: the scheduler publishes at the time, exactly once across racing schedulers', async () => {
      const s = await create(editor, 'Scheduled budget story');
      const at = now + 3600_000;
      const r = await editor.postJson(`/desk/api/stories/${s.id}/schedule`, { at });
      assert.equal(r.status, 200);
      assert.equal((await r.json()).status, 'scheduled');
      assert.equal((await t.request(`/stories/${s.slug}`)).status, 404);
      assert.deepEqual((await runDuePublications(t.deps)).published, [], 'not due yet');
      const events: string[] = [];
      const off = t.deps.events.subscribe((e) => void (e.id === s.id && events.push(e.type)));
      now = at + 1000;
      const runs = await Promise.all([
        runDuePublications(t.deps),
        runDuePublications(t.deps),
        runDuePublications(t.deps),
      ]);
      off();
      assert.equal(runs.flatMap((x) => x.published).filter((id) => id === s.id).length, 1);
      assert.deepEqual(events, ['story.published']);
      assert.equal((await t.request(`/stories/${s.slug}`)).status, 200);
    });

    test('a scheduled update goes live at its time while the current version stays up', async () => {
      const s = await create(editor, 'Election night');
      await editor.postJson(`/desk/api/stories/${s.id}/publish`, {});
      await editor.postJson(`/desk/api/stories/${s.id}`, {
        baseRevision: 1,
        story: { headline: 'Election night: results', sectionId, body: doc('Results are in.') },
      });
      const at = now + 600_000;
      assert.equal((await editor.postJson(`/desk/api/stories/${s.id}/schedule`, { at })).status, 200);
      assert.match(await (await t.request(`/stories/${s.slug}`)).text(), /<h1>Election night<\/h1>/);
      now = at;
      const [a, b] = await Promise.all([runDuePublications(t.deps), runDuePublications(t.deps)]);
      assert.equal([...a.updated, ...b.updated].filter((id) => id === s.id).length, 1);
      const page = await (await t.request(`/stories/${s.slug}`)).text();
      assert.match(page, /<h1>Election night: results<\/h1>/);
      assert.match(page, /Results are in\./);
    });

    test('corrections are dated, shown to readers as text, and change the updated time; unpublish takes a story down', async () => {
      const s = await create(editor, 'Bridge cost story');
      await editor.postJson(`/desk/api/stories/${s.id}/publish`, {});
      now += 2 * 3600_000;
      const note = await editor.postJson(`/desk/api/stories/${s.id}/notes`, {
        kind: 'correction',
        body: 'The bridge costs €4m, not €40m. <script>alert(1)</script>',
      });
      assert.equal(note.status, 200);
      const page = await (await t.request(`/stories/${s.slug}`)).text();
      assert.match(
        page,
        /<strong>Correction:<\/strong> The bridge costs €4m, not €40m. &lt;script&gt;alert\(1\)&lt;\/script&gt;/,
      );
      assert.match(page, /Updated <time datetime="2026-11-27T/);
      assert.equal(
        (await editor.postJson(`/desk/api/stories/${s.id}/notes`, { kind: 'rumour', body: 'x' })).status,
        400,
      );
      assert.equal((await editor.postJson(`/desk/api/stories/${s.id}/unpublish`, {})).status, 200);
      assert.equal((await t.request(`/stories/${s.slug}`)).status, 404);
    });

    test('presence: the second person is told who else has the story open', async () => {
      const s = await create(editor, 'Presence story');
      const first = await (await editor.postJson(`/desk/api/stories/${s.id}/presence`, {})).json();
      assert.deepEqual(first.others, []);
      const second = await (await author.postJson(`/desk/api/stories/${s.id}/presence`, {})).json();
      assert.deepEqual(
        second.others.map((o: { name: string }) => o.name),
        ['Eda Editor'],
      );
      now += 5 * 60_000;
      const later = await (await author.postJson(`/desk/api/stories/${s.id}/presence`, {})).json();
      assert.deepEqual(later.others, [], 'a closed tab stops counting after a minute');
    });

    test('malformed and oversized requests get a clear 4xx and nothing saved is lost', async () => {
      const s = await create(editor, 'Sturdy story');
      const bad = async (body: string, type = 'application/json') =>
        editor.request(`/desk/api/stories/${s.id}`, {
          method: 'POST',
          body,
          headers: { 'content-type': type, 'x-csrf-token': editor.csrf },
        });
      const cases: [Response, number, RegExp][] = [
        [await bad('{not json'), 400, /not valid JSON/],
        [await bad(JSON.stringify({ baseRevision: 'x', story: {} })), 400, /baseRevision/],
        [
          await bad(JSON.stringify({ baseRevision: 1, story: { headline: '', sectionId, body: doc('x') } })),
          400,
          /A headline is required/,
        ],
        [
          await bad(JSON.stringify({ baseRevision: 1, story: { headline: 'X', sectionId: 999999, body: doc('x') } })),
          400,
          /section that exists/,
        ],
        [
          await bad(
            JSON.stringify({
              baseRevision: 1,
              story: {
                headline: 'X',
                sectionId,
                body: {
                  version: 1,
                  blocks: [{ type: 'paragraph', content: [{ text: 'x', href: 'javascript:alert(1)' }] }],
                },
              },
            }),
          ),
          400,
          /links must be/,
        ],
        [
          await bad(
            JSON.stringify({
              baseRevision: 1,
              story: { headline: 'X', sectionId, body: doc('x'.repeat(3 * 1024 * 1024)) },
            }),
          ),
          413,
          /larger than 2 MB/,
        ],
        [await bad('headline=x', 'text/plain'), 415, /Send JSON/],
        [await editor.get('/desk/api/stories/abc'), 404, /story/],
        [await editor.get('/desk/api/stories?status=nonsense'), 400, /filters are not valid/],
      ];
      for (const [res, status, message] of cases) {
        assert.equal(res.status, status);
        const j = await res.json();
        assert.match(j.error.message, message);
      }
      const cur = await (await editor.get(`/desk/api/stories/${s.id}`)).json();
      assert.equal(cur.revision, 1);
      assert.equal(cur.story.headline, 'Sturdy story');
    });

    test('story list filters by status and headline, newest first, keyset-paged', async () => {
      for (let i = 0; i < 55; i++) {
        now += 1000;
        await create(author, `Paging item ${i} 50%_off`);
      }
      const first = await (await editor.get('/desk/api/stories?q=paging%20item')).json();
      assert.equal(first.items.length, 50);
      assert.equal(first.items[0].headline, 'Paging item 54 50%_off');
      const second = await (await editor.get(`/desk/api/stories?q=paging%20item&before=${first.next}`)).json();
      assert.equal(second.items.length, 5);
      assert.equal(second.next, null);
      assert.equal(new Set([...first.items, ...second.items].map((x: { id: number }) => x.id)).size, 55);
      // The desk page pages the same list, 30 a page, its "Older stories" link keeping the filters.
      const ids = (html: string) => [...html.matchAll(/data-story-id="(\d+)"/g)].map((m) => Number(m[1]));
      const page1 = await (await editor.get('/desk/stories?q=paging+item')).text();
      const older = /href="(\/desk\/stories\?q=paging\+item&amp;before=[A-Za-z0-9_-]+)" rel="next"/.exec(page1)?.[1];
      assert.ok(older, 'an "Older stories" link that keeps the filter');
      const page2 = await (await editor.get(older.replaceAll('&amp;', '&'))).text();
      assert.deepEqual(
        [...ids(page1), ...ids(page2)],
        [...first.items, ...second.items].map((x: { id: number }) => x.id),
      );
      assert.ok(!/rel="next"/.test(page2), 'the last page has no link');
      assert.equal(
        (await editor.get(`/desk/api/stories?before=${Buffer.from('1.x').toString('base64url')}`)).status,
        400,
      );
      const pct = await (await editor.get(`/desk/api/stories?q=${encodeURIComponent('4 50%_')}`)).json();
      assert.deepEqual(
        pct.items.map((x: { headline: string }) => x.headline),
        [
          'Paging item 54 50%_off',
          'Paging item 44 50%_off',
          'Paging item 34 50%_off',
          'Paging item 24 50%_off',
          'Paging item 14 50%_off',
          'Paging item 4 50%_off',
        ],
      );
      // One of them goes live: the filter must list it and leave out the drafts beside it.
      const live = first.items[1] as { id: number };
      assert.equal((await editor.postJson(`/desk/api/stories/${live.id}/publish`, {})).status, 200);
      const published = (await (await editor.get('/desk/api/stories?status=published&q=paging%20item')).json())
        .items as { id: number; status: string }[];
      assert.deepEqual(
        published.map((x) => [x.id, x.status]),
        [[live.id, 'published']],
      );
      const drafts = (await (await editor.get('/desk/api/stories?status=draft&q=paging%20item')).json()).items as {
        id: number;
        status: string;
      }[];
      assert.equal(drafts.length, 50, 'the first page of the 54 still in draft');
      assert.ok(drafts.every((x) => x.status === 'draft' && x.id !== live.id));
    });
  });
}
