import type { DbHandle } from '../db/database.js';
import type { PendingSignInTable } from '../db/safety.table.js';
import type { Selectable } from 'kysely';

/** A password that was right, waiting for its second step. */
export type PendingSignIn = Selectable<PendingSignInTable>;

/** Keeps a secret being enrolled (not active until confirmed with a code). */
export async function setPendingSecret(db: DbHandle, userId: number, secret: string): Promise<void> {
  await db.updateTable('users').set({ totp_pending: secret }).where('id', '=', userId).execute();
}

/** Turns two-factor on with the secret being enrolled, if it is still the one given (true when it was). */
export async function enableSecret(db: DbHandle, userId: number, secret: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_secret: secret, totp_pending: '', totp_enabled_at: now, updated_at: now })
    .where('id', '=', userId)
    .where('totp_pending', '=', secret)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Turns two-factor off: the secret, any enrolment and every recovery code go. */
export async function disableSecret(db: DbHandle, userId: number, now: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: '', totp_pending: '', totp_enabled_at: null, updated_at: now })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

/**
 * Records that a code of `step` was accepted, only if no code of that step or a later one was: one statement,
 * so two requests with the same code cannot both pass. True when this one did.
 */
export async function claimStep(db: DbHandle, userId: number, step: number): Promise<boolean> {
  const r = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where('totp_last_step', '<', step)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Replaces an account's recovery codes with new ones (their hashes). */
export async function replaceRecoveryCodes(
  db: DbHandle,
  userId: number,
  hashes: readonly string[],
  now: number,
): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now })))
    .execute();
}

/** Uses a recovery code once: true when an unused code with that hash was marked used by this call. */
export async function useRecoveryCode(db: DbHandle, userId: number, hash: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** How many recovery codes an account has left. */
export async function unusedRecoveryCodes(db: DbHandle, userId: number): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Writes a pending sign-in. */
export async function insertPendingSignIn(db: DbHandle, row: PendingSignIn): Promise<void> {
  await db.insertInto('pending_sign_ins').values(row).execute();
}

/** The pending sign-in a token hash names, unless it expired. */
export async function pendingSignIn(db: DbHandle, tokenHash: string, now: number): Promise<PendingSignIn | undefined> {
  return db
    .selectFrom('pending_sign_ins')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Ends a pending sign-in (finished, or given up); with `before`, also every one that expired before then. */
export async function deletePendingSignIn(db: DbHandle, tokenHash: string, before?: number): Promise<void> {
  await db.deleteFrom('pending_sign_ins').where('token_hash', '=', tokenHash).execute();
  if (before !== undefined) await db.deleteFrom('pending_sign_ins').where('expires_at', '<', before).execute();
}
