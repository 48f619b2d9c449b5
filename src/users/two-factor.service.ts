import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { AppDeps } from '../app.deps.js';
import type { User } from '../db/database.js';
import { AppError, conflict } from '../http/errors.js';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, LOGIN_WINDOW_MS } from './login.service.js';
import { verifyPassword } from './password.js';
import { tokenHash } from './session.service.js';
import {
  claimStep,
  disableSecret,
  enableSecret,
  replaceRecoveryCodes,
  setPendingSecret,
  unusedRecoveryCodes,
  useRecoveryCode,
} from './two-factor.repo.js';
import { deleteLoginAttempts, loginFailuresSince, reserveLoginAttempt, userById } from './user.repo.js';

type TwoFactorDeps = Pick<AppDeps, 'db' | 'clock' | 'events' | 'lookups'>;

/** A code is good for its 30-second step and the one on either side (clocks drift; people type slowly). */
export const TOTP_PERIOD_MS = 30_000;
/** How many recovery codes an account gets at a time. */
export const RECOVERY_CODE_COUNT = 10;

const totpOf = (secret: string, label = 'desk', issuer = 'Broadsheet') =>
  new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_MS / 1000,
    secret: Secret.fromBase32(secret),
  });

/** The 30-second step a code belongs to at `now` (±1 step), or null when it is no code of the secret. */
export function codeStep(secret: string, code: string, now: number): number | null {
  if (!secret || !/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secret).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / TOTP_PERIOD_MS) + delta;
}

/** The code an authenticator shows at `now` (for tests and the e2e run, which play the authenticator). */
export function currentCode(secret: string, now: number): string {
  return totpOf(secret).generate({ timestamp: now });
}

/** Recovery codes look like `k3f9q-7hx2m`: ten letters and digits, easy to read out and type. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const normalRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** An account as stored now (a page about its two-factor state must not trust the session's copy). */
export async function accountNow(deps: Pick<AppDeps, 'db'>, id: number): Promise<User> {
  const user = await userById(deps.db, id);
  if (!user) throw new AppError(401, 'unauthenticated', 'Please sign in to the desk.');
  return user;
}

/** Whether the newsroom's owner requires a second factor of this account's role. */
export async function twoFactorRequired(deps: Pick<AppDeps, 'lookups'>, user: Pick<User, 'role'>): Promise<boolean> {
  return (await deps.lookups.settings()).twoFactorRoles.includes(user.role);
}

/** What the two-factor page shows of an account: on or off, and how many recovery codes are left. */
export async function twoFactorStatus(deps: TwoFactorDeps, user: User) {
  return {
    enabled: user.totp_secret !== '',
    recoveryLeft: user.totp_secret ? await unusedRecoveryCodes(deps.db, user.id) : 0,
    required: await twoFactorRequired(deps, user),
  };
}

/**
 * Starts (or continues) enrolling: a new secret kept as pending until a code confirms it. Returns the secret as
 * text, its otpauth:// address and that address as an SVG QR code (made here from our own text, so safe to show).
 */
export async function beginEnrolment(
  deps: TwoFactorDeps,
  user: User,
): Promise<{ secret: string; uri: string; svg: string }> {
  if (user.totp_secret) throw conflict('Two-factor sign-in is already on for your account.');
  const secret = user.totp_pending || new Secret({ size: 20 }).base32;
  if (!user.totp_pending) await setPendingSecret(deps.db, user.id, secret);
  const uri = totpOf(secret, user.email, (await deps.lookups.settings()).name).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return { secret, uri, svg };
}

/**
 * Takes one attempt at a second factor from the sign-in limits (the same table and windows as passwords: a
 * per-account bucket and the address's), then checks it. Returns the reservation to take back on success.
 */
async function reserve(deps: TwoFactorDeps, user: User, ip: string): Promise<number[]> {
  const now = deps.clock();
  const account = `two-factor:${user.id}`;
  const reserved = await reserveLoginAttempt(
    deps.db,
    [
      { key: account, limit: ACCOUNT_LIMIT },
      { key: `address:${ip}`, limit: ADDRESS_LIMIT },
    ],
    now,
    now - LOGIN_WINDOW_MS,
    ip,
  );
  if (reserved) return reserved;
  const a = await loginFailuresSince(deps.db, account, now - LOGIN_WINDOW_MS);
  const minutes = Math.max(1, Math.ceil(((a.oldest ?? now) + LOGIN_WINDOW_MS - now) / 60_000));
  throw new AppError(
    429,
    'locked',
    a.count >= ACCOUNT_LIMIT
      ? `Too many wrong codes for this account. Try again in ${minutes} minutes, or use a recovery code then.`
      : `Too many failed sign-ins from your network address. Try again in ${minutes} minutes.`,
  );
}

