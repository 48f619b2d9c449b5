import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Database, DbHandle } from './database.js';
import { LruMap } from '../lib/lru.js';

export type DialectName = 'sqlite' | 'postgres';

/**
 * Which engine a handle (or a transaction of it) talks to. Repositories receive only the handle, and a few
 * queries are spelled differently per engine (the search index, JSON aggregation), so they ask its adapter.
 */
export function dialectOf(db: DbHandle): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** An open database: the Kysely handle, which engine it talks to, and how to close it. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** The underlying better-sqlite3 handle in embedded mode (online backup, pragmas); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  /** The pg pool on PostgreSQL (LISTEN/NOTIFY); null in embedded mode. */
  pgPool: pg.Pool | null;
  close(): Promise<void>;
}

// int8 (COUNT, bigint epoch ms) comes back from pg as a string by default; our values fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

/** Opens the database the configuration names: PostgreSQL for postgres:// URLs, else the SQLite file (WAL mode). */
export function openDb(
  database: Config['database'],
  opts: { poolSize?: number; log?: (fields: Record<string, unknown>) => void } = {},
): Db {
  if (database.kind === 'postgres') {
    const log = opts.log ?? (() => {});
    // A connect that cannot finish (a database starting up, a dead network) fails in seconds, not never.
    const pool = new pg.Pool({
      connectionString: database.url,
      max: opts.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
    });
    // A database restart or failover ends every connection with an `error` event (57P01, ECONNRESET). The pool
    // listens only on idle clients; a client checked out between two queries (a transaction, a query about to
    // be sent) has no listener of its own, and an unheard `error` event ends the process. So every client gets
    // one for its whole life: the query in flight fails (and is answered 503), and the pool opens a new client.
    const onClientError = (err: Error) =>
      log({ msg: 'database connection lost', level: 'warn', error: String((err as { code?: string }).code ?? err) });
    pool.on('connect', (client) => client.on('error', onClientError));
    pool.on('error', onClientError);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', sqlite: null, pgPool: pool, close: () => kysely.destroy() };
  }
  if (database.file !== ':memory:') mkdirSync(dirname(database.file), { recursive: true });
  const sqlite = new SQLite(database.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 16 MiB of SQLite page cache: the OS page cache keeps the file hot anyway, and every MiB here is resident
  // memory of the server (deep pages read at random at 100,000 stories filled 64 MiB, and RSS reached 200 MB).
  sqlite.pragma('cache_size = -16000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { kysely, dialect: 'sqlite', sqlite, pgPool: null, close: () => kysely.destroy() };
}

/**
 * Kysely prepares every query afresh; compiling SQL is a tenth of an uncached page's CPU. Prepared statements
 * are reusable (queries run synchronously, so one is never busy twice), so keep them by SQL text. Bounded:
 * IN lists of varying length make new texts: the least recently used statements go first (lib/lru.ts).
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const statements = new LruMap<string, SQLite.Statement>(1000);
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare')
        return (sql: string) => {
          let stmt = statements.get(sql);
          if (!stmt) {
            stmt = target.prepare(sql);
            statements.set(sql, stmt);
          }
          return stmt;
        };
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
