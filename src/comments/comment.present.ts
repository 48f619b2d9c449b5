import type { CommentRow } from './comment.repo.js';

/**
 * A comment as readers see it, its fields listed one by one: never the reader's address or id. `name` is the name
 * the reader comments under (their comment name, else their name); null for "a former reader" (the account was
 * erased and the newsroom keeps comments) and '' for a reader who has given no name.
 */
export interface CommentView {
  id: number;
  parentId: number | null;
  name: string | null;
  /** Plain text, as stored; the view escapes it and makes its links clickable. */
  body: string;
  createdAt: number;
  /** A top-level comment's approved replies, oldest first (a reply has none). */
  replies: CommentView[];
}

export function presentComment(row: CommentRow, replies: CommentView[] = []): CommentView {
  const gone = row.reader_id === null || row.reader_deleted_at !== null;
  return {
    id: row.id,
    parentId: row.parent_id,
    name: gone ? null : row.reader_comment_name || row.reader_name || '',
    body: row.body,
    createdAt: row.created_at,
    replies,
  };
}
