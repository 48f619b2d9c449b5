import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { makeSection } from '../../test/support/factories.js';
import { isDatabaseUnavailable } from './unavailable.js';

describe('which errors mean the database is away (a 503, not a 500)', () => {
  test('PostgreSQL shutdown, start-up and connection classes, socket errors, pg’s own connection messages, SQLite busy', () => {
    const coded = (code: string) => Object.assign(new Error('x'), { code });
    for (const code of ['57P01', '57P03', '08006', '08001', 'ECONNREFUSED', 'ECONNRESET', 'SQLITE_BUSY'])
      assert.ok(isDatabaseUnavailable(coded(code)), code);
    assert.ok(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')));
    assert.ok(isDatabaseUnavailable(new AggregateError([coded('ECONNREFUSED')], 'connect failed')));
    assert.ok(isDatabaseUnavailable(new Error('wrapped', { cause: coded('57P01') })));
    // A wrong query, a constraint, a bug: those stay 500s (or the service's own 4xx), never hidden as an outage.
    for (const code of ['42P01', '23505', '22P02', 'SQLITE_CONSTRAINT', 'SQLITE_ERROR'])
      assert.ok(!isDatabaseUnavailable(coded(code)), code);
    assert.ok(!isDatabaseUnavailable(new TypeError('x is undefined')));
  });
});

// SQLite only: its one way to be away is another process holding the write lock past the busy timeout (5 s).
// PostgreSQL's (a restart) is in test/db-outage.test.ts, on a cluster of the test's own.
describe('a SQLite write that waits out the busy timeout (sqlite)', () => {
  let t: TestApp;
  let editor: DeskClient;
  before(async () => {
    t = await createTestApp('sqlite');
    editor = await signedIn(t, 'editor');
  });
  after(() => t.close());

  test('is a 503 with Retry-After in the one JSON error shape, and the same write succeeds once the lock is gone', async () => {
    const sectionId = (await makeSection(t.deps)).id;
    const story = { story: { headline: 'Held up', sectionId, body: { version: 1, blocks: [] } } };
    const other = new SQLite(t.databaseUrl);
    other.exec('begin immediate');
    try {
      const res = await editor.postJson('/desk/api/stories', story);
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '5');
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'unavailable');
      assert.doesNotMatch(body.error.message, /SQLITE|busy|locked/i);
    } finally {
      other.exec('rollback');
      other.close();
    }
    assert.equal((await editor.postJson('/desk/api/stories', story)).status, 201);
  });
});
