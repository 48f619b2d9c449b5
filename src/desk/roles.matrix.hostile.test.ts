import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import sharp from 'sharp';
import { makeImage, makeReader, makeSection, makeStory, p } from '../../test/support/factories.js';
import { makeReaderComment } from '../../test/support/members.js';
import { makeNewsletter } from '../../test/support/newsletters.js';
import { insertOutboxMail } from '../mail/outbox.repo.js';
import { uploadForm } from '../../test/support/upload-files.js';
import type { UserRole } from '../db/database.js';
import { insertJob } from '../jobs/job.repo.js';
import { publishStory, updateStory } from '../stories/story.service.js';
import { ROLES } from '../users/user.policy.js';
import { getSettings } from '../settings/settings.repo.js';
import { updateSettings } from '../settings/settings.service.js';

type Setup = { own: (c: DeskClient) => Promise<number>; other: () => Promise<number> };

/**
 * The whole roles matrix: every role tries every desk action through the real HTTP routes;
 * each is either allowed (the action's success status) or refused with 403.
 */
for (const dialect of DIALECTS) {
  describe(`roles matrix (${dialect})`, () => {
    let t: TestApp;
    let sectionId: number;
    const clients = new Map<UserRole, DeskClient>();
    let stranger: DeskClient;
    before(async () => {
      t = await createTestApp(dialect);
      // Two editions, so a story can be translated or moved into the other one.
      await updateSettings(
        t.deps,
        {
          ...(await getSettings(t.deps.db)),
          editions: [
            { code: 'en', locale: 'en-GB', name: 'English', prefix: '' },
            { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' },
          ],
        },
        'test',
      );
      sectionId = (await makeSection(t.deps)).id;
      for (const role of ROLES) clients.set(role, await signedIn(t, role));
      stranger = await signedIn(t, 'author', { name: 'Stranger' });
    });
    after(() => t.close());

    const story = () => ({ headline: 'Matrix story', sectionId, body: { version: 1, blocks: [p('Text.')] } });
    const draftBy = async (c: DeskClient) => {
      const res = await c.postJson('/desk/api/stories', { story: story() });
      assert.equal(res.status, 201);
      return (await res.json()).id as number;
    };
    const inState = (state: 'draft' | 'review' | 'published'): Setup => {
      const move = async (id: number) => {
        if (state === 'review') await updateStory(t.deps, id, { status: 'review' }, 'test');
        if (state === 'published') await publishStory(t.deps, id, 'test');
        return id;
      };
      return { own: async (c) => move(await draftBy(c)), other: async () => move(await draftBy(stranger)) };
    };
    const save = (c: DeskClient, id: number) =>
      c.postJson(`/desk/api/stories/${id}`, { baseRevision: 1, story: { headline: `Edited by ${c.user!.role}` } });
    const act =
      (name: string, body: unknown = {}) =>
      (c: DeskClient, id: number) =>
        c.postJson(`/desk/api/stories/${id}/${name}`, body);

    // A fresh account per try, so one role's change (an owner demoting it) does not decide the next role's answer.
    const account = (role: UserRole): Setup => {
      const make = async () => (await signedIn(t, role)).user!.id;
      return { own: make, other: make };
    };

    const failedJob = async () => {
      const id = (await insertJob(t.deps.db, {
        kind: 'matrix.test',
        payload: '{}',
        runAt: 0,
        maxAttempts: 1,
        dedupeKey: null,
        now: 0,
      }))!;
      await t.deps.db
        .updateTable('jobs')
        .set({ status: 'failed', attempts: 1, last_error: 'Error: broken' })
        .where('id', '=', id)
        .execute();
      return id;
    };

    const unusedImage = async () => (await makeImage(t.deps)).id;
    let uploads = 0;
    const ownUpload = async (c: DeskClient) => {
      const png = await sharp({
        create: { width: 64, height: 48, channels: 3, background: { r: ++uploads % 256, g: 7, b: 9 } },
      })
        .png()
        .toBuffer();
      const res = await c.request('/desk/api/media', {
        method: 'POST',
        body: uploadForm(png, { alt: 'Mine' }),
        headers: { accept: 'application/json', 'x-csrf-token': c.csrf },
      });
      assert.equal(res.status, 201);
      return ((await res.json()) as { id: number }).id;
    };

    const member = async () => (await makeReader(t.deps)).id;
    let imports = 0;
    /** A members CSV upload (one new address a try, so each allowed role imports something). */
    const membersUpload = (c: DeskClient) => {
      const form = new FormData();
      form.set('_csrf', c.csrf);
      form.set('newsletter', 'none');
      form.set(
        'file',
        new File(
          [`id,email,name,subscribed_to_emails,created_at\nm${++imports},matrix${imports}@readers.test,M,true,`],
          'm.csv',
        ),
      );
      return c.request('/desk/members/import', { method: 'POST', body: form });
    };

    // Readers' side (issue 13): newsletters, their issues, comments and the local outbox, fresh for every try.
    let lists = 0;
    const newsletter = async () => (await makeNewsletter(t.deps, { name: `Matrix list ${++lists}` })).id;
    const published = async () => (await makeStory(t.deps, { sectionId, headline: 'Matrix digest story' })).id;
    const issue = (status: 'draft' | 'scheduled') => async () => {
      const [newsletterId, storyId] = await Promise.all([newsletter(), published()]);
      const now = t.deps.clock();
      const row = await t.deps.db
        .insertInto('newsletter_issues')
        .values({
          newsletter_id: newsletterId,
          kind: 'digest',
          story_id: null,
          story_ids: JSON.stringify([storyId]),
          subject: 'Matrix digest',
          intro: '',
          status,
          send_at: status === 'scheduled' ? now + 86_400_000 : null,
          created_by: null,
          created_at: now,
          updated_at: now,
          sent_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    };
    const readerComment = async () =>
      makeReaderComment(t.deps, await published(), (await makeReader(t.deps)).id, 'Matrix comment', 'pending');
    const outboxMail = async () =>
      insertOutboxMail(t.deps.db, {
        kind: 'reader.sign-in',
        to_address: 'matrix@readers.test',
        from_address: 'news@news.test',
        subject: 'Your sign-in link',
        html: '<p>Link</p>',
        text: 'Link',
        created_at: t.deps.clock(),
      });
    const fresh = (make: () => Promise<number>): Setup => ({ own: make, other: make });
    const newsletterForm = (c: DeskClient) => ({
      name: `Made by ${c.user!.role}`,
      senderName: 'The Matrix',
      senderEmail: 'matrix@news.test',
      visible: '1',
    });

    let tiers = 0;
    const EDITORS: UserRole[] = ['owner', 'admin', 'editor'];
    const ADMINS: UserRole[] = ['owner', 'admin'];
    const matrix: {
      action: string;
      allowed: readonly UserRole[];
      ok: number;
      setup?: { which: 'own' | 'other'; of: Setup };
      run: (c: DeskClient, id: number) => Promise<Response>;
    }[] = [
      { action: 'open the story list', allowed: ROLES, ok: 200, run: (c) => c.get('/desk/stories') },
      { action: 'open the new-story page', allowed: ROLES, ok: 200, run: (c) => c.get('/desk/stories/new') },
      {
        action: 'create a draft',
        allowed: ROLES,
        ok: 201,
        run: (c) => c.postJson('/desk/api/stories', { story: story() }),
      },
      {
        action: 'translate someone else’s published story',
        allowed: ROLES,
        ok: 201,
        setup: { which: 'other', of: inState('published') },
        run: (c, id) => c.postJson(`/desk/api/stories/${id}/translations`, { language: 'uk' }),
      },
      {
        action: 'change the language of own draft',
        allowed: ROLES,
        ok: 200,
        setup: { which: 'own', of: inState('draft') },
        run: act('language', { language: 'uk' }),
      },
      {
        action: 'change the language of someone else’s draft',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'other', of: inState('draft') },
        run: act('language', { language: 'uk' }),
      },
      {
        action: 'open any story in the editor',
        allowed: ROLES,
        ok: 200,
        setup: { which: 'other', of: inState('draft') },
        run: (c, id) => c.get(`/desk/stories/${id}/edit`),
      },
      {
        action: 'comment on any story',
        allowed: ROLES,
        ok: 200,
        setup: { which: 'other', of: inState('review') },
        run: act('comments', { body: 'A comment' }),
      },
      { action: 'edit own draft', allowed: ROLES, ok: 200, setup: { which: 'own', of: inState('draft') }, run: save },
      {
        action: 'edit own story in review',
        allowed: [...EDITORS, 'author'],
        ok: 200,
        setup: { which: 'own', of: inState('review') },
        run: save,
      },
      {
        action: 'edit own published story',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'own', of: inState('published') },
        run: save,
      },
      {
        action: 'edit someone else’s draft',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'other', of: inState('draft') },
        run: save,
      },
      {
        action: 'restore a revision of someone else’s story',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'other', of: inState('draft') },
        run: act('restore', { revision: 1, baseRevision: 1 }),
      },
      {
        action: 'submit own draft for review',
        allowed: [...EDITORS, 'author'],
        ok: 200,
        setup: { which: 'own', of: inState('draft') },
        run: act('submit'),
      },
      {
        action: 'submit someone else’s draft',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'other', of: inState('draft') },
        run: act('submit'),
      },
      {
        action: 'approve a story in review',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'other', of: inState('review') },
        run: act('approve'),
      },
      {
        action: 'return a story for changes',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'other', of: inState('review') },
        run: act('return', { note: 'Needs work' }),
      },
      { action: 'open the review queue', allowed: EDITORS, ok: 200, run: (c) => c.get('/desk/review') },
      { action: 'open the sections’ names', allowed: EDITORS, ok: 200, run: (c) => c.get('/desk/sections') },
      { action: 'open the tags’ names', allowed: EDITORS, ok: 200, run: (c) => c.get('/desk/tags') },
      {
        action: 'rename a section',
        allowed: EDITORS,
        ok: 303,
        run: (c) => c.postForm(`/desk/sections/${sectionId}`, { 'name.en': 'Matrix section' }),
      },
      {
        action: 'publish own story',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'own', of: inState('review') },
        run: act('publish'),
      },
      {
        action: 'publish someone else’s story',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'other', of: inState('review') },
        run: act('publish'),
      },
      {
        action: 'publish through the no-JS form',
        allowed: EDITORS,
        ok: 303,
        setup: { which: 'own', of: inState('draft') },
        run: (c, id) => c.postForm(`/desk/stories/${id}/publish`, {}),
      },
      {
        action: 'schedule a story',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'own', of: inState('draft') },
        run: act('schedule', { at: Date.now() + 86400_000 }),
      },
      {
        action: 'unpublish a story',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'other', of: inState('published') },
        run: act('unpublish'),
      },
      {
        action: 'add a correction',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'other', of: inState('published') },
        run: act('notes', { kind: 'correction', body: 'Fixed a name.' }),
      },
      {
        action: 'write a static page',
        allowed: EDITORS,
        ok: 201,
        run: (c) => c.postJson('/desk/api/stories', { story: { ...story(), headline: 'Our ethics', kind: 'page' } }),
      },
      { action: 'open the menus', allowed: EDITORS, ok: 200, run: (c) => c.get('/desk/menus') },
      {
        action: 'change the menus',
        allowed: EDITORS,
        ok: 303,
        run: (c) => c.postForm('/desk/menus', { edition: 'en', header: 'Home | /', footer: '' }),
      },
      { action: 'open the users page', allowed: ADMINS, ok: 200, run: (c) => c.get('/desk/users') },
      {
        action: 'change the newsroom settings',
        allowed: ADMINS,
        ok: 303,
        run: (c) => c.postForm('/desk/settings', { name: 'The Matrix Gazette', description: 'Tested', language: 'en' }),
      },
      { action: 'open the background jobs page', allowed: ADMINS, ok: 200, run: (c) => c.get('/desk/jobs') },
      {
        action: 'retry a failed background job',
        allowed: ADMINS,
        ok: 303,
        run: async (c) => c.postForm(`/desk/jobs/${await failedJob()}/retry`, {}),
      },
      {
        action: 'invite a member of staff',
        allowed: ADMINS,
        ok: 201,
        run: (c) =>
          c.postJson('/desk/api/users/invites', {
            email: `new-${c.user!.role}-${Math.random()}@news.test`,
            role: 'author',
          }),
      },
      {
        action: 'end an owner’s sessions',
        allowed: ['owner'],
        ok: 303,
        setup: { which: 'other', of: account('owner') },
        run: (c, id) => c.postForm(`/desk/users/${id}/sessions`, {}),
      },
      {
        action: 'disable an owner',
        allowed: ['owner'],
        ok: 303,
        setup: { which: 'other', of: account('owner') },
        run: (c, id) => c.postForm(`/desk/users/${id}`, { disabled: '1' }),
      },
      {
        action: 'change an owner’s role',
        allowed: ['owner'],
        ok: 303,
        setup: { which: 'other', of: account('owner') },
        run: (c, id) => c.postForm(`/desk/users/${id}`, { role: 'editor' }),
      },
      {
        action: 'end an editor’s sessions',
        allowed: ADMINS,
        ok: 303,
        setup: { which: 'other', of: account('editor') },
        run: (c, id) => c.postForm(`/desk/users/${id}/sessions`, {}),
      },
      {
        action: 'disable an editor',
        allowed: ADMINS,
        ok: 303,
        setup: { which: 'other', of: account('editor') },
        run: (c, id) => c.postForm(`/desk/users/${id}`, { disabled: '1' }),
      },
      {
        action: 'edit own author profile',
        allowed: ROLES,
        ok: 200,
        run: (c) => c.postJson(`/desk/api/authors/${c.user!.author_id}`, { name: c.user!.name, roleTitle: 'Reporter' }),
      },
      {
        action: 'delete an image from the media library',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'other', of: { own: unusedImage, other: unusedImage } },
        run: (c, id) =>
          c.request(`/desk/api/media/${id}`, {
            method: 'DELETE',
            headers: { accept: 'application/json', 'x-csrf-token': c.csrf },
          }),
      },
      {
        action: 'delete own unused upload',
        allowed: ROLES,
        ok: 200,
        setup: { which: 'own', of: { own: ownUpload, other: unusedImage } },
        run: (c, id) =>
          c.request(`/desk/api/media/${id}`, {
            method: 'DELETE',
            headers: { accept: 'application/json', 'x-csrf-token': c.csrf },
          }),
      },
      { action: 'open the members list', allowed: EDITORS, ok: 200, run: (c) => c.get('/desk/members') },
      {
        action: 'search the members list',
        allowed: EDITORS,
        ok: 200,
        run: (c) => c.get('/desk/members?q=reader&status=active'),
      },
      {
        action: 'open a member’s page',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'other', of: fresh(member) },
        run: (c, id) => c.get(`/desk/members/${id}`),
      },
      {
        action: 'export the members list as CSV',
        allowed: ADMINS,
        ok: 200,
        run: async (c) => {
          const res = await c.get('/desk/members/export.csv');
          await res.arrayBuffer();
          return res;
        },
      },
      { action: 'open the members import page', allowed: ADMINS, ok: 200, run: (c) => c.get('/desk/members/import') },
      { action: 'import a members CSV', allowed: ADMINS, ok: 200, run: membersUpload },
      { action: 'open the newsletters', allowed: EDITORS, ok: 200, run: (c) => c.get('/desk/newsletters') },
      {
        action: 'define a newsletter',
        allowed: ADMINS,
        ok: 303,
        run: (c) => c.postForm('/desk/newsletters', newsletterForm(c)),
      },
      {
        action: 'open a newsletter’s definition',
        allowed: ADMINS,
        ok: 200,
        setup: { which: 'other', of: fresh(newsletter) },
        run: (c, id) => c.get(`/desk/newsletters/${id}`),
      },
      {
        action: 'change a newsletter’s definition',
        allowed: ADMINS,
        ok: 303,
        setup: { which: 'other', of: fresh(newsletter) },
        run: (c, id) => c.postForm(`/desk/newsletters/${id}`, newsletterForm(c)),
      },
      {
        action: 'archive a newsletter',
        allowed: ADMINS,
        ok: 303,
        setup: { which: 'other', of: fresh(newsletter) },
        run: (c, id) => c.postForm(`/desk/newsletters/${id}/archive`, {}),
      },
      {
        action: 'open the digest composer',
        allowed: EDITORS,
        ok: 200,
        run: (c) => c.get('/desk/newsletters/issues/new'),
      },
      {
        action: 'compose a digest',
        allowed: EDITORS,
        ok: 303,
        setup: { which: 'other', of: fresh(newsletter) },
        run: async (c, id) =>
          c.postForm('/desk/newsletters/issues', {
            newsletterId: String(id),
            subject: 'Matrix digest',
            intro: '',
            storyIds: String(await published()),
          }),
      },
      {
        action: 'open a newsletter issue',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'other', of: fresh(issue('draft')) },
        run: (c, id) => c.get(`/desk/newsletters/issues/${id}`),
      },
      {
        action: 'preview a newsletter issue',
        allowed: EDITORS,
        ok: 200,
        setup: { which: 'other', of: fresh(issue('draft')) },
        run: (c, id) => c.get(`/desk/newsletters/issues/${id}/preview`),
      },
      {
        action: 'send a test of an issue to oneself',
        allowed: EDITORS,
        ok: 303,
        setup: { which: 'other', of: fresh(issue('draft')) },
        run: (c, id) => c.postForm(`/desk/newsletters/issues/${id}/test`, {}),
      },
      {
        action: 'send a newsletter issue',
        allowed: EDITORS,
        ok: 303,
        setup: { which: 'other', of: fresh(issue('draft')) },
        run: (c, id) => c.postForm(`/desk/newsletters/issues/${id}/send`, {}),
      },
      {
        action: 'cancel a scheduled issue',
        allowed: EDITORS,
        ok: 303,
        setup: { which: 'other', of: fresh(issue('scheduled')) },
        run: (c, id) => c.postForm(`/desk/newsletters/issues/${id}/cancel`, {}),
      },
      { action: 'open the comments queue', allowed: EDITORS, ok: 200, run: (c) => c.get('/desk/comments') },
      { action: 'open the moderation log', allowed: EDITORS, ok: 200, run: (c) => c.get('/desk/comments/log') },
      {
        action: 'approve a reader’s comment',
        allowed: EDITORS,
        ok: 303,
        setup: { which: 'other', of: fresh(readerComment) },
        run: (c, id) => c.postForm(`/desk/comments/${id}/approve`, {}),
      },
      {
        action: 'ban a reader from commenting',
        allowed: EDITORS,
        ok: 303,
        setup: { which: 'other', of: fresh(member) },
        run: (c, id) => c.postForm(`/desk/comments/readers/${id}/ban`, { note: 'matrix' }),
      },
      {
        action: 'turn a story’s comments off',
        allowed: EDITORS,
        ok: 303,
        setup: { which: 'other', of: fresh(published) },
        run: (c, id) => c.postForm(`/desk/stories/${id}/reader-comments`, { mode: 'off' }),
      },
      { action: 'open the comment rules', allowed: ADMINS, ok: 200, run: (c) => c.get('/desk/comments/rules') },
      {
        action: 'change the comment rules',
        allowed: ADMINS,
        ok: 303,
        run: (c) =>
          c.postForm('/desk/comments/rules', {
            enabled: 'on',
            close_after_days: '30',
            hold_new_readers: 'on',
            trusted_after: '1',
          }),
      },
      { action: 'open the mail outbox', allowed: ADMINS, ok: 200, run: (c) => c.get('/desk/outbox') },
      { action: 'open one’s own two-factor page', allowed: ROLES, ok: 200, run: (c) => c.get('/desk/two-factor') },
      {
        action: 'say which roles must sign in with two-factor',
        allowed: ['owner'],
        ok: 303,
        run: (c) => c.postForm('/desk/two-factor/roles', {}),
      },
      {
        action: 'read a mail in the outbox',
        allowed: ADMINS,
        ok: 200,
        setup: { which: 'other', of: fresh(outboxMail) },
        run: (c, id) => c.get(`/desk/outbox/${id}`),
      },
      { action: 'open the tiers page', allowed: ADMINS, ok: 200, run: (c) => c.get('/desk/tiers') },
      {
        action: 'create a tier and its prices',
        allowed: ADMINS,
        ok: 303,
        run: (c) =>
          c.postForm('/desk/tiers', {
            name: `Tier by ${c.user!.role} ${++tiers}`,
            slug: '',
            kind: 'paid',
            description: '',
            benefits: '',
            monthlyPrice: '5',
            yearlyPrice: '',
            position: '0',
          }),
      },
      {
        action: 'change the currency and donation settings',
        allowed: ADMINS,
        ok: 303,
        run: (c) =>
          c.postForm('/desk/tiers/settings', {
            currency: 'EUR',
            graceDays: '7',
            donationPrompt: 'off',
            promptAfter: '3',
            donationPresets: '5 10 25',
          }),
      },
      {
        action: 'edit someone else’s author profile',
        allowed: ADMINS,
        ok: 200,
        run: (c) =>
          c.postJson(`/desk/api/authors/${stranger.user!.author_id}`, { name: 'Stranger', roleTitle: 'Renamed' }),
      },
    ];

    let held = 0;
    for (const row of matrix) {
      test(`${row.action}: ${row.allowed.join(', ')} allowed; others refused`, async () => {
        const got: Record<string, number> = {};
        const want: Record<string, number> = {};
        for (const role of ROLES) {
          const c = clients.get(role)!;
          const id = row.setup
            ? row.setup.which === 'own'
              ? await row.setup.of.own(c)
              : await row.setup.of.other()
            : 0;
          got[role] = (await row.run(c, id)).status;
          want[role] = row.allowed.includes(role) ? row.ok : 403;
        }
        assert.deepEqual(got, want);
        held += ROLES.length;
      });
    }

    test('every role × action case held (the figure for test:hostile)', (c) => {
      const cases = matrix.length * ROLES.length;
      c.diagnostic(`hostile figures: authz (${dialect}): ${held} of ${cases} role × action cases held`);
      assert.equal(held, cases);
    });

    test('a refused publish leaves the story unpublished and says why', async () => {
      const author = clients.get('author')!;
      const id = await inState('review').own(author);
      const res = await author.postJson(`/desk/api/stories/${id}/publish`, {});
      assert.equal(res.status, 403);
      assert.match((await res.json()).error.message, /Only editors can publish/);
      const cur = await (await author.get(`/desk/api/stories/${id}`)).json();
      assert.equal(cur.status, 'review');
    });
  });
}
