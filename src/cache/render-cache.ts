import { promisify } from 'node:util';
import { brotliCompress, constants, gunzipSync, gzip } from 'node:zlib';
import { etagFor, strongEtag } from '../http/conditional.js';
import { chooseEncoding } from '../http/encoding.js';
import { LruMap } from '../lib/lru.js';

const gzipAsync = promisify(gzip);
/**
 * Brotli 5 compresses a 28 KB page in about a millisecond, within 1 % of quality 9's size, which takes ten times
 * longer; gzip 9 is cheap at these sizes. Compression is most of what a miss costs beyond rendering.
 */
const BROTLI_QUALITY = 5;
/** How many query-string URLs seen once the admission filter remembers (the least recent are forgotten first). */
const SEEN_ONCE_LIMIT = 10_000;
const brotliAsync = promisify(brotliCompress);
/**
 * How long a purged page is kept to answer readers while the database is away (and only then: a purged page is
 * never a hit). A restart or a failover takes seconds; an outage longer than this gets 503s, not ancient pages.
 */
export const STALE_KEEP_MS = 10 * 60_000;

/**
 * One finished response, kept compressed twice (gzip and brotli) and indexed by the surrogate keys it names. The
 * plain bytes are kept only once a client that takes neither coding asks (rare; see `RenderCache.reply`).
 */
export interface CachedEntry {
  url: string;
  status: number;
  /** Headers the route set (Content-Type, Cache-Control, Surrogate-Key…), replayed on every hit. */
  headers: [string, string][];
  gzip: Buffer;
  br: Buffer;
  /** The uncompressed body, inflated from `gzip` the first time a client without gzip or brotli asks, then kept. */
  identity: Buffer | null;
  /** Strong validator of the uncompressed body (quoted, without the encoding suffix). */
  etag: string;
  /** The Last-Modified header the route sent, if any (answers If-Modified-Since on a hit). */
  lastModified: string | null;
  keys: readonly string[];
  bytes: number;
  /** The headers a hit sends in each encoding, built once (shared: callers must not change them). */
  replyHeaders: Record<'br' | 'gzip' | 'identity', readonly [string, string][]>;
}

/** What a hit sends: the body in the encoding the client accepts, and the headers to go with it. */
export interface CachedReply {
  status: number;
  headers: readonly [string, string][];
  body: Buffer;
  entry: CachedEntry;
}

export interface RenderCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  purges: number;
  generation: number;
}

export interface PurgeOptions {
  /**
   * Keep the dropped pages as stale copies for a database outage (the default). False for a story taken down
   * (unpublished, deleted): what a newsroom withdrew is not served again, not even on a bad day.
   */
  keepStale?: boolean;
}

/**
 * The in-process cache of finished GET responses: an LRU bounded by bytes, with a reverse index from each
 * surrogate key (`story:12`, `section:4`, `home`…) to the URLs whose responses contain it, so a change purges
 * exactly the pages that show it. A purge bumps `generation`; a render that began before a purge is never stored,
 * so a page built from data read before a write cannot be cached after the write's purge.
 */
export class RenderCache {
  private readonly entries = new Map<string, CachedEntry>();
  private readonly byKey = new Map<string, Set<string>>();
  private total = 0;
  private hits = 0;
  private misses = 0;
  private purges = 0;
  private gen = 0;
  private readonly listeners: ((keys: readonly string[]) => void)[] = [];
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly seenOnce = new LruMap<string, true>(SEEN_ONCE_LIMIT);
  private working = 0;
  private waiters: (() => void)[] = [];
  /** Purged entries, oldest first, kept `STALE_KEEP_MS` and at most a quarter of `maxBytes` (lookupStale). */
  private readonly stale = new Map<string, { entry: CachedEntry; until: number }>();
  private staleBytes = 0;

