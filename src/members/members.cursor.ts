import { type CursorOf, cursorCodec } from '../lib/cursor.js';

/** The members list's cursor: its order, newest sign-up first, (created_at, id). */
export const membersCursor = cursorCodec({ createdAt: 'int', id: 'id' });
export type MembersCursor = CursorOf<typeof membersCursor>;

/** A member row's place in that order. */
export const membersKeys = (r: { created_at: number; id: number }): MembersCursor => ({
  createdAt: r.created_at,
  id: r.id,
});
