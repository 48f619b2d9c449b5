import type { AppDeps } from '../app.deps.js';
import type { User } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import {
  clearLoginFailures,
  deleteLoginAttempts,
  loginFailuresSince,
  pruneLoginFailures,
  reserveLoginAttempt,
  updateUserRow,
  userByEmail,
} from './user.repo.js';

/** Failed sign-ins are counted over this window. */
export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Failures allowed per account in the window before it is locked. */
export const ACCOUNT_LIMIT = 5;
/** Failures allowed per network address in the window (several people may share an office address). */
export const ADDRESS_LIMIT = 20;

type LoginDeps = Pick<AppDeps, 'db' | 'clock'>;

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (ip: string) => `address:${ip}`;

function minutesLeft(oldest: number | null, now: number): number {
  return Math.max(1, Math.ceil(((oldest ?? now) + LOGIN_WINDOW_MS - now) / 60_000));
}

/**
 * Checks an email and password. The counts live in the database, so every process of a scaled-out desk sees
 * the same lock-out. The attempt is counted before the (slow) password check, atomically with the check of
 * the limits, so requests sent together cannot all be judged: each reserves its place or is refused. A good
 * password takes the reservation back. Throws 429 `locked` with a plain explanation when the account or the
 * address has failed too often, 401 `bad_credentials` when the pair is wrong.
 */
export async function signIn(deps: LoginDeps, email: string, password: string, ip: string): Promise<User> {
  const now = deps.clock();
  const since = now - LOGIN_WINDOW_MS;
  const account = accountKey(email);
  const address = addressKey(ip);
  const reserved = await reserveLoginAttempt(
    deps.db,
    [
      { key: account, limit: ACCOUNT_LIMIT },
      { key: address, limit: ADDRESS_LIMIT },
    ],
    now,
    since,
  );
  if (!reserved) return refuse(deps, account, address, since, now);

  const user = await userByEmail(deps.db, email);
  // Verify against a dummy hash for unknown emails so response time does not reveal which accounts exist.
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabled) {
    // The reservation stays: it is the failure, counted in the window.
    if (Math.random() < 0.05) await pruneLoginFailures(deps.db, since);
    // Only the message depends on this count, so reading it after the reservation is enough.
    const left = ACCOUNT_LIMIT - (await loginFailuresSince(deps.db, account, since)).count;
    throw new AppError(
      401,
      'bad_credentials',
      left > 0 && left <= 2
        ? `That email and password do not match. ${left} more ${left === 1 ? 'try' : 'tries'} before this account is locked for 15 minutes.`
        : 'That email and password do not match.',
    );
  }
  await clearLoginFailures(deps.db, account);
  await deleteLoginAttempts(deps.db, reserved);
  return (await updateUserRow(deps.db, user.id, { last_login_at: now })) ?? user;
}

/** The 429 for an account or address at its limit, saying which and for how long. */
async function refuse(deps: LoginDeps, account: string, address: string, since: number, now: number): Promise<never> {
  const a = await loginFailuresSince(deps.db, account, since);
  if (a.count >= ACCOUNT_LIMIT)
    throw new AppError(
      429,
      'locked',
      `This account is locked after ${ACCOUNT_LIMIT} failed sign-ins. Try again in ${minutesLeft(a.oldest, now)} minutes, or ask an admin to reset your password.`,
    );
  const b = await loginFailuresSince(deps.db, address, since);
  throw new AppError(
    429,
    'locked',
    `Too many failed sign-ins from your network address. Try again in ${minutesLeft(b.oldest, now)} minutes.`,
  );
}
