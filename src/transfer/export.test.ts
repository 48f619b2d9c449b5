import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import AjvModule from 'ajv';
import formatsModule from 'ajv-formats';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeStory, makeReader } from '../../test/support/factories.js';
import { signedIn } from '../../test/support/desk.js';
import { makeReaderComment, subscribe } from '../../test/support/members.js';
import { makeNewsletter } from '../../test/support/newsletters.js';
import { importMembers } from '../members/members-import.service.js';
import { seedNewsroom } from '../seed/seed.demo.js';
import { insertRevision } from '../stories/story-revision.repo.js';
import { verifyPassword } from '../users/password.js';
import { createUser } from '../users/user.service.js';
import { AppError } from '../http/errors.js';
import { EXPORT_TABLES, NOT_EXPORTED } from './export.registry.js';
import { exportNewsroom, exportText } from './export.service.js';
import { importFile } from './import.service.js';
import { importNewsroom } from './restore-export.service.js';

// CommonJS packages: under NodeNext ESM their class sits on `.default`.
const ajv = new AjvModule.default({ allErrors: true, strict: false });
formatsModule.default(ajv);
const validate = ajv.compile<any>(JSON.parse(readFileSync('docs/export.schema.json', 'utf8')));
const NOW = Date.UTC(2026, 10, 1, 12);

