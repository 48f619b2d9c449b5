import type { DbHandle } from '../db/database.js';

/** Records a good sign-in of an account from a browser (its cookie token's hash) and address. */
export async function rememberDevice(
  db: DbHandle,
  row: { tokenHash: string; userId: number; ip: string; at: number },
): Promise<void> {
  await db
    .insertInto('known_devices')
    .values({
      token_hash: row.tokenHash,
      user_id: row.userId,
      ip: row.ip.slice(0, 100),
      created_at: row.at,
      last_used_at: row.at,
    })
    .onConflict((oc) =>
      oc.columns(['token_hash', 'user_id']).doUpdateSet({ ip: row.ip.slice(0, 100), last_used_at: row.at }),
    )
    .execute();
}

/** Whether this browser signed in well to the account since a time. */
export async function isKnownDevice(db: DbHandle, tokenHash: string, userId: number, since: number): Promise<boolean> {
  const row = await db
    .selectFrom('known_devices')
    .select('id')
    .where('token_hash', '=', tokenHash)
    .where('user_id', '=', userId)
    .where('last_used_at', '>', since)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether some browser signed in well to the account from this address since a time. */
export async function isKnownAddress(db: DbHandle, ip: string, userId: number, since: number): Promise<boolean> {
  const row = await db
    .selectFrom('known_devices')
    .select('id')
    .where('user_id', '=', userId)
    .where('ip', '=', ip)
    .where('last_used_at', '>', since)
    .executeTakeFirst();
  return row !== undefined;
}

/** Forgets browsers not seen since a time, so the table stays small. */
export async function pruneKnownDevices(db: DbHandle, before: number): Promise<void> {
  await db.deleteFrom('known_devices').where('last_used_at', '<', before).execute();
}

export interface SignInAlert {
  id: number;
  createdAt: number;
  attempts: { at: number; ip: string }[];
}

/** Records that an account was locked (once per lock: a second insert with the same key does nothing). */
export async function insertSignInAlert(
  db: DbHandle,
  row: { userId: number; dedupeKey: string; attempts: { at: number; ip: string }[]; at: number },
): Promise<void> {
  await db
    .insertInto('sign_in_alerts')
    .values({
      user_id: row.userId,
      dedupe_key: row.dedupeKey,
      attempts: JSON.stringify(row.attempts),
      created_at: row.at,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** The lock notices the account's owner has not dismissed, newest first. */
export async function unseenSignInAlerts(db: DbHandle, userId: number): Promise<SignInAlert[]> {
  const rows = await db
    .selectFrom('sign_in_alerts')
    .select(['id', 'created_at', 'attempts'])
    .where('user_id', '=', userId)
    .where('seen_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, createdAt: Number(r.created_at), attempts: JSON.parse(r.attempts) }));
}

export async function dismissSignInAlerts(db: DbHandle, userId: number, at: number): Promise<void> {
  await db
    .updateTable('sign_in_alerts')
    .set({ seen_at: at })
    .where('user_id', '=', userId)
    .where('seen_at', 'is', null)
    .execute();
}
