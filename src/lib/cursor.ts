import { badRequest } from '../http/errors.js';
import { isRowId } from './row-id.js';

/**
 * Keyset paging, the one way every list pages (listing pages and Show More, the content API, the desk, the
 * media library, search; comments, members and newsletters next): a list orders by a few keys, ties broken by
 * id; a page is the rows after the last one shown, found with a seek on those keys instead of OFFSET; its
 * cursor is those keys of that last row, written as an opaque token. Each repository that pages declares its
 * codec next to its ORDER BY, so a cursor carries exactly the keys its list is ordered by.
 */

/**
 * The kinds of key a cursor carries, each with the one way it is written: `int` a non-negative integer
 * (epoch-ms times), `id` a row id (0 to MAX_ROW_ID: beyond it no row is named, and PostgreSQL cannot compare one),
 * `number` any finite number (a search rank, sent back exactly as the engine gave it).
 */
const KINDS = {
  int: { text: '\\d{1,16}', ok: (n: number) => Number.isSafeInteger(n) },
  id: { text: '\\d{1,10}', ok: (n: number) => isRowId(n, 0) },
  number: { text: '-?\\d+(?:\\.\\d+)?(?:e[-+]?\\d+)?', ok: (n: number) => Number.isFinite(n) },
} as const;

export type CursorKind = keyof typeof KINDS;

/** What a cursor codec decodes to and encodes from: its keys, in order, each a number. */
export type CursorValue<K extends Readonly<Record<string, CursorKind>>> = { readonly [P in keyof K]: number };

/** A typed cursor codec: keys ↔ an opaque, URL-safe token. */
export interface CursorCodec<C> {
  /** The token for the position after a row with these keys. */
  encode(keys: C): string;
  /** The position a token names; null when there is none (first page); a malformed token is a 400. */
  decode(token: string | undefined | null): C | null;
}

/** The keys a codec carries (what a repository's `before`/`after` filter takes). */
export type CursorOf<X> = X extends CursorCodec<infer C> ? C : never;

/** The one message for every bad cursor, whichever list it was meant for. */
export const BAD_CURSOR = 'That link to the next page is not valid. Go back to the first page and try again.';

/** Longest token accepted (a few keys are far shorter); anything longer is garbage, refused before decoding. */
const MAX_TOKEN = 200;

export interface CursorOptions<C> {
  /**
   * Reads the text of a token an earlier version handed out in another layout (API clients and crawlers keep
   * them); null when it is not one either.
   */
  legacy?: (text: string) => C | null;
}

/**
 * A codec for cursors of these keys (in this order), e.g. `cursorCodec({ publishedAt: 'int', id: 'id' })`.
 * The token is base64url of the values joined by '.' (`1790000000123.4242`), or by '~' when a key is a
 * `number`, whose text has dots of its own: the tokens the listings and search have always handed out.
 */
export function cursorCodec<const K extends Readonly<Record<string, CursorKind>>>(
  keys: K,
  opts: CursorOptions<CursorValue<K>> = {},
): CursorCodec<CursorValue<K>> {
  const names = Object.keys(keys);
  const kinds = names.map((n) => KINDS[keys[n]!]);
  const sep = names.some((n) => keys[n] === 'number') ? '~' : '.';
  const pattern = new RegExp(`^${kinds.map((k) => `(${k.text})`).join(sep === '.' ? '\\.' : sep)}$`);
  const read = (text: string): CursorValue<K> | null => {
    const m = pattern.exec(text);
    const c = m
      ? (Object.fromEntries(names.map((n, i) => [n, Number(m[i + 1])])) as CursorValue<K>)
      : (opts.legacy?.(text) ?? null);
    // A legacy layout's values are held to the same kinds.
    return c && names.every((n, i) => kinds[i]!.ok(c[n as keyof K])) ? c : null;
  };
  return {
    encode: (c) => Buffer.from(names.map((n) => String(c[n as keyof K])).join(sep)).toString('base64url'),
    decode(token) {
      if (token === undefined || token === null || token === '') return null;
      const c =
        token.length <= MAX_TOKEN && /^[A-Za-z0-9_-]+$/.test(token)
          ? read(Buffer.from(token, 'base64url').toString('utf8'))
          : null;
      if (!c) throw badRequest(BAD_CURSOR);
      return c;
    },
  };
}

/** One page of a keyset-paged list: its rows, and the cursor of the next page (null on the last). */
export interface KeysetPage<R> {
  items: R[];
  next: string | null;
}

/**
 * Reads one page of a list: asks `read` for one row more than `limit` (so it is known whether another page
 * follows without counting), keeps `limit` rows, and makes the next page's cursor from the keys of the last
 * one kept. `read` is the repository call (or a slice of a list already in memory) with `take` as its limit.
 */
export async function keysetPage<R, C>(
  codec: CursorCodec<C>,
  keysOf: (row: R) => C,
  limit: number,
  read: (take: number) => Promise<readonly R[]> | readonly R[],
): Promise<KeysetPage<R>> {
  const rows = await read(limit + 1);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? codec.encode(keysOf(last)) : null };
}
