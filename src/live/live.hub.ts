import type { ServerResponse } from 'node:http';
import type { Lookups } from '../cache/lookups.js';
import type { CoreDeps } from '../core.deps.js';
import { type BannerView, loadBanner } from './banner.js';
import { type FeedEventRow, feedEventsAfter, lastFeedEventId } from './event-log.repo.js';
import { buildMessages } from './live.messages.js';
import { type LiveMessage, reloadFrame } from './live.payload.js';

/** Most events a reconnecting reader is replayed; further behind, it is offered a reload instead. */
export const REPLAY_LIMIT = 1000;
/** Recent messages kept in memory, so a quick reconnect replays without touching the database. */
const RING_SIZE = 512;
const HEARTBEAT = Buffer.from(':\n\n');

/** The reader-side live hub: one per process, fanning the feed-event log out to open SSE streams. */
export interface LiveHub {
  /** Id of the newest event this process has streamed; a page rendered now starts its stream here. */
  head(): number;
  /** The breaking-news banner, kept in memory and refreshed by events (no query per page). */
  banner(): BannerView | null;
  /**
   * Takes over a raw response as an SSE stream of one edition (`language`, its code: story events of the other
   * editions are left out, live and in the replay); replays events after `since` first.
   */
  attach(res: ServerResponse, opts: { since: number | null; blogId: number | null; language: string }): void;
  /** Reads new log rows and sends them to every stream (called on events and by the safety poll). */
  pull(): Promise<void>;
  /** Starts heartbeats and the safety poll (main.ts; tests may leave them off). */
  start(): void;
  /** Ends every stream and stops the timers (shutdown). */
  close(): void;
  stats(): { clients: number; dropped: number; head: number };
}

interface Client {
  res: ServerResponse;
  blogId: number | null;
  /** The code of the edition whose page opened the stream. */
  language: string;
  /** Last event id written to this reader: it never gets an event twice or out of order. */
  lastId: number;
  /** Live messages that arrived while its replay was being read. */
  queue: LiveMessage[] | null;
}

type HubDeps = Pick<CoreDeps, 'db' | 'media' | 'config' | 'events' | 'log'> & { lookups: Lookups };

