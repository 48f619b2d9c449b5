import { badRequest } from '../http/errors.js';

/** A position in a newest-first listing: the last item's publish time and id (keyset pagination). */
export interface Cursor {
  publishedAt: number;
  id: number;
}

/** Encodes a cursor as an opaque, URL-safe token. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.publishedAt}.${c.id}`).toString('base64url');
}

/** Decodes a token from a URL; a malformed one is a 400 with a readable message, never a 500. */
export function decodeCursor(token: string | undefined | null): Cursor | null {
  if (token === undefined || token === null || token === '') return null;
  const bad = () => badRequest('That "show more" link is not valid. Go back to the first page and try again.');
  if (token.length > 64 || !/^[A-Za-z0-9_-]+$/.test(token)) throw bad();
  const m = /^(\d{1,15})\.(\d{1,12})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw bad();
  const c = { publishedAt: Number(m[1]), id: Number(m[2]) };
  if (!Number.isSafeInteger(c.publishedAt) || !Number.isSafeInteger(c.id)) throw bad();
  return c;
}
