import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every setting Broadsheet reads from the environment, parsed once at start-up.
 * Each variable is documented in the README; nothing else in the code reads process.env.
 */
const EnvSchema = z.object({
  /** TCP port of the HTTP server. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Address to bind; 127.0.0.1 keeps a development server private. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** `postgres://…` for PostgreSQL; anything else (or unset) is the embedded SQLite file. */
  DATABASE_URL: z.string().optional(),
  /** Folder for the SQLite file and other local state. */
  DATA_DIR: z.string().default('./data'),
  /** Folder where uploaded images and their variants are kept. */
  MEDIA_DIR: z.string().optional(),
  /** The address readers use; absolute links in feeds and metadata are built from it. */
  PUBLIC_URL: z.string().url().optional(),
  /** The newsroom's time zone (IANA name) for times shown to readers. */
  TZ_NEWSROOM: z.string().default('Europe/Kyiv'),
  /** Seed the demo newsroom when the database is empty ("0" to start with nothing). */
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  /** Redis for cross-process events when several processes run (optional). */
  REDIS_URL: z.string().optional(),
  /** "0" turns the in-process render cache off (benchmarks of the raw render path). */
  RENDER_CACHE: z.enum(['0', '1']).default('1'),
  /** Memory budget of the render cache in MiB (compressed bytes); the least recently used pages go first. */
  RENDER_CACHE_MB: z.coerce.number().int().min(1).max(16384).default(64),
  /** Seconds a browser may reuse a page without asking (Cache-Control max-age). */
  HTTP_MAX_AGE: z.coerce.number().int().min(0).default(0),
  /** Seconds a CDN may keep a page (s-maxage); purges by surrogate key end it sooner. */
  HTTP_S_MAXAGE: z.coerce.number().int().min(0).default(300),
  /** Seconds a CDN may serve a stale page while it fetches a fresh one (stale-while-revalidate). */
  HTTP_STALE_WHILE_REVALIDATE: z.coerce.number().int().min(0).default(60),
  /** Optional URL that receives every purge as a POST of {"keys": [...]} (e.g. a CDN purge-by-tag relay). */
  PURGE_WEBHOOK_URL: z.string().url().optional(),
  /**
   * "true" (or "1") lets webhooks reach loopback, private, link-local and other non-public addresses (a receiver
   * on the newsroom's own network); by default they may reach only public ones.
   */
  WEBHOOKS_ALLOW_PRIVATE: z.enum(['true', 'false', '1', '0']).default('false'),
  /** "0" silences the per-request JSON log line (benchmarks, tests). */
  LOG_REQUESTS: z.enum(['0', '1']).default('1'),
  /** "1" adds the render cache's figures and the process's memory to /healthz (benchmarks read them); off by default. */
  HEALTH_DETAIL: z.enum(['0', '1']).default('0'),
  /** "1" when behind a reverse proxy: the client address (login rate limits) is the last X-Forwarded-For entry. */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  NODE_ENV: z.string().default('development'),
  /** Seconds between SSE heartbeat comments on idle live streams (keeps proxies from closing them). */
  LIVE_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(3600).default(20),
  /** A live reader whose unsent data passes this many KiB (it stopped reading) is disconnected. */
  LIVE_MAX_BUFFER_KB: z.coerce.number().int().min(1).max(65536).default(256),
  /** Seconds between each process's safety check of the feed-event log ("0": rely on the relay alone). */
  LIVE_POLL_SECONDS: z.coerce.number().min(0).max(3600).default(3),
  /** Largest image accepted, in megapixels (width × height); bigger ones are refused before they are decoded. */
  IMAGE_MAX_MEGAPIXELS: z.coerce.number().min(0.1).max(1000).default(40),
  /** Image jobs (uploads' variants and crops) run at once per process; default 1 on a machine of 1–2 cores. */
  IMAGE_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Uploads that may wait for a turn; one more is refused with 503 and Retry-After. */
  IMAGE_QUEUE: z.coerce.number().int().min(0).max(1000).default(8),
  /** Threads libvips uses per image ("0": one per core). */
  IMAGE_THREADS: z.coerce.number().int().min(0).max(64).default(1),
  /** libvips operation cache in MiB ("0" turns it off; uploads are never processed twice). */
  IMAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(0),
  /**
   * `smtp://user:pass@host:587` or `smtps://…:465`: mail (sign-in links, newsletters) goes out through this server.
   * Unset: mail is kept in the local outbox the desk shows (/desk/outbox), and sign-in links are printed to the log.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** The default sender, `Name <address>` or a bare address. */
  MAIL_FROM: z.string().min(3).default('Broadsheet <newsroom@localhost>'),
  /** DKIM signing of outgoing mail: the signing domain (d=), with the selector and a private key. */
  DKIM_DOMAIN: z.string().optional(),
  /** The DKIM selector (s=): the key is published at `<selector>._domainkey.<domain>`. */
  DKIM_SELECTOR: z.string().optional(),
  /** The DKIM private key (PEM), or DKIM_PRIVATE_KEY_FILE naming a file that holds it. */
  DKIM_PRIVATE_KEY: z.string().optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().optional(),
  /**
   * Newsletter messages sent per second by all processes together (they share one pace in the database);
   * "0": as fast as the SMTP server takes them.
   */
  MAIL_RATE_PER_SECOND: z.coerce.number().min(0).max(100_000).default(100),
  /** Recipients per newsletter batch job (each batch is a job of its own: retried, resumed after a crash). */
  MAIL_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(500),
  /**
   * Seconds a process holds a batch before another may take it over (a process that died mid-send: its
   * messages not yet confirmed by the SMTP server are sent by the next one).
   */
  MAIL_BATCH_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  /**
   * Stripe's secret API key (`sk_test_…` in test mode, `sk_live_…`). With STRIPE_WEBHOOK_SECRET it turns payments
   * on (subscriptions, donations, the Customer Portal); without both the site shows no payment buttons.
   */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  /** The signing secret of the webhook endpoint (`whsec_…`, from the Dashboard or `stripe listen`). */
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /**
   * Where the Stripe client sends its requests, `http://127.0.0.1:12111` (protocol, host and port): only for a
   * local stand-in of Stripe's API (the tests'); unset, the client talks to Stripe itself.
   */
  STRIPE_API_BASE: z.string().url().optional(),
});

