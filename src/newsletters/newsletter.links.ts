import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed newsletter links. Each names what it acts on and carries an HMAC-SHA256 of that (with the installation's
 * key, newsletter.settings.ts), so nobody can make one for another reader or list, and it needs no sign-in and no
 * stored token: the unsubscribe link of one recipient and one list, and (when counting is on) the open pixel and
 * the click redirect of one delivery.
 */

const sign = (key: Buffer, what: string) =>
  createHmac('sha256', key).update(what).digest().subarray(0, 16).toString('base64url');

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The token of one reader's unsubscribe link for one newsletter: `<reader>-<newsletter>-<signature>`. */
export function unsubscribeToken(key: Buffer, readerId: number, newsletterId: number): string {
  return `${readerId}-${newsletterId}-${sign(key, `unsubscribe:${readerId}:${newsletterId}`)}`;
}

/** What an unsubscribe token names, or null when it is malformed or its signature does not match. */
export function readUnsubscribeToken(key: Buffer, token: string): { readerId: number; newsletterId: number } | null {
  const m = /^(\d{1,10})-(\d{1,10})-([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const readerId = Number(m[1]);
  const newsletterId = Number(m[2]);
  return same(m[3]!, sign(key, `unsubscribe:${readerId}:${newsletterId}`)) ? { readerId, newsletterId } : null;
}

/** The token of a delivery's open pixel: `<delivery>-<signature>`. */
export function openToken(key: Buffer, deliveryId: number): string {
  return `${deliveryId}-${sign(key, `open:${deliveryId}`)}`;
}

export function readOpenToken(key: Buffer, token: string): number | null {
  const m = /^(\d{1,10})-([A-Za-z0-9_-]{22})$/.exec(token);
  return m && same(m[2]!, sign(key, `open:${m[1]}`)) ? Number(m[1]) : null;
}

/** The signature of a counted click on `url` in a delivery (so the redirect cannot be pointed elsewhere). */
export function clickSignature(key: Buffer, deliveryId: number, url: string): string {
  return sign(key, `click:${deliveryId}:${url}`);
}

export function checkClick(key: Buffer, deliveryId: number, url: string, signature: string): boolean {
  return same(signature, clickSignature(key, deliveryId, url));
}
