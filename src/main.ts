import { serve } from '@hono/node-server';
import { createDeps, jsonLog } from './boot.js';
import { serverWithCacheFastPath } from './cache/cache.fast-path.js';
import { forgetAfterRelayGap } from './cache/cache.invalidate.js';
import { loadConfig } from './config.js';
import { createApp } from './http/app.js';
import { watchOtherWriters } from './db/sqlite-watch.js';
import { startEventRelay } from './live/relay.js';
import { configureSharp } from './media/sharp.js';
import { seedIfEmpty } from './seed/seed.demo.js';
import { createDemoOwner } from './users/demo-owner.js';
import { startBackgroundWork } from './background.js';

/** The composition root: config → database → events → services → HTTP → listen. Nothing else wires itself. */
async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  // Image work's share of the machine: libvips threads per image and its cache (the job bound is deps.imageGate).
  configureSharp(config.images);
  const deps = await createDeps(config);
  if (config.seedDemo && (await seedIfEmpty(deps))) await createDemoOwner(deps, (line) => process.stdout.write(line));
  // The job runner (a handler per kind) and what feeds it from events: newsletter dispatch, webhook outbox.
  const background = await startBackgroundWork(deps);
  // Events cross to other processes (PostgreSQL LISTEN/NOTIFY or Redis). After a reconnect (a database or Redis
  // restart) the live hub catches up from the feed-event log, and what was kept in memory is dropped: events
  // sent while the relay was away may be lost.
  // (Not on the first connect: nothing is kept yet, and a start must not purge the CDN of everything.)
  let connected = false;
  const relay = await startEventRelay(deps, () => {
    if (connected) forgetAfterRelayGap(deps);
    connected = true;
    void deps.live.pull();
  });
  // Without a relay (embedded SQLite), commands run beside the server (imports, restores) reach it through the file itself.
  const stopWatch = relay ? () => {} : watchOtherWriters(deps, () => void deps.live.pull());
  deps.live.start();
  const app = createApp(deps);
  const server = serve(
    { fetch: app.fetch, port: config.port, hostname: config.host, createServer: serverWithCacheFastPath(deps) },
    (info) => {
      jsonLog({
        msg: 'listening',
        url: config.publicUrl,
        port: info.port,
        database: deps.database.dialect,
        relay: relay?.kind ?? 'none',
        start_ms: Math.round(performance.now() - started),
      });
    },
  );

  server.on('error', (err: NodeJS.ErrnoException) => {
    const reason =
      err.code === 'EADDRINUSE'
        ? `port ${config.port} on ${config.host} is already in use (set PORT to another one)`
        : err.message;
    jsonLog({ msg: 'failed to start', level: 'fatal', error: reason });
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    jsonLog({ msg: 'shutting down', signal });
    stopWatch();
    // Stop accepting connections; requests in flight finish, then the database closes cleanly.
    // Live streams never finish by themselves: end them (readers reconnect to another process).
    deps.live.close();
    server.close(async () => {
      await background.stop();
      deps.searchIndex.stop();
      await deps.searchIndex.settled();
      await relay?.close();
      await deps.mailer.close();
      await deps.database.close();
      jsonLog({ msg: 'stopped' });
      process.exit(0);
    });
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  jsonLog({ msg: 'failed to start', level: 'fatal', error: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
