import type { AppDeps } from '../app.deps.js';
import type { Reader, ReaderTokenPurpose } from '../db/database.js';
import { subscribeReader } from '../newsletters/subscription.repo.js';
import { READER_LIMITS, takeRateToken } from './rate-limit.js';
import { confirmReader, findReaderById, findReaderToken, rewriteReaderRow, useReaderToken } from './reader.repo.js';
import { findOrCreateReader, isActiveReader } from './reader.service.js';
import { READER_TOKEN_PATTERN, hashReaderToken } from './reader-token.js';
import { normalizeEmail } from './reader.email.js';
import { queueEmailChangedNotice, queueLinkMail } from './reader.jobs.js';
import type { LinkKind, LinkPayload } from './reader.mail.js';

export interface SignInRequest {
  email: string;
  /** A new reader's name (a sign-up form's); an existing account's name is never changed by a request. */
  name?: string;
  /** The edition language of the page the request came from (the email's words; a new reader's language). */
  language: string;
  source: string;
  sourceDetail?: string;
  newsletters?: number[];
  next?: string;
  /** The client's address: with it, the per-IP limit applies too. */
  ip?: string;
}

/**
 * What the reader is told: the same whether the address is known or not ('sent'), or that too many links were
 * asked for ('limited': by this address or from this network).
 */
export type SignInOutcome = { outcome: 'sent' } | { outcome: 'limited'; by: 'email' | 'ip' };

/** A path on this site to go to after signing in; anything else (another host, a scheme, a protocol-relative URL) is '/'. */
export function safeNext(next: string | undefined): string {
  if (!next || next.length > 500) return '/';
  // A control character (a decoded %0a or %00) would break the Location header: refused with the rest.
  if (!/^\/(?![/\\])[^\s\u0000-\u001f\u007f]*$/.test(next)) return '/';
  return next;
}

type SignInDeps = Pick<AppDeps, 'db' | 'clock' | 'events' | 'jobs'>;

/**
 * Emails a sign-in link (a sign-up link for a new or unconfirmed address). Creates the reader when new
 * (unconfirmed) and queues the link's mail: the `reader.link-mail` job makes the token, stores it hashed with the
 * payload, and sends it, retried while SMTP is away, so the request neither waits nor fails on the mail server
 * (with no SMTP_URL the mail goes to the outbox and the link is printed to the log). The same work and the same
 * answer for a known and an unknown address, so neither the message nor the time tells them apart.
 */
export async function requestSignInLink(deps: SignInDeps, input: SignInRequest): Promise<SignInOutcome> {
  const email = normalizeEmail(input.email);
  if (input.ip && !(await takeRateToken(deps, 'sign-in:ip', input.ip, READER_LIMITS.signInPerIp)))
    return { outcome: 'limited', by: 'ip' };
  if (!(await takeRateToken(deps, 'sign-in:email', email, READER_LIMITS.signInPerEmail)))
    return { outcome: 'limited', by: 'email' };
  const { reader, created } = await findOrCreateReader(deps, {
    email,
    ...(input.name ? { name: input.name } : {}),
    language: input.language,
    source: input.source,
    ...(input.sourceDetail !== undefined ? { sourceDetail: input.sourceDetail } : {}),
  });
  // A new address cost an insert: a known one gets a write of the same weight, so the time tells nothing.
  if (!created) await rewriteReaderRow(deps.db, reader.id);
  const payload: LinkPayload = {
    newsletters: [...new Set(input.newsletters ?? [])].filter((n) => Number.isSafeInteger(n) && n > 0).slice(0, 50),
    next: safeNext(input.next),
  };
  const kind = reader.confirmed_at === null ? 'signUp' : 'signIn';
  await sendLink(deps, { reader, to: email, purpose: 'sign-in', kind, payload, language: input.language });
  return { outcome: 'sent' };
}

/**
 * Emails the link that confirms a new address for a signed-in reader (email change): the change happens when the
 * link, sent to the new address, is followed.
 */
export async function requestEmailChange(
  deps: SignInDeps,
  reader: Reader,
  newEmail: string,
  language: string,
): Promise<SignInOutcome> {
  const email = normalizeEmail(newEmail);
  if (!(await takeRateToken(deps, 'sign-in:email', email, READER_LIMITS.signInPerEmail)))
    return { outcome: 'limited', by: 'email' };
  await sendLink(deps, {
    reader,
    to: email,
    purpose: 'email-change',
    kind: 'change',
    payload: { newsletters: [], next: '/account' },
    language,
  });
  return { outcome: 'sent' };
}