export type Config = Readonly<{
  port: number;
  host: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  dataDir: string;
  mediaDir: string;
  publicUrl: string;
  timeZone: string;
  seedDemo: boolean;
  redisUrl: string | undefined;
  renderCache: boolean;
  renderCacheBytes: number;
  /** Cache-Control figures for pages that opt into caching (seconds). */
  http: { maxAge: number; sMaxAge: number; staleWhileRevalidate: number };
  purgeWebhookUrl: string | undefined;
  /** allowPrivate: webhooks may reach non-public addresses (WEBHOOKS_ALLOW_PRIVATE). */
  webhooks: { allowPrivate: boolean };
  logRequests: boolean;
  /** /healthz also reports the render cache's figures and memory use (HEALTH_DETAIL). */
  healthDetail: boolean;
  trustProxy: boolean;
  production: boolean;
  live: { heartbeatMs: number; maxBufferBytes: number; pollMs: number };
  /** Bounds on image work (src/media/image.gate.ts, the pipeline's pixel limit, sharp's settings). */
  images: { maxPixels: number; concurrency: number; queue: number; threads: number; cacheMb: number };
  /** Outgoing mail (src/mail/mailer.ts): SMTP when smtpUrl is set, else the local outbox; DKIM when configured. */
  mail: {
    smtpUrl: string | undefined;
    from: { name: string; address: string };
    dkim: { domainName: string; keySelector: string; privateKey: string } | undefined;
  };
  /** Newsletter sending (src/newsletters/newsletter.send.ts): the shared rate (0: none), batch size, batch lease. */
  newsletters: { ratePerSecond: number; batchSize: number; leaseMs: number };
  /** Payments through Stripe (src/billing/stripe.provider.ts): undefined unless both keys are set. */
  stripe: { secretKey: string; webhookSecret: string; apiBase: URL | undefined } | undefined;
}>;

