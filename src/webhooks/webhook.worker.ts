import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import type { AppDeps } from '../app.deps.js';
import type { Database } from '../db/database.js';
import { enqueueDeliveries } from './webhook.outbox.js';

/** The signature header value: `sha256=` and the hex HMAC-SHA256 of the raw body with the webhook's secret. */
export function signPayload(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface WorkerOptions {
  /** Attempts before a delivery is given up as failed. */
  maxAttempts?: number;
  /** Wait after the first failure; doubles after each further one. */
  retryBaseMs?: number;
  /** Longest wait between attempts. */
  retryMaxMs?: number;
  /** How long a claim lasts; a worker that dies mid-delivery loses the row to another after this. */
  leaseMs?: number;
  /** Time allowed for the receiver to answer. */
  timeoutMs?: number;
  /** How often to look for due deliveries (retries, and events other processes enqueued). 0: never by itself. */
  pollMs?: number;
  /** Deliveries claimed and sent at once. */
  batch?: number;
  /** Send a delivery as soon as its event is heard, instead of at the next poll. */
  sendOnEvent?: boolean;
}

export interface WebhookWorker {
  /** Claims the deliveries that are due and sends them; resolves with how many it sent. */
  tick(): Promise<number>;
  /** Resolves once every event heard so far has been written to the outbox. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULTS: Required<WorkerOptions> = { maxAttempts: 6, retryBaseMs: 30_000, retryMaxMs: 3600_000, leaseMs: 60_000, timeoutMs: 10_000, pollMs: 5_000, batch: 10, sendOnEvent: true };

type Deps = Pick<AppDeps, 'db' | 'media' | 'config' | 'clock' | 'events' | 'log'>;

/**
 * Delivers webhooks from the outbox. It listens to the event bus to write deliveries, and claims
 * due rows with a conditional UPDATE (only one worker, in any process, wins a row), POSTs the
 * signed payload, logs the attempt, and either marks the row delivered or schedules a retry with
 * exponential backoff until maxAttempts.
 */
export function startWebhookWorker(deps: Deps, options: WorkerOptions = {}): WebhookWorker {
  const o = { ...DEFAULTS, ...options };
  const db = deps.db;
  const pending = new Set<Promise<unknown>>();
  let stopped = false;
  let running: Promise<number> | null = null;

  const track = <T>(p: Promise<T>) => {
    pending.add(p);
    p.finally(() => pending.delete(p)).catch(() => {});
    return p;
  };

  const unsubscribe = deps.events.subscribe(async (event) => {
    const { matched } = await track(enqueueDeliveries(deps, event));
    // Kick even if another process's insert won: claiming is atomic, so an extra pass is harmless.
    if (matched > 0 && o.sendOnEvent && !stopped) void track(runTick());
  });

  const due = (now: number) => (eb: any) =>
    eb.or([
      eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('status', '=', 'delivering'), eb('locked_until', '<', now)]),
    ]);

  async function claim(id: number, now: number): Promise<Database['webhook_deliveries'] | null> {
    const r = await db
      .updateTable('webhook_deliveries')
      .set({ status: 'delivering', locked_until: now + o.leaseMs, attempts: sql`attempts + 1` })
      .where('id', '=', id)
      .where(due(now))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return null;
    return (await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst()) as never;
  }

  async function deliver(d: { id: number; webhook_id: number; payload: string; attempts: number; event: string }): Promise<void> {
    const hook = await db.selectFrom('webhooks').select(['url', 'secret']).where('id', '=', d.webhook_id).executeTakeFirst();
    if (!hook) return;
    const started = performance.now();
    let statusCode: number | null = null;
    let error = '';
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        body: d.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(o.timeoutMs),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Broadsheet-Webhooks/1',
          'X-Broadsheet-Event': d.event,
          'X-Broadsheet-Delivery': String(d.id),
          'X-Broadsheet-Signature': signPayload(d.payload, hook.secret),
        },
      });
      statusCode = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${(e.cause as Error | undefined)?.message ?? e.message}` : String(e);
    }
    const duration = Math.round(performance.now() - started);
    const now = deps.clock();
    await db.insertInto('webhook_attempts').values({ delivery_id: d.id, attempt: d.attempts, status_code: statusCode, duration_ms: duration, error: error.slice(0, 500), attempted_at: now }).execute();
    const ok = error === '';
    const last = d.attempts >= o.maxAttempts;
    const wait = Math.min(o.retryMaxMs, o.retryBaseMs * 2 ** (d.attempts - 1));
    // Only the holder of this claim (same attempt number, still delivering) may record the outcome.
    await db
      .updateTable('webhook_deliveries')
      .set({
        status: ok ? 'delivered' : last ? 'failed' : 'pending',
        locked_until: null,
        last_status: statusCode,
        last_error: error.slice(0, 500),
        delivered_at: ok ? now : null,
        next_attempt_at: ok || last ? now : now + wait,
      })
      .where('id', '=', d.id)
      .where('status', '=', 'delivering')
      .where('attempts', '=', d.attempts)
      .execute();
    if (!ok) deps.log({ msg: 'webhook delivery failed', level: 'warn', delivery: d.id, attempt: d.attempts, error, final: last });
  }

  async function tickOnce(): Promise<number> {
    const now = deps.clock();
    const candidates = await db.selectFrom('webhook_deliveries').select('id').where(due(now)).orderBy('next_attempt_at').orderBy('id').limit(o.batch).execute();
    const claimed = (await Promise.all(candidates.map((c) => claim(c.id, now)))).filter((d) => d !== null);
    await Promise.all(claimed.map((d) => deliver(d as never)));
    return claimed.length;
  }

  // One pass at a time in this process; a kick during a pass is folded into the next one.
  async function runTick(): Promise<number> {
    while (running) await running.catch(() => 0);
    running = tickOnce().finally(() => {
      running = null;
    });
    return running;
  }

  const timer =
    o.pollMs > 0
      ? setInterval(() => {
          if (!stopped) runTick().catch((e) => deps.log({ msg: 'webhook worker failed', level: 'error', error: String(e) }));
        }, o.pollMs)
      : null;
  timer?.unref();

  return {
    tick: runTick,
    async settled() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    async stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearInterval(timer);
      await this.settled();
      await running?.catch(() => 0);
    },
  };
}
