import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { createPgDatabase } from '../../test/support/db.js';
import { loadConfig } from '../config.js';
import { type Db, openDb } from './dialect.js';
import { isDatabaseUnavailable } from './unavailable.js';

// PostgreSQL only: a SQLite handle has no connection to lose (its busy timeout is classified in unavailable.test).
describe('a PostgreSQL connection ended by the server (restart, failover, pg_terminate_backend)', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: Db;
  const logged: Record<string, unknown>[] = [];
  before(async () => {
    database = await createPgDatabase();
    db = openDb(loadConfig({ DATABASE_URL: database.url }).database, { log: (f) => void logged.push(f) });
  });
  after(async () => {
    await db.close();
    await database.drop();
  });

  test('ends the transaction that held it with a connection error, logs it, and the process lives on', async () => {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    let failure: unknown;
    try {
      await db.kysely.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        // The server ends this session while the client is checked out and idle (between two queries): what
        // 57P01 admin shutdown does to every session on a restart. Unheard, that `error` event ends the process.
        await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        await sleep(200);
        await sql`select 1`.execute(trx);
      });
    } catch (err) {
      failure = err;
    } finally {
      await admin.end();
    }
    assert.ok(failure, 'the transaction on a dead connection fails');
    assert.ok(isDatabaseUnavailable(failure), `classified as the database being away: ${String(failure)}`);
    assert.ok(logged.some((l) => l.msg === 'database connection lost'));
    // The pool opens a fresh connection for the next query.
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db.kysely);
    assert.equal(rows[0]!.one, 1);
  });
});
