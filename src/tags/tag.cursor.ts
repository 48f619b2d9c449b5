import { cursorCodec } from '../lib/cursor.js';

/** The cursor of the desk's tag list: id order (ids never change, so a page never shifts). */
export const tagListCursor = cursorCodec({ id: 'id' });
