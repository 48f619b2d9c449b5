import type { AppDeps } from '../app.deps.js';

/** How often the server asks SQLite whether another process wrote to the file. */
export const SQLITE_WATCH_MS = 1000;

/**
 * Embedded SQLite has no channel between processes: a command run beside the server (an import, a restore,
 * the crops backfill, a seed) writes the file directly, and its events reach no running server. SQLite's
 * `data_version` changes whenever another connection commits (never for this connection's own writes), so
 * the server polls it and, when it moved, drops whatever it keeps from the database (pages, lookups) with a
 * local `site.replaced`, and calls `onChange` (the live feed catches up from its log). What changed is not
 * known, so all of it goes: fine for what are rare, bulk writes. Only where no relay carries events (a relay
 * names each change; several processes writing one file through Redis would otherwise drop everything on every
 * write). Returns a stop function.
 */
export function watchOtherWriters(
  deps: Pick<AppDeps, 'database' | 'events' | 'log'>,
  onChange: () => void = () => {},
  everyMs = SQLITE_WATCH_MS,
): () => void {
  const sqlite = deps.database.sqlite;
  if (!sqlite) return () => {};
  const version = () => Number(sqlite.pragma('data_version', { simple: true }));
  let seen = version();
  const timer = setInterval(() => {
    let now: number;
    try {
      now = version();
    } catch (err) {
      // Closed under us during shutdown, or the file is busy: ask again next time.
      deps.log({ msg: 'sqlite watch: could not read data_version', level: 'warn', error: String(err) });
      return;
    }
    if (now === seen) return;
    seen = now;
    deps.events.deliverLocal({ type: 'site.replaced', id: 0, actor: 'another process' });
    onChange();
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
