import { sql } from 'kysely';
import type { DbHandle } from '../db/database.js';
import type { ModerationLogCursor } from './comment.cursor.js';

/** Every moderation action there is; each is one row of `moderation_actions`, with who did it. */
export const MODERATION_ACTIONS = [
  'approve',
  'hide',
  'spam',
  'restore',
  'delete',
  'dismiss',
  'ban',
  'unban',
  'report',
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export interface ModerationLogRow {
  id: number;
  action: string;
  note: string;
  created_at: number;
  comment_id: number | null;
  reader_id: number | null;
  user_id: number | null;
  user_name: string | null;
  reader_name: string | null;
  reader_email: string | null;
}

/** Records one action: the comment and reader it was about, and the desk user (null: a reader's report). */
export async function recordModeration(
  db: DbHandle,
  row: {
    action: ModerationAction;
    commentId: number | null;
    readerId: number | null;
    userId: number | null;
    note?: string;
    at: number;
  },
): Promise<void> {
  await db
    .insertInto('moderation_actions')
    .values({
      action: row.action,
      comment_id: row.commentId,
      reader_id: row.readerId,
      user_id: row.userId,
      note: row.note ?? '',
      created_at: row.at,
    })
    .execute();
}

/** One page of the moderation log, newest first, optionally about one comment or one reader. */
export async function moderationLog(
  db: DbHandle,
  f: { commentId?: number; readerId?: number; after: ModerationLogCursor | null; limit: number },
): Promise<ModerationLogRow[]> {
  let q = db
    .selectFrom('moderation_actions as m')
    .leftJoin('users', 'users.id', 'm.user_id')
    .leftJoin('readers', 'readers.id', 'm.reader_id')
    .select([
      'm.id',
      'm.action',
      'm.note',
      'm.created_at',
      'm.comment_id',
      'm.reader_id',
      'm.user_id',
      'users.name as user_name',
      'readers.name as reader_name',
      'readers.email as reader_email',
    ]);
  if (f.commentId !== undefined) q = q.where('m.comment_id', '=', f.commentId);
  if (f.readerId !== undefined) q = q.where('m.reader_id', '=', f.readerId);
  if (f.after) {
    const { createdAt, id } = f.after;
    q = q.where(sql<boolean>`(m.created_at < ${createdAt} or (m.created_at = ${createdAt} and m.id < ${id}))`);
  }
  return q.orderBy('m.created_at', 'desc').orderBy('m.id', 'desc').limit(f.limit).execute();
}