const badCode = () =>
  new AppError(
    401,
    'bad_code',
    'That code is not right. Type the 6 digits your authenticator app shows now, or a recovery code.',
  );

/**
 * Checks a second factor for a sign-in or a change: a 6-digit code of the account's secret (once per step:
 * a code seen before is refused) or one of its unused recovery codes (used up by this call). Rate-limited like
 * passwords. Throws 401 `bad_code` or 429 `locked`; returns how it was given.
 */
export async function verifySecondFactor(
  deps: TwoFactorDeps,
  user: User,
  given: string,
  ip: string,
  secret = user.totp_secret,
): Promise<'code' | 'recovery'> {
  const code = given.trim().slice(0, 40);
  const reserved = await reserve(deps, user, ip);
  const now = deps.clock();
  const step = codeStep(secret, code.replace(/\s/g, ''), now);
  let how: 'code' | 'recovery' | null = null;
  if (step !== null) how = (await claimStep(deps.db, user.id, step)) ? 'code' : null;
  else if (secret === user.totp_secret && normalRecovery(code).length === 10)
    how = (await useRecoveryCode(deps.db, user.id, tokenHash(normalRecovery(code)), now)) ? 'recovery' : null;
  // A wrong code keeps its reservation: it is the failure, counted in the window.
  if (!how) throw badCode();
  await deleteLoginAttempts(deps.db, reserved);
  return how;
}

/** Makes an account's recovery codes anew (the old ones stop working) and returns them, to be shown once. */
export async function regenerateRecoveryCodes(deps: TwoFactorDeps, user: User, actor: string): Promise<string[]> {
  if (!user.totp_secret) throw conflict('Turn on two-factor sign-in first.');
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await replaceRecoveryCodes(
    deps.db,
    user.id,
    codes.map((c) => tokenHash(normalRecovery(c))),
    deps.clock(),
  );
  deps.events.publish({ type: 'user.updated', id: user.id, actor, change: 'two-factor.recovery-codes' });
  return codes;
}

/** Confirms enrolment with a code of the pending secret: two-factor is on; returns the recovery codes (shown once). */
export async function confirmEnrolment(
  deps: TwoFactorDeps,
  user: User,
  code: string,
  ip: string,
  actor: string,
): Promise<string[]> {
  if (user.totp_secret) throw conflict('Two-factor sign-in is already on for your account.');
  if (!user.totp_pending) throw conflict('Start again: open the two-factor page for a new code to scan.');
  await verifySecondFactor(deps, user, code, ip, user.totp_pending);
  if (!(await enableSecret(deps.db, user.id, user.totp_pending, deps.clock())))
    throw conflict('The code to scan changed meanwhile (another tab?). Reload the page and scan the new one.');
  deps.events.publish({ type: 'user.updated', id: user.id, actor, change: 'two-factor.on' });
  const enabled = (await userById(deps.db, user.id))!;
  return regenerateRecoveryCodes(deps, enabled, actor);
}

/**
 * Turns two-factor off for one's own account, with the password and a code (or a recovery code). Refused while
 * the owner requires it for the account's role.
 */
export async function disableTwoFactor(
  deps: TwoFactorDeps,
  user: User,
  input: { password: string; code: string },
  ip: string,
  actor: string,
): Promise<void> {
  if (!user.totp_secret) throw conflict('Two-factor sign-in is already off.');
  if (await twoFactorRequired(deps, user))
    throw conflict(
      `The newsroom requires two-factor sign-in for ${user.role}s; it cannot be turned off. Ask the owner.`,
    );
  if (!(await verifyPassword(user.password_hash, input.password.slice(0, 300))))
    throw new AppError(401, 'bad_credentials', 'That password is not right.');
  await verifySecondFactor(deps, user, input.code, ip);
  await disableSecret(deps.db, user.id, deps.clock());
  deps.events.publish({ type: 'user.updated', id: user.id, actor, change: 'two-factor.off' });
}
