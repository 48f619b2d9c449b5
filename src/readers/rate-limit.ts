import { createHash } from 'node:crypto';
import type { CoreDeps } from '../core.deps.js';
import { countRateEvents, deleteRateEventsBefore, insertRateEvent } from './rate-limit.repo.js';

/** A limit: at most `limit` attempts in any `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * The limits on reader actions, in one place (tests and pages read them from here). Per address: a person asking
 * for their link again is fine, a script mailing someone's inbox fifty times is not. Per IP: a little higher, for
 * a household or an office behind one address.
 */
export const READER_LIMITS = {
  signInPerEmail: { limit: 5, windowMs: 60 * 60_000 },
  signInPerIp: { limit: 20, windowMs: 60 * 60_000 },
} as const satisfies Record<string, RateLimit>;

/** Attempts older than this are deleted now and then (longer than any window). */
const KEEP_MS = 24 * 3600_000;
/** One takeRateToken in this many also deletes old attempts. */
const SWEEP_EVERY = 200;
let calls = 0;

/** Keys are stored hashed: the table never holds a reader's address or IP in the clear. */
const keyHash = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32);

/**
 * Takes one attempt from `bucket` for `key` ('sign-in:email' + an address, 'sign-in:ip' + an IP, 'comment' +
 * a reader id): true when it is within `limit` attempts in the last `windowMs` (and counts it), false when the
 * limit is reached (and counts nothing, so a flood does not lengthen its own wait). Shared by every process
 * through the database (reader_rate_events). Two processes racing at the edge may both pass: a limit, not a lock.
 */
export async function takeRateToken(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  bucket: string,
  key: string,
  opts: RateLimit,
): Promise<boolean> {
  const now = deps.clock();
  const hashed = keyHash(key);
  if (++calls % SWEEP_EVERY === 0) await deleteRateEventsBefore(deps.db, now - KEEP_MS);
  const used = await countRateEvents(deps.db, bucket, hashed, now - opts.windowMs);
  if (used >= opts.limit) return false;
  await insertRateEvent(deps.db, bucket, hashed, now);
  return true;
}