/** Queues the link's mail and kicks the runner: the request goes on at once, the job sends it. */
async function sendLink(
  deps: SignInDeps,
  o: {
    reader: Reader;
    to: string;
    purpose: ReaderTokenPurpose;
    kind: LinkKind;
    payload: LinkPayload;
    language: string;
  },
): Promise<void> {
  await queueLinkMail(deps.jobs, deps.db, {
    readerId: o.reader.id,
    to: o.to,
    purpose: o.purpose,
    kind: o.kind,
    language: o.language,
    link: o.payload,
  });
  deps.jobs.kick();
}

/** What a link is, looked up without using it (the page a mail scanner may prefetch). */
export type LinkState =
  | { state: 'valid'; purpose: ReaderTokenPurpose; reader: Reader }
  | { state: 'expired' }
  | { state: 'used' }
  | { state: 'invalid' };

/** The state of an emailed link, without using it. */
export async function inspectSignInLink(deps: Pick<AppDeps, 'db' | 'clock'>, token: string): Promise<LinkState> {
  if (!READER_TOKEN_PATTERN.test(token)) return { state: 'invalid' };
  const row = await findReaderToken(deps.db, hashReaderToken(token));
  if (!row) return { state: 'invalid' };
  const reader = await findReaderById(deps.db, row.reader_id);
  if (!isActiveReader(reader)) return { state: 'invalid' };
  if (row.used_at !== null) return { state: 'used' };
  if (row.expires_at <= deps.clock()) return { state: 'expired' };
  return { state: 'valid', purpose: row.purpose, reader };
}

/** A link followed (confirmed with the page's button): who signed in, and what the link carried. */
export type RedeemResult =
  | { state: 'signed-in'; reader: Reader; purpose: ReaderTokenPurpose; payload: LinkPayload }
  | { state: 'expired' }
  | { state: 'used' }
  | { state: 'invalid' }
  /** An email change whose new address another account took meanwhile. */
  | { state: 'taken' };

function parsePayload(json: string): LinkPayload {
  try {
    const p = JSON.parse(json) as Partial<LinkPayload>;
    return {
      newsletters: Array.isArray(p.newsletters) ? p.newsletters.filter((n) => Number.isSafeInteger(n)) : [],
      next: safeNext(typeof p.next === 'string' ? p.next : undefined),
    };
  } catch {
    return { newsletters: [], next: '/' };
  }
}

/**
 * Uses an emailed link: once (a single UPDATE guards it against two requests at once), before it expires.
 * Confirms the address, subscribes to the payload's newsletters (double opt-in done) or moves the account to the
 * new address, queueing (in the same transaction) the notice that tells the old address. The face then starts
 * the reader's session.
 */
export async function redeemSignInLink(
  deps: Pick<AppDeps, 'db' | 'clock' | 'events' | 'jobs'>,
  token: string,
): Promise<RedeemResult> {
  if (!READER_TOKEN_PATTERN.test(token)) return { state: 'invalid' };
  const hash = hashReaderToken(token);
  const now = deps.clock();
  const result = await deps.db.transaction().execute(async (tx): Promise<RedeemResult> => {
    const row = await findReaderToken(tx, hash);
    if (!row) return { state: 'invalid' };
    const reader = await findReaderById(tx, row.reader_id);
    if (!isActiveReader(reader)) return { state: 'invalid' };
    if (row.used_at !== null) return { state: 'used' };
    if (row.expires_at <= now) return { state: 'expired' };
    if (!(await useReaderToken(tx, row.id, now))) return { state: 'used' };
    const payload = parsePayload(row.payload);
    if (row.purpose === 'email-change' && row.new_email) {
      const taken = await tx
        .selectFrom('readers')
        .select('id')
        .where('email', '=', row.new_email)
        .where('id', '!=', reader.id)
        .executeTakeFirst();
      if (taken) return { state: 'taken' };
      await tx
        .updateTable('readers')
        .set({ email: row.new_email, confirmed_at: now, bouncing_at: null, bounce_reason: '', updated_at: now })
        .where('id', '=', reader.id)
        .execute();
      if (reader.email && reader.email !== row.new_email)
        await queueEmailChangedNotice(deps.jobs, tx, {
          readerId: reader.id,
          oldEmail: reader.email,
          newEmail: row.new_email,
          language: reader.language,
        });
    } else {
      await confirmReader(tx, reader.id, now);
      await subscribeReader(tx, reader.id, payload.newsletters, reader.source || 'sign-up', now);
    }
    const fresh = (await findReaderById(tx, reader.id)) as Reader;
    return { state: 'signed-in', reader: fresh, purpose: row.purpose, payload };
  });
  if (result.state === 'signed-in' && result.purpose === 'email-change') deps.jobs.kick();
  if (result.state === 'signed-in')
    deps.events.publish({ type: 'reader.updated', id: result.reader.id, actor: `reader:${result.reader.id}` });
  return result;
}
