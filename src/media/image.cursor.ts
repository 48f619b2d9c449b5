import type { Image } from '../db/database.js';
import { type CursorOf, cursorCodec } from '../lib/cursor.js';

/** The media library's cursor: its order, the id. */
export const libraryCursor = cursorCodec({ id: 'id' });

/** An image's place in that order. */
export const libraryKeys = (r: Pick<Image, 'id'>): CursorOf<typeof libraryCursor> => ({ id: r.id });
