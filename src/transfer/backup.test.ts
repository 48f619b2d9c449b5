import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeImage, makeSection, makeStory } from '../../test/support/factories.js';
import { AppError } from '../http/errors.js';
import { backupNewsroom, restoreNewsroom } from './backup.service.js';

const storyCount = async (t: TestApp) =>
  Number(
    (
      await t.deps.db
        .selectFrom('stories')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

for (const dialect of DIALECTS) {
  describe(`backup and restore (${dialect})`, () => {
    let t: TestApp;
    let dir: string;
    let atStart = 0;
    let atEnd = 0;
    let imageKey = '';
    before(async () => {
      t = await createTestApp(dialect);
      const section = await makeSection(t.deps, { name: 'Backups' });
      const image = await makeImage(t.deps, { alt: 'A kept image' });
      imageKey = image.storage_key;
      for (let i = 0; i < 20; i++)
        await makeStory(t.deps, { sectionId: section.id, headline: `Before the backup ${i}`, heroImageId: image.id });
      atStart = await storyCount(t);
      // The newsroom keeps publishing while the backup runs.
      let writing = true;
      let n = 0;
      const writer = (async () => {
        while (writing) {
          await makeStory(t.deps, { sectionId: section.id, headline: `Written during the backup ${n++}` });
          // Requests arrive as separate events; yielding lets the backup's own steps run in between.
          await new Promise((r) => setImmediate(r));
        }
      })();
      dir = join(t.dir, 'backup-1');
      try {
        await backupNewsroom(t.deps, dir);
      } finally {
        writing = false;
        await writer;
      }
      atEnd = await storyCount(t);
      assert.ok(atEnd > atStart, 'stories were written while the backup ran');
    });
    after(() => t.close());

    test('the backup taken during writes restores into an empty installation, consistent and with its media', async () => {
      const fresh = await createTestApp(dialect);
      try {
        const manifest = await restoreNewsroom(fresh.deps, dir);
        assert.equal(manifest.dialect, dialect);
        const restored = await storyCount(fresh);
        assert.ok(restored >= atStart && restored <= atEnd, `${restored} stories, between ${atStart} and ${atEnd}`);
        const orphans = await fresh.deps.db
          .selectFrom('story_authors')
          .leftJoin('stories', 'stories.id', 'story_authors.story_id')
          .select('story_authors.story_id')
          .where('stories.id', 'is', null)
          .execute();
        assert.deepEqual(orphans, []);
        assert.ok(await fresh.deps.media.exists(imageKey), 'media files came back');
        assert.equal((await fresh.request('/stories/before-the-backup-3')).status, 200);
        if (dialect === 'sqlite') {
          const copy = new SQLite(join(dir, 'broadsheet.db'), { readonly: true });
          assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
          copy.close();
        }
        const later = await makeStory(fresh.deps, { headline: 'After the restore' });
        assert.ok(later.id > 0);
      } finally {
        await fresh.close();
      }
    });

    test('restore refuses a database with content unless --force, and then replaces it', async () => {
      const other = await createTestApp(dialect);
      try {
        await makeStory(other.deps, { headline: 'Only in the other newsroom' });
        await assert.rejects(
          restoreNewsroom(other.deps, dir),
          (e: unknown) => e instanceof AppError && e.status === 409 && /not empty.*--force/.test(e.message),
        );
        assert.equal(
          (await other.request('/stories/only-in-the-other-newsroom')).status,
          200,
          'untouched after the refusal',
        );
        await restoreNewsroom(other.deps, dir, { force: true });
        assert.equal((await other.request('/stories/only-in-the-other-newsroom')).status, 404);
        assert.equal((await other.request('/stories/before-the-backup-0')).status, 200);
      } finally {
        await other.close();
      }
    });

    test('clear errors: a non-empty target folder, a folder that is not a backup, missing PostgreSQL tools', async () => {
      await assert.rejects(backupNewsroom(t.deps, dir), /not empty; back up into a new or empty folder/);
      const notBackup = join(t.dir, 'not-a-backup');
      mkdirSync(notBackup);
      writeFileSync(join(notBackup, 'notes.txt'), 'hello');
      await assert.rejects(
        restoreNewsroom(t.deps, notBackup, { force: true }),
        /not a finished Broadsheet backup: manifest.json is missing/,
      );
      if (dialect === 'postgres')
        await assert.rejects(
          backupNewsroom(t.deps, join(t.dir, 'backup-2'), { pgDump: '/nonexistent/pg_dump' }),
          (e: unknown) => e instanceof AppError && /not installed here.*postgresql-client/.test(e.message),
        );
    });
  });
}