/** A newsroom with something in every exported table: seed, an editor, revisions, notes, an import. */
async function fillNewsroom(t: TestApp): Promise<void> {
  // One hero image: the seed makes pairs of images concurrently, and their ids must not depend on timing here.
  await seedNewsroom(t.deps, { stories: 25, images: 1, seed: 7 });
  const user = await createUser(t.deps, {
    email: 'editor@example.org',
    name: 'Dana Editor',
    role: 'editor',
    password: 'correct horse battery staple',
  });
  const story = await t.deps.db.selectFrom('stories').selectAll().orderBy('id').limit(1).executeTakeFirstOrThrow();
  for (const revision of [1, 2])
    await insertRevision(t.deps.db, {
      story_id: story.id,
      revision,
      user_id: user.id,
      user_name: user.name,
      kind: 'save',
      snapshot: JSON.stringify({ headline: `${story.headline} v${revision}` }),
      created_at: NOW + revision,
    });
  await t.deps.db
    .insertInto('story_notes')
    .values({
      story_id: story.id,
      kind: 'correction',
      body: 'An earlier version misspelt the mill’s name.',
      user_id: user.id,
      created_at: NOW,
    })
    .execute();
  await t.deps.db
    .insertInto('story_desk')
    .values({ story_id: story.id, created_by: user.id, approved_by: user.id, approved_at: NOW })
    .execute();
  await t.deps.db
    .insertInto('liveblog_entries')
    .values({
      story_id: story.id,
      headline: 'First entry',
      body: JSON.stringify({ version: 1, blocks: [] }),
      author_ids: '[]',
      pinned: 0,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await t.deps.db
    .insertInto('webhooks')
    .values({
      url: 'https://hooks.example.org/in',
      secret: 'whsec-test-1',
      events: '["story.published"]',
      active: 1,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await importFile(t.deps, 'wordpress', 'test/fixtures/import/wordpress.xml');
  await fillReaders(t, story.id, user.id);
}

/** Readers with newsletters, an issue sent to them, comments with a reply, a report and a moderation action. */
async function fillReaders(t: TestApp, storyId: number, userId: number): Promise<void> {
  const briefing = await makeNewsletter(t.deps, {
    name: 'Morning briefing',
    slug: 'briefing',
    digestHour: 7,
    position: 1,
  });
  const weekly = await makeNewsletter(t.deps, {
    name: 'Weekly long read',
    slug: 'weekly',
    language: 'uk',
    position: 2,
  });
  const olha = await makeReader(t.deps, { email: 'olha@readers.example', name: 'Olha', source: 'story' });
  const erased = await makeReader(t.deps, { email: '', name: '', deleted_at: NOW, confirmed_at: null });
  await subscribe(t.deps, olha.id, briefing.id);
  await subscribe(t.deps, olha.id, weekly.id, 'unsubscribed');
  await importMembers(t.deps, readFileSync('test/fixtures/members/ghost-members.csv', 'utf8'), {
    newsletterId: weekly.id,
    fileName: 'ghost-members.csv',
  });
  const issue = await t.deps.db
    .insertInto('newsletter_issues')
    .values({
      newsletter_id: briefing.id,
      kind: 'digest',
      story_id: null,
      story_ids: JSON.stringify([storyId]),
      subject: 'This morning',
      intro: 'Good morning.',
      status: 'sent',
      send_at: NOW,
      created_by: userId,
      recipients: 1,
      created_at: NOW,
      updated_at: NOW,
      sent_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.deps.db
    .insertInto('newsletter_deliveries')
    .values({
      issue_id: issue.id,
      reader_id: olha.id,
      status: 'sent',
      attempts: 1,
      message_id: '<m1@x>',
      updated_at: NOW,
      sent_at: NOW,
    })
    .execute();
  const top = await makeReaderComment(t.deps, storyId, olha.id, 'The mill should reopen.');
  const reply = await makeReaderComment(t.deps, storyId, erased.id, 'It should not.', 'hidden');
  await t.deps.db.updateTable('comments').set({ parent_id: top, reader_id: null }).where('id', '=', reply).execute();
  await t.deps.db
    .insertInto('comment_reports')
    .values({ comment_id: reply, reader_id: olha.id, reason: 'rude', created_at: NOW, resolved_at: NOW })
    .execute();
  await t.deps.db
    .insertInto('moderation_actions')
    .values({ comment_id: reply, reader_id: null, user_id: userId, action: 'hide', note: 'rude', created_at: NOW })
    .execute();
}

describe('export registry', () => {
  test('every table of the schema is exported or deliberately left out (add new tables to export.registry.ts)', async () => {
    for (const dialect of DIALECTS) {
      const t = await createTestApp(dialect);
      try {
        const tables = (await t.deps.db.introspection.getTables()).map((x) => x.name);
        const listed = new Set([...EXPORT_TABLES.map((x) => x.name as string), ...Object.keys(NOT_EXPORTED)]);
        assert.deepEqual(
          tables.filter((n) => !listed.has(n)),
          [],
          `${dialect}: tables neither exported nor in NOT_EXPORTED`,
        );
      } finally {
        await t.close();
      }
    }
  });
});

const exports: Record<string, string> = {};

/** Equal texts, or a failure that shows the first line that differs (exports are long). */
function sameText(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  const a = actual.split('\n');
  const e = expected.split('\n');
  const i = a.findIndex((line, k) => line !== e[k]);
  assert.fail(`${what} differs at line ${i + 1}:\n  got:      ${a[i]}\n  expected: ${e[i]}`);
}

/** A fresh installation with the media folder copied over, as an operator moves it (or `backup` does). */
async function freshWithMedia(dialect: (typeof DIALECTS)[number], from: TestApp): Promise<TestApp> {
  const fresh = await createTestApp(dialect, { clock: () => NOW });
  cpSync(from.config.mediaDir, fresh.config.mediaDir, { recursive: true });
  return fresh;
}

for (const dialect of DIALECTS) {
  describe(`export → import broadsheet → export (${dialect})`, () => {
    let t: TestApp;
    let first: string;
    before(async () => {
      t = await createTestApp(dialect, { clock: () => NOW });
      await fillNewsroom(t);
      first = exportText(await exportNewsroom(t.deps));
      exports[dialect] = first;
    });
    after(() => t.close());

    test('the export is valid against docs/export.schema.json and holds every kind of record, without password hashes', () => {
      const doc = JSON.parse(first) as any;
      assert.ok(validate(doc), JSON.stringify(validate.errors?.slice(0, 3)));
      for (const name of [
        'stories',
        'authors',
        'sections',
        'tags',
        'settings',
        'users',
        'story_revisions',
        'story_notes',
        'images',
        'import_map',
        'redirects',
        'pending_media',
        'readers',
        'newsletters',
        'newsletter_subscriptions',
        'newsletter_issues',
        'newsletter_deliveries',
        'comments',
        'comment_reports',
        'moderation_actions',
      ])
        assert.ok(doc.tables[name].length > 0, `${name} exported`);
      assert.ok(
        doc.tables.import_map.some((m: { kind: string }) => m.kind === 'reader'),
        'what a members import remembers travels too',
      );
      assert.equal(doc.tables.story_revisions.length, 2);
      assert.equal(doc.secrets, false);
      assert.ok(!('password_hash' in doc.tables.users[0]));
      assert.ok(!('secret' in doc.tables.webhooks[0]), 'webhook signing secrets stay home too');
      assert.equal(doc.tables.liveblog_entries.length, 1);
      assert.ok(
        doc.media.length > 0 &&
          doc.media.every((m: { bytes: number | null }) => typeof m.bytes === 'number' && m.bytes > 0),
      );
      const broken = structuredClone(doc);
      broken.tables.stories[0].status = 'live';
      assert.equal(validate(broken), false, 'the schema rejects what Broadsheet would not write');
    });

    test('restoring into an empty database and exporting again gives the same file; the site serves it', async () => {
      const fresh = await freshWithMedia(dialect, t);
      try {
        const counts = await importNewsroom(fresh.deps, first);
        assert.equal(counts.stories, JSON.parse(first).tables.stories.length);
        sameText(exportText(await exportNewsroom(fresh.deps)), first, 'the second export');
        const slug = JSON.parse(first).tables.stories.find((s: { status: string }) => s.status === 'published').slug;
        assert.equal((await fresh.request(`/stories/${slug}`)).status, 200);
        assert.equal(
          (await fresh.request('/2024/03/05/floodwater-recedes/')).headers.get('location'),
          '/stories/floodwater-recedes',
          'redirects came along',
        );
        const added = await makeStory(fresh.deps, { headline: 'Written after the move' });
        assert.ok(
          added.id > Math.max(...JSON.parse(first).tables.stories.map((s: { id: number }) => s.id)),
          'new ids continue after the restored ones',
        );
        const user = await fresh.deps.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
        assert.equal(user.password_hash, '!', 'no secret in the file: the account needs a new password');
        const found = await (await fresh.request('/search?q=floodwater')).text();
        assert.match(found, /href="\/stories\/floodwater-recedes"/, 'the search index is rebuilt');
        // Members: their newsletters, comments and history came along; new readers' ids continue after them.
        const doc = JSON.parse(first);
        const olha = doc.tables.readers.find((r: { email: string }) => r.email === 'olha@readers.example');
        const editor = await signedIn(fresh, 'editor');
        const page = await (await editor.get(`/desk/members/${olha.id}`)).text();
        assert.match(page, /Morning briefing: subscribed/);
        assert.match(page, /Weekly long read: unsubscribed/);
        assert.match(page, /The mill should reopen\./);
        const reply = await fresh.deps.db
          .selectFrom('comments')
          .selectAll()
          .where('body', '=', 'It should not.')
          .executeTakeFirstOrThrow();
        const top = await fresh.deps.db
          .selectFrom('comments')
          .select('id')
          .where('body', '=', 'The mill should reopen.')
          .executeTakeFirstOrThrow();
        assert.equal(reply.parent_id, top.id, 'a former reader’s reply keeps its place under its comment');
        assert.equal(reply.reader_id, null, 'and stays a former reader’s');
        const later = await makeReader(fresh.deps);
        assert.ok(later.id > Math.max(...doc.tables.readers.map((r: { id: number }) => r.id)));
        const again = await importMembers(fresh.deps, readFileSync('test/fixtures/members/ghost-members.csv', 'utf8'), {
          newsletterId: doc.tables.newsletters.find((n: { slug: string }) => n.slug === 'weekly').id,
        });
        assert.deepEqual(again.imported, {}, 'the members import remembers what it did, after the move too');
      } finally {
        await fresh.close();
      }
    });

    test('--with-secrets carries password hashes; the account signs in after the move', async () => {
      const text = exportText(await exportNewsroom(t.deps, { withSecrets: true }));
      assert.ok(validate(JSON.parse(text)));
      const fresh = await freshWithMedia(dialect, t);
      try {
        await importNewsroom(fresh.deps, text);
        const user = await fresh.deps.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
        assert.ok(await verifyPassword(user.password_hash, 'correct horse battery staple'));
        sameText(exportText(await exportNewsroom(fresh.deps, { withSecrets: true })), text, 'the export with secrets');
      } finally {
        await fresh.close();
      }
    });

    test('a non-empty database, a truncated file or another format is refused and nothing is written', async () => {
      await assert.rejects(
        importNewsroom(t.deps, first),
        (e: unknown) => e instanceof AppError && e.status === 409 && /not empty/.test(e.message),
      );
      const fresh = await createTestApp(dialect);
      try {
        const cases: [string, RegExp][] = [
          [first.slice(0, first.length / 2), /not valid JSON.*truncated/],
          [readFileSync('test/fixtures/import/ghost-v5-lexical.json', 'utf8'), /"format" is undefined.*import ghost/],
          [JSON.stringify({ format: 'broadsheet-export', version: 9, tables: {} }), /version 9 is not supported/],
          [
            JSON.stringify({
              format: 'broadsheet-export',
              version: 1,
              secrets: false,
              tables: { gadgets: [] },
              media: [],
            }),
            /table "gadgets" is not known/,
          ],
        ];
        for (const [text, message] of cases)
          await assert.rejects(
            importNewsroom(fresh.deps, text),
            (e: unknown) => e instanceof AppError && message.test(e.message),
            String(message),
          );
        const bad = JSON.parse(first);
        bad.tables.story_tags.push({ story_id: 999999, tag_id: 1 });
        await assert.rejects(importNewsroom(fresh.deps, JSON.stringify(bad)), /table story_tags could not be restored/);
        const rows = await fresh.deps.db.selectFrom('stories').select('id').execute();
        assert.equal(rows.length, 0, 'the failed restore left nothing behind');
      } finally {
        await fresh.close();
      }
    });
  });
}

describe('exports are the same whichever engine wrote them', () => {
  test('SQLite and PostgreSQL exports of the same newsroom are byte-identical', () => {
    assert.ok(exports.sqlite && exports.postgres);
    sameText(exports.postgres!, exports.sqlite!, 'the PostgreSQL export');
  });
});
