import type { AppDeps } from '../app.deps.js';
import type { User } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { dummyPasswordHash, verifyPassword } from './password.js';
import { tokenHash } from './session.service.js';
import {
  type SignInAlert,
  dismissSignInAlerts,
  insertSignInAlert,
  isKnownAddress,
  isKnownDevice,
  pruneKnownDevices,
  rememberDevice,
  unseenSignInAlerts,
} from './sign-in-trust.repo.js';
import {
  clearLoginFailures,
  deleteLoginAttempts,
  loginFailuresOf,
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
/** A browser that signed in well stays known this long after its latest good sign-in (its cookie's life). */
export const KNOWN_DEVICE_MS = 180 * 24 * 3600_000;
/** An address a good sign-in came from stays known for the account this long. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 3600_000;

type LoginDeps = Pick<AppDeps, 'db' | 'clock'>;

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const addressKey = (ip: string) => `address:${ip}`;

function minutesLeft(oldest: number | null, now: number): number {
  return Math.max(1, Math.ceil(((oldest ?? now) + LOGIN_WINDOW_MS - now) / 60_000));
}

/**
 * How a request is known to the account: by its browser's known-device cookie (stronger: people behind one
 * office address share it), by the address of a recent good sign-in, or not at all (null).
 */
async function trustOf(
  deps: LoginDeps,
  user: User,
  ip: string,
  device: string | undefined,
  now: number,
): Promise<string | null> {
  if (device) {
    const hash = tokenHash(device);
    if (await isKnownDevice(deps.db, hash, user.id, now - KNOWN_DEVICE_MS)) return `device:${hash}`;
  }
  if (await isKnownAddress(deps.db, ip, user.id, now - KNOWN_ADDRESS_MS)) return `address:${ip}`;
  return null;
}

/**
 * Checks an email and password. The counts live in the database, so every process of a scaled-out desk sees
 * the same lock-out. The attempt is counted before the (slow) password check, atomically with the check of
 * the limits, so requests sent together cannot all be judged: each reserves its place or is refused. A good
 * password takes the reservation back.
 *
 * The per-address limit holds for everyone. The per-account lock is no lock-out button: requests from a
 * browser or address that signed in well to the account recently (`device`, the known-device cookie's token)
 * count in a bucket of their own, so an attacker's failures from elsewhere lock the account for the unknown
 * only, and the owner still gets in with the right password. When the shared lock triggers, the owner gets a
 * notice listing the failed attempts (shown on their next sign-in).
 *
 * Throws 429 `locked` with a plain explanation when the account or the address has failed too often, 401
 * `bad_credentials` when the pair is wrong.
 */
export async function signIn(
  deps: LoginDeps,
  email: string,
  password: string,
  ip: string,
  device?: string,
): Promise<User> {
  const now = deps.clock();
  const since = now - LOGIN_WINDOW_MS;
  const user = await userByEmail(deps.db, email);
  const trust = user ? await trustOf(deps, user, ip, device, now) : null;
  const account = trust ? `${accountKey(email)}|${trust}` : accountKey(email);
  const address = addressKey(ip);
  const reserved = await reserveLoginAttempt(
    deps.db,
    [
      { key: account, limit: ACCOUNT_LIMIT },
      { key: address, limit: ADDRESS_LIMIT },
    ],
    now,
    since,
    ip,
  );
  if (!reserved) return refuse(deps, account, address, since, now);

  // Verify against a dummy hash for unknown emails so response time does not reveal which accounts exist.
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !ok || user.disabled) {
    // The reservation stays: it is the failure, counted in the window.
    if (Math.random() < 0.05) await pruneLoginFailures(deps.db, since);
    // Only the message and the notice depend on these failures, so reading them after the reservation is enough.
    const failures = await loginFailuresOf(deps.db, account, since);
    const left = ACCOUNT_LIMIT - failures.length;
    if (left <= 0 && user && !trust)
      await insertSignInAlert(deps.db, {
        userId: user.id,
        // One notice per lock, however many requests see it trigger: the lock's first failure names it.
        dedupeKey: `${user.id}:${failures[0]!.at}`,
        attempts: failures,
        at: now,
      });
    throw new AppError(
      401,
      'bad_credentials',
      left > 0 && left <= 2
        ? `That email and password do not match. ${left} more ${left === 1 ? 'try' : 'tries'} before this account is locked for 15 minutes.`
        : 'That email and password do not match.',
    );
  }
  // A known browser's good sign-in ends its own bucket only: the lock for the unknown stays while it lasts.
  await clearLoginFailures(deps.db, account);
  await deleteLoginAttempts(deps.db, reserved);
  return (await updateUserRow(deps.db, user.id, { last_login_at: now })) ?? user;
}

/** Remembers the browser (its known-device token) and address of a good sign-in to an account. */
export async function rememberSignIn(deps: LoginDeps, user: User, device: string, ip: string): Promise<void> {
  const now = deps.clock();
  await rememberDevice(deps.db, { tokenHash: tokenHash(device), userId: user.id, ip, at: now });
  if (Math.random() < 0.05) await pruneKnownDevices(deps.db, now - KNOWN_DEVICE_MS);
}

/** The 429 for an account or address at its limit, saying which and for how long. */
async function refuse(deps: LoginDeps, account: string, address: string, since: number, now: number): Promise<never> {
  const a = await loginFailuresSince(deps.db, account, since);
  if (a.count >= ACCOUNT_LIMIT)
    throw new AppError(
      429,
      'locked',
      `This account is locked after ${ACCOUNT_LIMIT} failed sign-ins. Try again in ${minutesLeft(a.oldest, now)} ` +
        `minutes, or ask an admin to reset your password. A browser you signed in with before still gets in with ` +
        `the right password.`,
    );
  const b = await loginFailuresSince(deps.db, address, since);
  throw new AppError(
    429,
    'locked',
    `Too many failed sign-ins from your network address. Try again in ${minutesLeft(b.oldest, now)} minutes.`,
  );
}

/** The sign-in alerts a user has not dismissed yet (someone locked their account while they were away). */
export function signInAlertsOf(deps: Pick<AppDeps, 'db'>, userId: number): Promise<SignInAlert[]> {
  return unseenSignInAlerts(deps.db, userId);
}

/** Dismisses every sign-in alert of a user (they have seen them on the dashboard). */
export async function dismissSignInAlertsOf(deps: Pick<AppDeps, 'db' | 'clock'>, userId: number): Promise<void> {
  await dismissSignInAlerts(deps.db, userId, deps.clock());
}
