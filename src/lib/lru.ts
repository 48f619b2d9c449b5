/**
 * The one bounded in-memory memo of the app. Module-level and per-app caches of derived values (formatted
 * times, prepared statements, image views, drawn logos, encoding choices…) all keep at most `limit` entries
 * and drop the least recently used one first, so none can grow without bound and none starts over from empty.
 * (The render cache keeps its own LRU, bounded by bytes and indexed by surrogate keys; WeakMaps keyed by an
 * object the value is derived from need no bound, and stay WeakMaps.)
 */
export class LruMap<K, V> {
  // A Map iterates in insertion order: the first key is the least recently used.
  private readonly map = new Map<K, V>();

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new Error(`LruMap: limit must be at least 1, not ${limit}`);
  }

  /** The value under `key`, which becomes the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    // Already the newest (the common case on a hot key): nothing to move.
    if (this.lastKey !== key) {
      this.map.delete(key);
      this.map.set(key, value);
      this.lastKey = key;
    }
    return value;
  }

  /** Keeps `value` as the most recently used, dropping the least recently used entry when full. */
  set(key: K, value: V): this {
    if (this.map.has(key)) this.map.delete(key);
    else if (this.map.size >= this.limit) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, value);
    this.lastKey = key;
    return this;
  }

  /** Whether `key` is kept (does not count as a use). */
  has(key: K): boolean {
    return this.map.has(key);
  }

  delete(key: K): boolean {
    if (this.lastKey === key) this.lastKey = undefined;
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
    this.lastKey = undefined;
  }

  get size(): number {
    return this.map.size;
  }

  /** Keys from least to most recently used. */
  keys(): IterableIterator<K> {
    return this.map.keys();
  }

  private lastKey: K | undefined = undefined;
}

/**
 * `fn` remembered by one string or number key, in an `LruMap` of `limit` entries. A rejected promise is not
 * kept (the next call tries again). The memo's `cache` is exposed for `clear()` on an event.
 */
export function boundedMemo<K, V>(limit: number, fn: (key: K) => V): ((key: K) => V) & { cache: LruMap<K, V> } {
  const cache = new LruMap<K, V>(limit);
  const memo = (key: K): V => {
    const known = cache.get(key);
    if (known !== undefined || cache.has(key)) return known as V;
    const value = fn(key);
    cache.set(key, value);
    if (value instanceof Promise)
      value.catch(() => {
        if (cache.has(key) && cache.get(key) === value) cache.delete(key);
      });
    return value;
  };
  return Object.assign(memo, { cache });
}
