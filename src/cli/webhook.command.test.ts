import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import { listWebhooks } from '../webhooks/webhook.service.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

for (const dialect of DIALECTS) {
  describe(`webhook command (${dialect})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await createTestEnv(dialect);
    });
    after(() => env.close());

    const cli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATA_DIR: env.dir,
          DATABASE_URL: env.databaseUrl,
          SEED_DEMO: '0',
          WEBHOOKS_ALLOW_PRIVATE: 'false',
        },
      });

    test('adds, lists, disables and removes a webhook; bad input fails with a message', async () => {
      const added = await cli(
        'webhook',
        'add',
        'https://example.org/hook',
        '--events',
        'story.published,story.unpublished',
      );
      assert.match(
        added.stdout,
        /^webhook 1 → https:\/\/example\.org\/hook \(story\.published, story\.unpublished\)$/m,
      );
      const secret = /^secret: (\S+)$/m.exec(added.stdout)?.[1];
      assert.ok(secret && secret.length >= 32);
      assert.deepEqual(
        (await listWebhooks(env.deps.db)).map((h) => [h.url, h.active, h.events]),
        [['https://example.org/hook', true, ['story.published', 'story.unpublished']]],
      );
      await cli('webhook', 'disable', '1');
      assert.match((await cli('webhook', 'list')).stdout, /^1\toff\thttps:\/\/example\.org\/hook\t/m);
      assert.match((await cli('webhook', 'deliveries')).stdout, /No deliveries/);
      await assert.rejects(
        cli('webhook', 'add', 'javascript:alert(1)'),
        (e: { stderr: string; code: number }) => e.code === 1 && /must start with http/.test(e.stderr),
      );
      await assert.rejects(
        cli('webhook', 'add', 'http://0x7f.0.0.1:6379/'),
        (e: { stderr: string; code: number }) =>
          e.code === 1 && /Webhook address refused: 127\.0\.0\.1 is a loopback address/.test(e.stderr),
      );
      assert.equal((await listWebhooks(env.deps.db)).length, 1, 'nothing saved');
      await assert.rejects(cli('webhook', 'remove', '99'), (e: { stderr: string }) =>
        /could not find that webhook/.test(e.stderr),
      );
      await cli('webhook', 'remove', '1');
      assert.deepEqual(await listWebhooks(env.deps.db), []);
    });
  });
}
