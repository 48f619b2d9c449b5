import type { Insertable, Selectable } from 'kysely';
import type { DbHandle, MailOutboxTable } from '../db/database.js';
import type { CursorOf } from '../lib/cursor.js';
import type { outboxCursor } from './outbox.cursor.js';

/** A message kept in the local outbox (no SMTP_URL). */
export type OutboxMail = Selectable<MailOutboxTable>;

/** Keeps one message in the outbox; returns its id. */
export async function insertOutboxMail(db: DbHandle, row: Insertable<MailOutboxTable>): Promise<number> {
  const r = await db.insertInto('mail_outbox').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** A page of the outbox, newest first; `to` narrows it to one recipient (exact, lower-cased). */
export async function listOutbox(
  db: DbHandle,
  opts: { before?: CursorOf<typeof outboxCursor> | null; to?: string; limit: number },
): Promise<OutboxMail[]> {
  let q = db.selectFrom('mail_outbox').selectAll();
  if (opts.to) q = q.where('to_address', '=', opts.to);
  const b = opts.before;
  if (b)
    q = q.where((w) =>
      w.or([w('created_at', '<', b.createdAt), w.and([w('created_at', '=', b.createdAt), w('id', '<', b.id)])]),
    );
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

/** One kept message by id. */
export async function findOutboxMail(db: DbHandle, id: number): Promise<OutboxMail | undefined> {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}