/** Builds the hub and subscribes it to the event bus (local and relayed events both nudge it). */
export async function createLiveHub(deps: HubDeps): Promise<LiveHub> {
  const clients = new Set<Client>();
  const maxBuffer = deps.config.live.maxBufferBytes;
  let head = await lastFeedEventId(deps.db);
  let banner = await loadBanner(deps.db);
  let dropped = 0;
  const ring: LiveMessage[] = [];
  let ringFloor = head; // every event after ringFloor (up to head) is in the ring
  let pulling: Promise<void> | null = null;
  let again = false;
  const timers: NodeJS.Timeout[] = [];

  const drop = (c: Client) => {
    clients.delete(c);
    dropped++;
    deps.log({
      msg: 'live reader dropped',
      level: 'warn',
      reason: 'not reading',
      buffered_bytes: c.res.writableLength,
      dropped_total: dropped,
    });
    c.res.destroy();
  };
  /** Writes unless the reader has stopped reading: past the limit it is dropped, so memory stays bounded. */
  const write = (c: Client, buf: Buffer) => {
    if (c.res.writableLength + buf.length > maxBuffer) return drop(c);
    c.res.write(buf);
  };
  const send = (c: Client, m: LiveMessage) => {
    if (m.id <= c.lastId || (m.blogId !== null && m.blogId !== c.blogId)) return;
    if (m.language !== null && m.language !== c.language) return;
    if (c.queue) return void c.queue.push(m);
    c.lastId = m.id;
    write(c, m.frame);
  };

  const needsBanner = (rows: readonly FeedEventRow[]) =>
    rows.some((r) => r.type === 'banner.updated' || (r.type.startsWith('story.') && r.story_id === banner?.storyId));

  const pullOnce = async () => {
    for (;;) {
      const rows = await feedEventsAfter(deps.db, head, 500);
      if (rows.length === 0) return;
      if (needsBanner(rows)) banner = await loadBanner(deps.db);
      const messages = await buildMessages(deps, rows, banner);
      for (const m of messages) {
        ring.push(m);
        for (const c of clients) send(c, m);
      }
      while (ring.length > RING_SIZE) ringFloor = ring.shift()!.id;
      head = rows[rows.length - 1]!.id;
      if (rows.length < 500) return;
    }
  };
  const pull = (): Promise<void> => {
    if (pulling) {
      again = true;
      return pulling;
    }
    pulling = (async () => {
      try {
        do {
          again = false;
          await pullOnce();
        } while (again);
      } catch (err) {
        deps.log({ msg: 'live pull failed', level: 'error', error: String(err) });
      } finally {
        pulling = null;
      }
    })();
    return pulling;
  };

  const replay = async (c: Client, since: number, upTo: number) => {
    let messages: LiveMessage[];
    if (since >= ringFloor) messages = ring.filter((m) => m.id > since && m.id <= upTo);
    else {
      const rows = (await feedEventsAfter(deps.db, since, REPLAY_LIMIT + 1)).filter((r) => r.id <= upTo);
      if (rows.length > REPLAY_LIMIT) {
        // Too far behind to catch up event by event: the reader is offered a reload instead.
        write(c, reloadFrame(upTo, banner));
        c.lastId = upTo;
        messages = [];
      } else messages = await buildMessages(deps, rows, banner);
    }
    const queued = c.queue ?? [];
    c.queue = null;
    for (const m of [...messages, ...queued]) send(c, m);
  };

  deps.events.subscribe((e) => {
    if (
      e.type.startsWith('story.') ||
      e.type === 'liveblog.updated' ||
      e.type === 'banner.updated' ||
      e.type === 'comment.posted' ||
      e.type === 'comment.moderated' ||
      e.type === 'comment.deleted'
    )
      void pull();
  });

  return {
    head: () => head,
    banner: () => banner,
    attach(res, opts) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store, no-transform',
        Connection: 'keep-alive',
        // Tells nginx-style proxies not to buffer the stream.
        'X-Accel-Buffering': 'no',
        'X-Content-Type-Options': 'nosniff',
      });
      res.socket?.setNoDelay(true);
      res.write('retry: 3000\n\n');
      const since = opts.since;
      const c: Client = { res, blogId: opts.blogId, language: opts.language, lastId: since ?? head, queue: null };
      clients.add(c);
      res.on('close', () => clients.delete(c));
      if (since !== null && since < head) {
        c.queue = [];
        replay(c, since, head).catch((err) => {
          deps.log({ msg: 'live replay failed', level: 'error', error: String(err) });
          clients.delete(c);
          res.destroy();
        });
      } else if (since !== null && since > head) {
        // Ahead of this process (it came from a process that had streamed more), or a bogus id: catch up
        // first, then resume from whichever is lower, so a made-up id cannot silence the stream.
        c.queue = [];
        void pull().then(() => {
          c.lastId = Math.min(since, head);
          const queued = c.queue ?? [];
          c.queue = null;
          for (const m of queued) send(c, m);
        });
      }
    },
    pull,
    start() {
      timers.push(
        setInterval(() => {
          for (const c of clients) if (!c.queue) write(c, HEARTBEAT);
        }, deps.config.live.heartbeatMs),
      );
      // Each process also checks the log now and then, in case a relayed nudge was lost.
      if (deps.config.live.pollMs > 0) timers.push(setInterval(() => void pull(), deps.config.live.pollMs));
      for (const t of timers) t.unref();
    },
    close() {
      for (const t of timers.splice(0)) clearInterval(t);
      for (const c of clients) c.res.end();
      clients.clear();
    },
    stats: () => ({ clients: clients.size, dropped, head }),
  };
}
