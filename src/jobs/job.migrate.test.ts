import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';
import { migrateToLatest } from '../db/migrate.js';

for (const dialect of DIALECTS) {
  describe(`080-jobs migration (${dialect})`, () => {
    let env: TestEnv;
    before(async () => {
      env = await createTestEnv(dialect);
    });
    after(() => env.close());

    test('webhook deliveries still waiting from the old loop become jobs; finished ones do not', async () => {
      const db = env.deps.db;
      // As before 080: the jobs table does not exist yet, and deliveries wait in their own table.
      await sql`drop table jobs`.execute(db);
      await db
        .deleteFrom('kysely_migration' as never)
        .where('name' as never, '=', '080-jobs' as never)
        .execute();
      const hook = await db
        .insertInto('webhooks')
        .values({
          url: 'https://example.org/h',
          secret: 'x'.repeat(20),
          events: '[]',
          active: 1,
          created_at: 1,
          updated_at: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = (key: string, status: 'pending' | 'delivering' | 'delivered' | 'failed', attempts: number) => ({
        webhook_id: hook.id,
        event: 'story.published',
        event_key: key,
        payload: '{}',
        status,
        attempts,
        next_attempt_at: 5000,
        locked_until: null,
        last_status: null,
        last_error: attempts ? 'HTTP 500' : '',
        created_at: 10,
        delivered_at: null,
      });
      const ids = await db
        .insertInto('webhook_deliveries')
        .values([row('a', 'pending', 2), row('b', 'delivering', 1), row('c', 'delivered', 1), row('d', 'failed', 6)])
        .returning('id')
        .execute();
      await migrateToLatest(db, dialect);
      const jobs = await db.selectFrom('jobs').selectAll().orderBy('id').execute();
      assert.deepEqual(
        jobs.map((j) => [
          j.kind,
          JSON.parse(j.payload),
          j.status,
          j.run_at,
          j.attempts,
          j.max_attempts,
          j.dedupe_key,
          j.last_error,
        ]),
        [
          [
            'webhook.deliver',
            { deliveryId: ids[0]!.id },
            'queued',
            5000,
            2,
            6,
            `webhook.deliver:${ids[0]!.id}`,
            'HTTP 500',
          ],
          [
            'webhook.deliver',
            { deliveryId: ids[1]!.id },
            'queued',
            5000,
            1,
            6,
            `webhook.deliver:${ids[1]!.id}`,
            'HTTP 500',
          ],
        ],
      );
    });
  });
}
