import { type Insertable, type Updateable, sql } from 'kysely';
import type { Invite, InviteTable, Session, SessionTable, User, UserTable, DbHandle } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';

export async function userById(db: DbHandle, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function userByEmail(db: DbHandle, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function countUsers(db: DbHandle): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listUsers(db: DbHandle): Promise<User[]> {
  return db.selectFrom('users').selectAll().orderBy('name').orderBy('id').execute();
}

export async function insertUser(db: DbHandle, row: Insertable<UserTable>): Promise<User> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUserRow(db: DbHandle, id: number, patch: Updateable<UserTable>): Promise<User | undefined> {
  return db.updateTable('users').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function insertSession(db: DbHandle, row: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** A live session and its user, or nothing when it expired or the account is disabled. */
export async function sessionWithUser(
  db: DbHandle,
  idHash: string,
  now: number,
): Promise<{ session: Session; user: User } | undefined> {
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id_hash', '=', idHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!session) return undefined;
  const user = await userById(db, session.user_id);
  if (!user || user.disabled) return undefined;
  return { session, user };
}

export async function touchSession(db: DbHandle, idHash: string, now: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: DbHandle, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a user ("sign out everywhere", password change, disabling). */
export async function deleteUserSessions(db: DbHandle, userId: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A key sign-in attempts are counted under, and how many it may have in the window. */
export interface AttemptLimit {
  key: string;
  limit: number;
}

// Advisory-lock class for sign-in keys (the two-integer form keeps them apart from any other advisory lock).
const LOGIN_LOCK_CLASS = 12_001;

/**
 * Reserves one sign-in attempt under every key at once, before the password is checked: a row per key is
 * inserted only if each key has fewer than its limit since `since`, so however many requests arrive together,
 * in one process or several, no more than the limit get through. Returns the ids of the rows (in key order),
 * or null when a key is at its limit (then nothing is written).
 *
 * SQLite: the INSERT … SELECT is one statement, which holds the database's write lock from its count to its
 * insert. It runs outside any explicit transaction so the lock never waits across an `await`. PostgreSQL: under
 * READ COMMITTED two such statements could both count before either inserts, so each key's advisory lock is
 * taken first (always in the caller's order, account before address) and held until the insert commits.
 */
export async function reserveLoginAttempt(
  db: DbHandle,
  limits: readonly AttemptLimit[],
  at: number,
  since: number,
  ip = '',
): Promise<number[] | null> {
  const insert = async (q: DbHandle) => {
    const rows = await q
      .insertInto('login_failures')
      .columns(['key', 'at', 'ip'])
      .expression((eb) => {
        const underLimits = eb.and(
          limits.map(({ key, limit }) =>
            eb(
              eb
                .selectFrom('login_failures')
                .select((c) => c.fn.countAll<number>().as('n'))
                .where('key', '=', key)
                .where('at', '>', since),
              '<',
              limit,
            ),
          ),
        );
        // Casts, so PostgreSQL types the selected parameters as the columns, not as unknown text.
        const one = (key: string) =>
          q
            .selectNoFrom([
              sql<string>`cast(${key} as text)`.as('key'),
              sql<number>`cast(${at} as bigint)`.as('at'),
              sql<string>`cast(${ip.slice(0, 100)} as text)`.as('ip'),
            ])
            .where(underLimits);
        return limits.slice(1).reduce((query, { key }) => query.unionAll(one(key)), one(limits[0]!.key));
      })
      .returning(['id', 'key'])
      .execute();
    if (rows.length === 0) return null;
    return limits.map(({ key }) => rows.find((r) => r.key === key)!.id);
  };
  if (dialectOf(db) === 'sqlite') return insert(db);
  return db.transaction().execute(async (tx) => {
    for (const { key } of limits)
      await sql`select pg_advisory_xact_lock(${LOGIN_LOCK_CLASS}, hashtext(${key}))`.execute(tx);
    return insert(tx);
  });
}

/** Takes back reserved attempts (a sign-in that succeeded is no failure). */
export async function deleteLoginAttempts(db: DbHandle, ids: readonly number[]): Promise<void> {
  if (ids.length)
    await db
      .deleteFrom('login_failures')
      .where('id', 'in', [...ids])
      .execute();
}

/** The failed sign-ins of a key since a time, oldest first: when and from where. */
export async function loginFailuresOf(db: DbHandle, key: string, since: number): Promise<{ at: number; ip: string }[]> {
  const rows = await db
    .selectFrom('login_failures')
    .select(['at', 'ip'])
    .where('key', '=', key)
    .where('at', '>', since)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ at: Number(r.at), ip: r.ip }));
}

/** Failures per key since a time, and the oldest of them (when the lock-out ends). */
export async function loginFailuresSince(
  db: DbHandle,
  key: string,
  since: number,
): Promise<{ count: number; oldest: number | null }> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: row.oldest === null ? null : Number(row.oldest) };
}

export async function clearLoginFailures(db: DbHandle, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', key).execute();
}

/** Drops failures older than the window, so the table stays small. */
export async function pruneLoginFailures(db: DbHandle, before: number): Promise<void> {
  await db.deleteFrom('login_failures').where('at', '<', before).execute();
}

export async function insertInvite(db: DbHandle, row: Insertable<InviteTable>): Promise<Invite> {
  return db.insertInto('invites').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function inviteByHash(db: DbHandle, tokenHash: string): Promise<Invite | undefined> {
  return db.selectFrom('invites').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks an invite used; false when another request used it first (an invite works once). */
export async function claimInvite(db: DbHandle, id: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('invites')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listOpenInvites(db: DbHandle, now: number): Promise<Invite[]> {
  return db
    .selectFrom('invites')
    .selectAll()
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}
