import { type CursorOf, cursorCodec } from '../lib/cursor.js';

/**
 * The cursor of readers' comments: every list of them pages by keyset on (created_at, id), newest first (a story's
 * top-level comments, the desk's queues).
 */
export const commentCursor = cursorCodec({ createdAt: 'int', id: 'id' });
export type CommentCursor = CursorOf<typeof commentCursor>;

/** A comment's place in that order. */
export const commentKeys = (r: { created_at: number; id: number }): CommentCursor => ({
  createdAt: r.created_at,
  id: r.id,
});

/** The moderation log's cursor: its order, (created_at, id), newest first. */
export const moderationLogCursor = cursorCodec({ createdAt: 'int', id: 'id' });
export type ModerationLogCursor = CursorOf<typeof moderationLogCursor>;

/** A log row's place in that order. */
export const moderationLogKeys = (r: { created_at: number; id: number }): ModerationLogCursor => ({
  createdAt: r.created_at,
  id: r.id,
});
