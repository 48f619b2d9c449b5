import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { AppDeps } from '../app.deps.js';
import type { DomainEvent } from '../events/events.js';

/** A running cross-process transport for domain events. */
export interface EventRelay {
  kind: 'postgres' | 'redis';
  close(): Promise<void>;
}

type RelayDeps = Pick<AppDeps, 'config' | 'database' | 'events' | 'log' | 'health'>;

/** PostgreSQL NOTIFY channel every process of one database listens on. */
export const PG_CHANNEL = 'broadsheet_events';

/**
 * Relays every domain event (not only the feed's: the page cache, search and webhooks rely on it too)
 * to the other processes serving the same database, and delivers theirs to this process's bus.
 * REDIS_URL set → Redis pub/sub; else PostgreSQL → LISTEN/NOTIFY; embedded SQLite → none (one process).
 * `onReconnect` runs after the transport (re)connects, so a process can catch up on what it missed.
 */
export async function startEventRelay(deps: RelayDeps, onReconnect: () => void = () => {}): Promise<EventRelay | null> {
  const origin = randomUUID();
  const encode = (event: DomainEvent) => JSON.stringify({ o: origin, e: event });
  const receive = (payload: string | undefined) => {
    try {
      const msg = JSON.parse(payload ?? '') as { o?: unknown; e?: DomainEvent };
      // Our own events were delivered locally when published.
      if (msg.o === origin || !msg.e || typeof msg.e.type !== 'string' || typeof msg.e.id !== 'number') return;
      deps.events.deliverLocal(msg.e);
    } catch (err) {
      deps.log({ msg: 'relay: unreadable message', level: 'warn', error: String(err) });
    }
  };
  if (deps.config.redisUrl) return redisRelay(deps, deps.config.redisUrl, encode, receive, onReconnect);
  if (deps.database.pgPool && deps.config.database.kind === 'postgres')
    return pgRelay(deps, deps.config.database.url, encode, receive, onReconnect);
  return null;
}

function pgRelay(
  deps: RelayDeps,
  url: string,
  encode: (e: DomainEvent) => string,
  receive: (p?: string) => void,
  onReconnect: () => void,
): Promise<EventRelay> {
  const pool = deps.database.pgPool!;
  let client: pg.Client | null = null;
  let closed = false;
  let delay = 250;
  let timer: NodeJS.Timeout | null = null;

  const reconnect = () => {
    if (closed || timer) return;
    const old = client;
    client = null;
    old?.removeAllListeners();
    // Still listened to: a dead socket may report once more while it closes, and an unheard `error` is fatal.
    old?.on('error', () => {});
    old?.end().catch(() => {});
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    delay = Math.min(delay * 2, 10_000);
  };
  // A dedicated client: LISTEN needs one session that stays open, not a pooled one.
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, keepAlive: true });
    c.on('notification', (m) => m.channel === PG_CHANNEL && receive(m.payload));
    c.on('error', (err) => {
      deps.log({ msg: 'relay: postgres listener failed, reconnecting', level: 'warn', error: String(err) });
      reconnect();
    });
    c.on('end', reconnect);
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN ${PG_CHANNEL}`);
      delay = 250;
      onReconnect();
    } catch (err) {
      deps.log({ msg: 'relay: postgres listener could not connect', level: 'warn', error: String(err) });
      reconnect();
    }
  };

  // Notifies in flight, so close() (a CLI command ending) sends them before the pool closes.
  const inFlight = new Set<Promise<unknown>>();
  deps.events.setRelay((event) => {
    const p = pool
      .query('select pg_notify($1, $2)', [PG_CHANNEL, encode(event)])
      .catch((err) => deps.log({ msg: 'relay: notify failed', level: 'error', error: String(err) }));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  });
  return connect().then(() => ({
    kind: 'postgres' as const,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      deps.events.setRelay(null);
      await Promise.allSettled([...inFlight]);
      const c = client;
      client = null;
      c?.removeAllListeners();
      c?.on('error', () => {});
      await c?.end().catch(() => {});
    },
  }));
}

async function redisRelay(
  deps: RelayDeps,
  url: string,
  encode: (e: DomainEvent) => string,
  receive: (p?: string) => void,
  onReconnect: () => void,
): Promise<EventRelay> {
  // One channel per database, so processes of different newsrooms sharing a Redis never hear each other.
  const db = deps.config.database;
  const channel = `broadsheet:events:${createHash('sha256')
    .update(db.kind === 'postgres' ? db.url : db.file)
    .digest('hex')
    .slice(0, 16)}`;
  const opts = { maxRetriesPerRequest: null, enableOfflineQueue: true, lazyConnect: true } as const;
  // Loaded only when a Redis relay is configured: ioredis adds about 20 MB to a process that never uses it.
  const { Redis } = await import('ioredis');
  const sub = new Redis(url, opts);
  const pub = new Redis(url, opts);
  for (const r of [sub, pub])
    r.on('error', (err) => deps.log({ msg: 'relay: redis error', level: 'warn', error: String(err) }));
  sub.on('message', (ch: string, payload: string) => ch === channel && receive(payload));
  // ioredis reconnects and resubscribes by itself; each time it is ready again, catch up.
  sub.on('ready', onReconnect);
  deps.health.add('redis', () => sub.status === 'ready' && pub.status === 'ready');
  await Promise.all([sub.connect(), pub.connect()]);
  await sub.subscribe(channel);
  deps.events.setRelay((event) => {
    pub
      .publish(channel, encode(event))
      .catch((err) => deps.log({ msg: 'relay: publish failed', level: 'error', error: String(err) }));
  });
  return {
    kind: 'redis',
    async close() {
      deps.health.remove('redis');
      deps.events.setRelay(null);
      sub.disconnect();
      await pub.quit().catch(() => pub.disconnect());
    },
  };
}
