import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';

const run = promisify(execFile);

for (const dialect of DIALECTS) {
  describe(`broadsheet import on the command line (${dialect})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await createTestEnv(dialect);
    });
    after(() => env.close());

    const cli = (args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        env: { ...process.env, DATA_DIR: env.dir, DATABASE_URL: env.databaseUrl, SEED_DEMO: '0' },
      });

    test('imports with plain progress lines on stderr and the report on stdout', async () => {
      const { stdout, stderr } = await cli(['import', 'wordpress', 'test/fixtures/import/wordpress.xml']);
      assert.match(stderr, /^Importing: 5\/5 stories · [\d,]+ stories\/s · done in \d+:\d\d$/m);
      assert.match(stdout, /Import from wordpress finished/);
      assert.match(stdout, /post: 4\n\s+page: 1/);
      assert.match(stdout, /post: 1 × status "private" is not imported/);
      const rows = await env.deps.db.selectFrom('stories').select('slug').execute();
      assert.equal(rows.length, 5);
    });

    test('a broken file exits non-zero with the problem, not a stack trace', async () => {
      await assert.rejects(
        cli(['import', 'ghost', 'test/fixtures/import/wordpress.xml']),
        (e: { code: number; stderr: string }) => {
          assert.equal(e.code, 1);
          assert.equal(
            e.stderr.trim(),
            'broadsheet: Ghost export: this file is XML, not a Ghost JSON export (a WordPress export? use import wordpress)',
          );
          return true;
        },
      );
    });
  });
}
