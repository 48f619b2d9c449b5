import type { Author, TagLink, DbHandle } from '../db/database.js';
import { cursorCodec } from '../lib/cursor.js';
import { tagsIn } from '../tags/tag.repo.js';
import { authorsIn } from '../authors/author.repo.js';

/**
 * The cursor of the id-ordered API lists (tags, authors): the id alone. Tokens of the earlier layout
 * (`0.<id>`, a time part left unused) still name the same place.
 */
export const idOrderCursor = cursorCodec(
  { id: 'id' },
  {
    legacy: (text) => {
      const m = /^0\.(\d{1,12})$/.exec(text);
      return m ? { id: Number(m[1]) } : null;
    },
  },
);

/** A row's place in id order. */
export const idOrderKeys = (r: { id: number }) => ({ id: r.id });

/**
 * One keyset page of tags in id order (ids never change, so a page never shifts), named in a language where a
 * name is written for it ('': the base names).
 */
export async function tagsPage(db: DbHandle, afterId: number, limit: number, language = ''): Promise<TagLink[]> {
  return tagsIn(db, language).where('tags.id', '>', afterId).orderBy('tags.id').limit(limit).execute();
}

/** One keyset page of authors in id order, their role titles and bios in a language where written ('': the base). */
export async function authorsPage(db: DbHandle, afterId: number, limit: number, language = ''): Promise<Author[]> {
  return authorsIn(db, language).where('authors.id', '>', afterId).orderBy('authors.id').limit(limit).execute();
}
