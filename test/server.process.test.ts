import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DIALECTS, createPgDatabase } from './support/db.js';
import { startServerProcess } from './support/process.js';

for (const dialect of DIALECTS) {
  describe(`the server process (${dialect})`, () => {
    test('starts, seeds the demo, logs one JSON line per request and stops cleanly on SIGTERM', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'broadsheet-proc-'));
      const pg = dialect === 'postgres' ? await createPgDatabase() : null;
      try {
        const server = await startServerProcess({ DATA_DIR: dir, ...(pg ? { DATABASE_URL: pg.url } : {}), SEED_DEMO: '1' });
        const health = await fetch(`${server.url}/healthz`);
        assert.equal(health.status, 200);
        assert.deepEqual(await health.json(), { status: 'ok', database: dialect });
        const home = await fetch(`${server.url}/`, { headers: { 'x-request-id': 'req-abc' } });
        assert.equal(home.status, 200);
        assert.match(await home.text(), /data-story-id/);
        const code = await server.stop('SIGTERM');
        assert.equal(code, 0);
        const log = server.lines.find((l) => l.msg === 'request' && l.request_id === 'req-abc');
        assert.ok(log, 'request logged');
        assert.equal(log.method, 'GET');
        assert.equal(log.path, '/');
        assert.equal(log.status, 200);
        assert.equal(typeof log.ms, 'number');
        assert.ok(server.lines.some((l) => l.msg === 'demo newsroom ready'));
        assert.ok(server.lines.some((l) => l.msg === 'stopped'));
      } finally {
        await pg?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
