import type { AppDeps } from '../app.deps.js';
import type { User } from '../db/database.js';
import { randomToken, tokenHash } from './session.service.js';
import { twoFactorRequired } from './two-factor.service.js';
import { type PendingSignIn, deletePendingSignIn, insertPendingSignIn, pendingSignIn } from './two-factor.repo.js';
import { userById } from './user.repo.js';

/** How long a right password waits for its second step. */
export const PENDING_SIGN_IN_MS = 10 * 60_000;

type PendingDeps = Pick<AppDeps, 'db' | 'clock' | 'lookups'>;

/**
 * What a right password still needs before it is a session: nothing, a code (the account has two-factor on),
 * or enrolling (the owner requires two-factor for the account's role and it has none yet).
 */
export async function secondStepOf(deps: PendingDeps, user: User): Promise<PendingSignIn['stage'] | null> {
  if (user.totp_secret) return 'code';
  return (await twoFactorRequired(deps, user)) ? 'enrol' : null;
}

/** Starts a pending sign-in (no session yet) and returns its token, for a short-lived cookie. */
export async function startPendingSignIn(
  deps: PendingDeps,
  user: User,
  stage: PendingSignIn['stage'],
  next: string,
): Promise<string> {
  const token = randomToken();
  const now = deps.clock();
  await insertPendingSignIn(deps.db, {
    token_hash: tokenHash(token),
    user_id: user.id,
    stage,
    next,
    created_at: now,
    expires_at: now + PENDING_SIGN_IN_MS,
  });
  return token;
}

/** The pending sign-in a token names, with its account; null when unknown, expired or the account is disabled. */
export async function findPendingSignIn(
  deps: PendingDeps,
  token: string | undefined,
): Promise<{ pending: PendingSignIn; user: User } | null> {
  if (!token || token.length > 100) return null;
  const pending = await pendingSignIn(deps.db, tokenHash(token), deps.clock());
  const user = pending && (await userById(deps.db, pending.user_id));
  return pending && user && !user.disabled ? { pending, user } : null;
}

/** Ends a pending sign-in (done, or given up), and forgets the expired ones. */
export function endPendingSignIn(deps: PendingDeps, pending: PendingSignIn): Promise<void> {
  return deletePendingSignIn(deps.db, pending.token_hash, deps.clock());
}
