import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { DIALECTS, createPgDatabase } from './support/db.js';
import { ROOT, startServerProcess } from './support/process.js';

for (const dialect of DIALECTS) {
  describe(`the server process (${dialect})`, () => {
    test('starts, seeds the demo, logs one JSON line per request and stops cleanly on SIGTERM', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'broadsheet-proc-'));
      const pg = dialect === 'postgres' ? await createPgDatabase() : null;
      try {
        const server = await startServerProcess({
          DATA_DIR: dir,
          ...(pg ? { DATABASE_URL: pg.url } : {}),
          SEED_DEMO: '1',
        });
        const health = await fetch(`${server.url}/healthz`);
        assert.equal(health.status, 200);
        assert.deepEqual(await health.json(), { status: 'ok', database: dialect, services: { database: 'up' } });
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

describe('the production build (npm run build)', () => {
  // Inside the project, so the compiled modules find node_modules as dist/ does.
  const out = join('.tmp', `build-${process.pid}`);
  before(() => execFileSync(process.execPath, ['scripts/build.mjs', out], { cwd: ROOT, stdio: 'pipe' }));
  after(() => rmSync(join(ROOT, out), { recursive: true, force: true }));

  for (const dialect of DIALECTS)
    test(`runs as plain JavaScript, without a TypeScript loader: pages, feeds, the API and the desk's editor bundle (${dialect})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'broadsheet-built-'));
      const pg = dialect === 'postgres' ? await createPgDatabase() : null;
      try {
        const server = await startServerProcess(
          { DATA_DIR: dir, ...(pg ? { DATABASE_URL: pg.url } : {}), SEED_DEMO: '1', NODE_ENV: 'production' },
          join(ROOT, out, 'src', 'main.js'),
        );
        try {
          const home = await (await fetch(`${server.url}/`)).text();
          const story = /href="(\/stories\/[a-z0-9-]+)"/.exec(home)?.[1];
          assert.ok(story, 'the seeded home page links stories');
          const page = await fetch(`${server.url}${story}`);
          assert.equal(page.status, 200);
          assert.match(await page.text(), /<article/);
          assert.match(await (await fetch(`${server.url}/feed.xml`)).text(), /<rss/);
          assert.equal((await (await fetch(`${server.url}/api/v1/stories?limit=2`)).json()).data.length, 2);
          const css = /<link rel="stylesheet" href="([^"]+)"/.exec(home)?.[1];
          assert.ok(css, 'the page links its stylesheet');
          assert.match(
            (await fetch(`${server.url}${css}`)).headers.get('content-type') ?? '',
            /text\/css/,
            'stylesheets are copied beside the modules',
          );
          const logo = await fetch(`${server.url}/brand/logo.png`);
          assert.equal(logo.headers.get('content-type'), 'image/png', 'sharp loads on first use');
          const editor = await fetch(`${server.url}/desk/assets/editor.js`);
          assert.equal(editor.status, 200);
          assert.ok((await editor.text()).length > 50_000, 'the editor bundles from the copied client sources');
        } finally {
          assert.equal(await server.stop('SIGTERM'), 0);
        }
      } finally {
        await pg?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
});
