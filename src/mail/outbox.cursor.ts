import { type CursorOf, cursorCodec } from '../lib/cursor.js';

/** The outbox's order (newest first), for the desk's keyset paging. */
export const outboxCursor = cursorCodec({ createdAt: 'int', id: 'id' });

/** A message's place in that order. */
export const outboxKeys = (r: { created_at: number; id: number }): CursorOf<typeof outboxCursor> => ({
  createdAt: r.created_at,
  id: r.id,
});
