import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import { makeNewsletter } from '../../test/support/newsletters.js';

const run = promisify(execFile);

/** The command line on a test database, as an operator runs it. */
const cliOn = (env: TestEnv) => (args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { ...process.env, DATA_DIR: env.dir, DATABASE_URL: env.databaseUrl, SEED_DEMO: '0' },
  });

for (const dialect of DIALECTS) {
  describe(`import members on the command line (${dialect})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await createTestEnv(dialect);
      await makeNewsletter(env.deps, { name: 'Morning briefing', slug: 'briefing' });
    });
    after(() => env.close());

    const cli = (args: string[]) => cliOn(env)(args);

    test('imports a Ghost members CSV into a newsletter and prints the report; a second run adds nothing', async () => {
      const args = ['import', 'members', 'test/fixtures/members/ghost-members.csv', '--newsletter', 'briefing'];
      const { stdout } = await cli(args);
      assert.match(stdout, /^Import from ghost members finished in [\d.]+ s\.$/m);
      assert.match(stdout, /^ {2}member: 4$/m);
      assert.match(stdout, /^ {2}subscription: 4$/m);
      assert.match(stdout, /^ {2}column "tiers": 1 × paid memberships are not in Broadsheet yet$/m);
      const readers = await env.deps.db.selectFrom('readers').select(['email', 'source_detail']).execute();
      assert.equal(readers.length, 4);
      assert.ok(readers.every((r) => r.source_detail === 'ghost-members.csv'));
      const again = await cli(args);
      assert.match(again.stdout, /nothing new/);
      assert.match(again.stdout, /member: 4 × already imported/);
    });
  });
}

// The arguments are checked before anything is written, the same on either engine: one is enough here, since each
// case starts a process.
describe('import members on the command line: what it refuses', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv('sqlite');
    await makeNewsletter(env.deps, { name: 'Morning briefing', slug: 'briefing' });
  });
  after(() => env.close());
  const cli = (args: string[]) => cliOn(env)(args);

  test('a missing or unknown newsletter, a wrong format or a missing file exits non-zero with the problem', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['test/fixtures/members/ghost-members.csv'],
        /Choose the newsletter the members get with --newsletter \(briefing, none\)/,
      ],
      [['test/fixtures/members/ghost-members.csv', '--newsletter', 'daily'], /No newsletter "daily" here/],
      [
        ['test/fixtures/members/ghost-members.csv', '--newsletter', 'none', '--format', 'substack'],
        /--format is ghost or mailchimp/,
      ],
      [['test/fixtures/members/nope.csv', '--newsletter', 'none'], /nope\.csv: no such file/],
      [
        ['test/fixtures/members/mailchimp-cleaned.csv', '--newsletter', 'none', '--format', 'ghost'],
        /Members CSV: this is not a Ghost members export \(it looks like a Mailchimp one\)/,
      ],
    ];
    for (const [args, message] of cases)
      await assert.rejects(cli(['import', 'members', ...args]), (e: { code: number; stderr: string }) => {
        assert.equal(e.code, 1);
        assert.match(e.stderr, /^broadsheet: /);
        assert.match(e.stderr, message);
        return true;
      });
  });
});