/** Parses an environment (process.env by default) into a frozen Config, or throws a readable error. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (!isValidTimeZone(e.TZ_NEWSROOM))
    throw new Error(`Invalid configuration:\n  TZ_NEWSROOM: unknown time zone "${e.TZ_NEWSROOM}"`);
  const dataDir = resolve(e.DATA_DIR);
  const url = e.DATABASE_URL;
  const database =
    url && /^postgres(ql)?:\/\//.test(url)
      ? ({ kind: 'postgres', url } as const)
      : ({
          kind: 'sqlite',
          file: url ? url.replace(/^sqlite:(\/\/)?/, '') : resolve(dataDir, 'broadsheet.db'),
        } as const);
  const hostForUrl = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  const publicUrl = (e.PUBLIC_URL ?? `http://${hostForUrl}:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    database,
    dataDir,
    mediaDir: resolve(e.MEDIA_DIR ?? resolve(dataDir, 'media')),
    publicUrl,
    timeZone: e.TZ_NEWSROOM,
    seedDemo: e.SEED_DEMO === '1',
    redisUrl: e.REDIS_URL,
    renderCache: e.RENDER_CACHE === '1',
    renderCacheBytes: e.RENDER_CACHE_MB * 1024 * 1024,
    http: { maxAge: e.HTTP_MAX_AGE, sMaxAge: e.HTTP_S_MAXAGE, staleWhileRevalidate: e.HTTP_STALE_WHILE_REVALIDATE },
    purgeWebhookUrl: e.PURGE_WEBHOOK_URL,
    webhooks: Object.freeze({ allowPrivate: e.WEBHOOKS_ALLOW_PRIVATE === 'true' || e.WEBHOOKS_ALLOW_PRIVATE === '1' }),
    logRequests: e.LOG_REQUESTS === '1',
    healthDetail: e.HEALTH_DETAIL === '1',
    trustProxy: e.TRUST_PROXY === '1',
    production: e.NODE_ENV === 'production',
    live: {
      heartbeatMs: e.LIVE_HEARTBEAT_SECONDS * 1000,
      maxBufferBytes: e.LIVE_MAX_BUFFER_KB * 1024,
      pollMs: e.LIVE_POLL_SECONDS * 1000,
    },
    images: {
      maxPixels: Math.round(e.IMAGE_MAX_MEGAPIXELS * 1_000_000),
      concurrency: e.IMAGE_CONCURRENCY ?? Math.max(1, Math.floor(availableParallelism() / 2)),
      queue: e.IMAGE_QUEUE,
      threads: e.IMAGE_THREADS,
      cacheMb: e.IMAGE_CACHE_MB,
    },
    mail: { smtpUrl: e.SMTP_URL, from: parseMailbox(e.MAIL_FROM), dkim: dkimConfig(e) },
    newsletters: {
      ratePerSecond: e.MAIL_RATE_PER_SECOND,
      batchSize: e.MAIL_BATCH_SIZE,
      leaseMs: e.MAIL_BATCH_LEASE_SECONDS * 1000,
    },
    stripe:
      e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
        ? Object.freeze({
            secretKey: e.STRIPE_SECRET_KEY,
            webhookSecret: e.STRIPE_WEBHOOK_SECRET,
            apiBase: e.STRIPE_API_BASE ? new URL(e.STRIPE_API_BASE) : undefined,
          })
        : undefined,
  });
}

/** `Name <address>` or a bare address → its parts (a bare address is its own name's stand-in: the site's). */
export function parseMailbox(value: string): { name: string; address: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (m) return { name: (m[1] ?? '').trim(), address: m[2] as string };
  const bare = value.trim();
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(bare))
    throw new Error(`Invalid configuration:\n  MAIL_FROM: "${value}" is not an address (Name <name@example.org>)`);
  return { name: '', address: bare };
}

function dkimConfig(e: z.infer<typeof EnvSchema>): Config['mail']['dkim'] {
  const given = [e.DKIM_DOMAIN, e.DKIM_SELECTOR, e.DKIM_PRIVATE_KEY ?? e.DKIM_PRIVATE_KEY_FILE];
  if (given.every((v) => !v)) return undefined;
  if (given.some((v) => !v))
    throw new Error(
      'Invalid configuration:\n  DKIM_*: DKIM needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (or DKIM_PRIVATE_KEY_FILE)',
    );
  let privateKey = e.DKIM_PRIVATE_KEY;
  if (!privateKey) {
    try {
      privateKey = readFileSync(e.DKIM_PRIVATE_KEY_FILE as string, 'utf8');
    } catch (err) {
      throw new Error(`Invalid configuration:\n  DKIM_PRIVATE_KEY_FILE: ${(err as Error).message}`);
    }
  }
  return { domainName: e.DKIM_DOMAIN as string, keySelector: e.DKIM_SELECTOR as string, privateKey };
}

function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