  constructor(
    readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Increases on every purge; capture it before rendering and pass it to `store`. */
  get generation(): number {
    return this.gen;
  }

  /** Finds a response by URL (path + query) and picks the encoding: brotli, gzip, or decoded for clients that take neither. */
  lookup(url: string, acceptEncoding: string | undefined): CachedReply | null {
    const entry = this.entries.get(url);
    if (!entry) {
      this.misses++;
      return null;
    }
    this.hits++;
    // Refresh its place in the LRU order (a Map iterates in insertion order; the first is the coldest).
    this.entries.delete(url);
    this.entries.set(url, entry);
    return this.reply(entry, acceptEncoding, false);
  }

  /**
   * The last copy of a URL that a purge dropped, if it was dropped less than `STALE_KEEP_MS` ago: what a reader
   * gets when rendering it afresh failed because the database is away (serve stale on error). Never a hit.
   */
  lookupStale(url: string, acceptEncoding: string | undefined): CachedReply | null {
    const kept = this.stale.get(url);
    if (!kept) return null;
    if (kept.until < this.now()) {
      this.dropStale(url);
      return null;
    }
    return this.reply(kept.entry, acceptEncoding, true);
  }

  /**
   * A kept entry in the encoding the client accepts. A client that takes neither brotli nor gzip (a script, a
   * health check, some proxies) gets the plain bytes, inflated once and then kept on the entry and counted in the
   * budget: no request after the first costs an inflate, and pages nobody asks for plainly cost no memory for it.
   */
  private reply(entry: CachedEntry, acceptEncoding: string | undefined, stale: boolean): CachedReply {
    const enc = chooseEncoding(acceptEncoding);
    const body =
      enc === 'br' ? entry.br : enc === 'gzip' ? entry.gzip : (entry.identity ?? this.keepIdentity(entry, stale));
    return { status: entry.status, headers: entry.replyHeaders[enc ?? 'identity'], body, entry };
  }

  private keepIdentity(entry: CachedEntry, stale: boolean): Buffer {
    const body = gunzipSync(entry.gzip);
    entry.identity = body;
    entry.bytes += body.length;
    if (stale) this.staleBytes += body.length;
    else {
      this.total += body.length;
      this.evict(entry.url);
    }
    return body;
  }

  /** Drops the least recently used entries (but `keep`, the one being served) until the budget holds. */
  private evict(keep?: string): void {
    for (const url of this.entries.keys()) {
      if (this.total <= this.maxBytes) break;
      if (url !== keep) this.remove(url);
    }
  }

  /**
   * Compresses and keeps a response under its surrogate keys, unless a purge happened since `generation`
   * was read (the body may predate the change) or it is larger than an eighth of the cache.
   */
  store(
    url: string,
    res: { status: number; headers: [string, string][]; body: Buffer; keys: readonly string[] },
    generation: number,
  ): Promise<CachedEntry | null> {
    const p = this.compressAndKeep(url, res, generation);
    const tracked = p.catch(() => null).finally(() => this.inflight.delete(tracked));
    this.inflight.add(tracked);
    return p;
  }

  /**
   * Whether a freshly rendered URL is worth compressing and keeping. Paths without a query always are; a URL with
   * one (a deep "Show More" cursor, a search) only when asked for a second time, so a crawler walking thousands
   * of one-off cursors does not pay for compression or push the front pages out of memory.
   */
  admit(url: string): boolean {
    if (!url.includes('?') || this.seenOnce.delete(url)) return true;
    this.seenOnce.set(url, true);
    return false;
  }

  /** Resolves when every store begun so far has finished (tests, the benchmark's warm-up). */
  async settled(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight]);
  }

  private async compressAndKeep(
    url: string,
    res: { status: number; headers: [string, string][]; body: Buffer; keys: readonly string[] },
    generation: number,
  ): Promise<CachedEntry | null> {
    if (res.body.length * 2 > this.maxBytes / 4) return null;
    const [gz, br] = await Promise.all([
      gzipAsync(res.body, { level: 9 }),
      brotliAsync(res.body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: res.body.length,
        },
      }),
    ]);
    if (generation !== this.gen) return null;
    const keys = [...new Set(res.keys)];
    const etag = strongEtag(res.body);
    const reply = (enc: 'br' | 'gzip' | null): [string, string][] => [
      ...res.headers,
      ['ETag', etagFor(etag, enc)],
      ['Vary', 'Accept-Encoding'],
      ...(enc ? ([['Content-Encoding', enc]] as [string, string][]) : []),
    ];
    const replyHeaders = { br: reply('br'), gzip: reply('gzip'), identity: reply(null) };
    const lastModified = res.headers.find(([k]) => k.toLowerCase() === 'last-modified')?.[1] ?? null;
    const entry: CachedEntry = {
      url,
      status: res.status,
      headers: res.headers,
      gzip: gz,
      br,
      identity: null,
      etag,
      lastModified,
      keys,
      replyHeaders,
      bytes: gz.length + br.length + url.length * 2 + 64 * keys.length + 1024,
    };
    this.remove(url);
    this.dropStale(url);
    this.entries.set(url, entry);
    this.total += entry.bytes;
    for (const k of keys) {
      let set = this.byKey.get(k);
      if (!set) {
        set = new Set();
        this.byKey.set(k, set);
      }
      set.add(url);
    }
    this.evict();
    return entry;
  }

  /**
   * Runs a purge whose keys take a moment to work out (a query or two). The generation moves at once, so no
   * render in flight is stored, and `busy` is true until the keys are purged, so lookups can wait for it.
   */
  async invalidate(work: () => Promise<readonly string[]>, opts: PurgeOptions = {}): Promise<void> {
    this.gen++;
    this.working++;
    try {
      this.purge(await work(), opts);
    } finally {
      if (--this.working === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** True while an invalidation is working out its keys: a lookup now could find a page it is about to drop. */
  get busy(): boolean {
    return this.working > 0;
  }

  /** Resolves when no invalidation is in progress. */
  idle(): Promise<void> {
    return this.working === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops every response that names any of the keys, and tells the purge listeners (CDN hook). Returns the URLs dropped. */
  purge(keys: readonly string[], opts: PurgeOptions = {}): string[] {
    if (keys.length === 0) return [];
    this.gen++;
    this.purges++;
    const dropped: string[] = [];
    for (const k of keys) {
      const urls = this.byKey.get(k);
      if (!urls) continue;
      for (const url of [...urls]) {
        const entry = this.entries.get(url);
        if (entry && this.remove(url)) {
          if (opts.keepStale !== false) this.keepStale(entry);
          dropped.push(url);
        }
      }
    }
    // A take-down also drops the stale copies that name it, older ones (purged before) included: rare, so a scan.
    if (opts.keepStale === false) {
      const named = new Set(keys);
      for (const [url, { entry }] of [...this.stale]) if (entry.keys.some((k) => named.has(k))) this.dropStale(url);
    }
    for (const l of this.listeners) l(keys);
    return dropped;
  }

  /** Calls `listener` with the keys of every purge (the CDN purge webhook subscribes here). */
  onPurge(listener: (keys: readonly string[]) => void): void {
    this.listeners.push(listener);
  }

  /** Whether a URL is cached now (tests, diagnostics). */
  has(url: string): boolean {
    return this.entries.has(url);
  }

  stats(): RenderCacheStats {
    return {
      entries: this.entries.size,
      bytes: this.total,
      maxBytes: this.maxBytes,
      hits: this.hits,
      misses: this.misses,
      purges: this.purges,
      generation: this.gen,
    };
  }

  private keepStale(entry: CachedEntry): void {
    this.dropStale(entry.url);
    this.stale.set(entry.url, { entry, until: this.now() + STALE_KEEP_MS });
    this.staleBytes += entry.bytes;
    while (this.staleBytes > this.maxBytes / 4) {
      const oldest = this.stale.keys().next();
      if (oldest.done) break;
      this.dropStale(oldest.value);
    }
  }

  private dropStale(url: string): void {
    const kept = this.stale.get(url);
    if (!kept) return;
    this.stale.delete(url);
    this.staleBytes -= kept.entry.bytes;
  }

  private remove(url: string): boolean {
    const entry = this.entries.get(url);
    if (!entry) return false;
    this.entries.delete(url);
    this.total -= entry.bytes;
    for (const k of entry.keys) {
      const set = this.byKey.get(k);
      set?.delete(url);
      if (set && set.size === 0) this.byKey.delete(k);
    }
    return true;
  }
}
