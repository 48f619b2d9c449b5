import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { AppDeps } from '../app.deps.js';
import { createDeps } from '../boot.js';
import { loadConfig } from '../config.js';
import type { DomainEvent } from '../events/events.js';
import { DIALECTS, createPgDatabase } from '../../test/support/db.js';
import { waitFor } from '../../test/support/wait.js';
import { type EventRelay, startEventRelay } from './relay.js';
import { TEST_REDIS_URL as REDIS_URL } from '../../test/support/services.js';

/** Two independent sets of deps on one database, each with its own relay: two processes in all but pid. */
async function twoNodes(dialect: 'sqlite' | 'postgres', redis: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-relay-'));
  const pgDb = dialect === 'postgres' ? await createPgDatabase() : null;
  const env = {
    DATA_DIR: dir,
    DATABASE_URL: pgDb?.url ?? join(dir, 'shared.db'),
    SEED_DEMO: '0',
    ...(redis ? { REDIS_URL } : {}),
  };
  const nodes: { deps: AppDeps; relay: EventRelay | null; got: DomainEvent[] }[] = [];
  for (let i = 0; i < 2; i++) {
    const deps = await createDeps(loadConfig(env), { log: () => {} });
    const got: DomainEvent[] = [];
    deps.events.subscribe((e) => void got.push(e));
    nodes.push({ deps, relay: await startEventRelay(deps), got });
  }
  return {
    nodes,
    async close() {
      for (const n of nodes) {
        await n.relay?.close();
        await n.deps.database.close();
      }
      await pgDb?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const cases: { dialect: 'sqlite' | 'postgres'; redis: boolean }[] = [
  ...DIALECTS.map((dialect) => ({ dialect, redis: true })),
  { dialect: 'postgres', redis: false },
];

for (const { dialect, redis } of cases) {
  describe(`event relay (${dialect}, ${redis ? 'Redis pub/sub' : 'LISTEN/NOTIFY'})`, () => {
    let world: Awaited<ReturnType<typeof twoNodes>>;
    after(() => world?.close());

    test('every domain event published on one process reaches the other’s local bus once, and never echoes back', async () => {
      world = await twoNodes(dialect, redis);
      const [a, b] = world.nodes as [(typeof world.nodes)[0], (typeof world.nodes)[0]];
      assert.equal(a.relay?.kind, redis ? 'redis' : 'postgres');
      const sent: DomainEvent[] = [
        { type: 'author.updated', id: 7, actor: 'editor' },
        { type: 'section.updated', id: 3, actor: 'editor' },
        { type: 'story.published', id: 42, actor: 'editor', slug: 'a-story' },
        { type: 'banner.updated', id: 42, actor: 'editor' },
      ];
      for (const e of sent) a.deps.events.publish(e);
      b.deps.events.publish({ type: 'tag.updated', id: 9, actor: 'other' });
      await waitFor(() => b.got.length >= 5 && a.got.length >= 5, { timeoutMs: 10_000, message: 'relayed events' });
      assert.deepEqual(
        new Set(b.got.map((e) => `${e.type}:${e.id}`)),
        new Set([...sent, { type: 'tag.updated', id: 9 }].map((e) => `${e.type}:${e.id}`)),
      );
      assert.equal(b.got.length, 5, 'no duplicates on the receiving side');
      assert.equal(a.got.length, 5, 'no echo on the sending side');
    });

    test('an event published just before the relay closes (a CLI command ending) still goes out', async () => {
      const [a, b] = world.nodes as [(typeof world.nodes)[0], (typeof world.nodes)[0]];
      a.deps.events.publish({ type: 'story.updated', id: 77, actor: 'cli' });
      await a.relay?.close();
      await waitFor(() => b.got.some((e) => e.id === 77), { timeoutMs: 10_000, message: 'the last event' });
    });
  });
}

test('embedded SQLite without Redis needs no relay', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-relay-'));
  const deps = await createDeps(loadConfig({ DATA_DIR: dir, SEED_DEMO: '0' }), { log: () => {} });
  assert.equal(await startEventRelay(deps), null);
  await deps.database.close();
  rmSync(dir, { recursive: true, force: true });
});
