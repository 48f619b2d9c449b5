import { type CursorOf, cursorCodec } from '../lib/cursor.js';

/** The cursor of the published listings (pages, Show More, the API's stories and feed): their order, (published_at, id). */
export const publishedCursor = cursorCodec({ publishedAt: 'int', id: 'id' });

/** A published row's place in that order. */
export const publishedKeys = (r: { published_at: number; id: number }): CursorOf<typeof publishedCursor> => ({
  publishedAt: r.published_at,
  id: r.id,
});

/** The cursor of the desk's story list: newest created first, (created_at, id). */
export const deskListCursor = cursorCodec({ createdAt: 'int', id: 'id' });

/** A desk row's place in that order. */
export const deskListKeys = (r: { created_at: number; id: number }): CursorOf<typeof deskListCursor> => ({
  createdAt: r.created_at,
  id: r.id,
});
