import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AppDeps } from '../src/app.deps.js';
import { createDeps } from '../src/boot.js';
import { loadConfig } from '../src/config.js';
import { storyById } from '../src/stories/story.repo.js';
import { storyUrl } from '../src/stories/story.url.js';
import { DIALECTS, createPgDatabase } from './support/db.js';
import { type DeskClient, signedInOver } from './support/desk.js';
import { makeSection } from './support/factories.js';
import { type ServerProcess, startServerProcess } from './support/process.js';
import { waitFor } from './support/wait.js';

/**
 * Creates and publishes stories through the desk's API as fast as the editors can, until the server stops
 * answering. Pushes to `acknowledged` the id of every publish whose 2xx reached the client.
 */
async function publishBurst(editors: DeskClient[], sectionId: number, acknowledged: number[]): Promise<void> {
  let n = 0;
  await Promise.all(
    editors.map(async (editor) => {
      for (;;) {
        try {
          const created = await editor.postJson('/desk/api/stories', {
            story: {
              headline: `Burst story ${++n}`,
              sectionId,
              body: { version: 1, blocks: [{ type: 'paragraph', content: [{ text: 'Filed in a hurry.' }] }] },
            },
          });
          if (created.status !== 201) throw new Error(`create answered ${created.status}`);
          const { id } = (await created.json()) as { id: number };
          const published = await editor.postJson(`/desk/api/stories/${id}/publish`, {});
          if (published.status >= 200 && published.status < 300) acknowledged.push(id);
          else throw new Error(`publish answered ${published.status}`);
        } catch {
          return; // the process is gone: what it acknowledged so far is what must survive
        }
      }
    }),
  );
}

for (const dialect of DIALECTS) {
  describe(`kill -9 during a burst of publishes (${dialect})`, () => {
    let dir: string;
    let drop: (() => Promise<void>) | null = null;
    let desk: AppDeps;
    let env: Record<string, string>;
    const servers: ServerProcess[] = [];
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'broadsheet-kill9-'));
      const pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
      drop = pgDb?.drop ?? null;
      env = { DATABASE_URL: pgDb?.url ?? join(dir, 'newsroom.db'), SEED_DEMO: '0', LOG_REQUESTS: '0' };
      desk = await createDeps(loadConfig({ ...env, DATA_DIR: dir }), { log: () => {} });
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await desk?.database.close();
      await drop?.();
      rmSync(dir, { recursive: true, force: true });
    });

    test('every publish acknowledged before the kill is published after the restart', async (t) => {
      const first = await startServerProcess({ ...env, DATA_DIR: join(dir, 'a') });
      servers.push(first);
      const sectionId = (await makeSection(desk, { name: 'Breaking' })).id;
      const editors = await Promise.all(Array.from({ length: 4 }, () => signedInOver(desk, first.url, 'editor')));
      const acknowledged: number[] = [];
      const burst = publishBurst(editors, sectionId, acknowledged);
      // Mid-burst: once a few dozen are through, with more in flight on every editor.
      await waitFor(() => acknowledged.length >= 30, {
        timeoutMs: 60_000,
        intervalMs: 2,
        message: 'the burst to get going',
      });
      first.child.kill('SIGKILL');
      await burst;
      assert.equal(await first.stop(), null, 'killed, not exited');
      assert.ok(acknowledged.length >= 30, `acknowledged ${acknowledged.length}`);

      const second = await startServerProcess({ ...env, DATA_DIR: join(dir, 'b') });
      servers.push(second);
      const lost: number[] = [];
      for (const id of acknowledged) if ((await storyById(desk.db, id))?.status !== 'published') lost.push(id);
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged publishes lost`);
      t.diagnostic(`${acknowledged.length} publishes acknowledged before kill -9, none lost`);
      // And readers of the restarted process see them.
      const sample = await storyById(desk.db, acknowledged.at(-1)!);
      assert.equal((await fetch(second.url + storyUrl(sample!.slug))).status, 200);
      const api = (await (await fetch(`${second.url}/api/v1/stories?limit=100`)).json()) as { data: { id: number }[] };
      const listed = new Set(api.data.map((s) => s.id));
      for (const id of acknowledged.slice(-10)) assert.ok(listed.has(id), `story ${id} is listed by the API`);
    });
  });
}
