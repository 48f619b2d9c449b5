import type { DbHandle } from '../db/database.js';
import { sectionUrl } from '../sections/section.url.js';
import { storyUrl } from '../stories/story.url.js';
import { tagUrl } from '../tags/tag.url.js';

/** The old path in the form redirects are stored: decoded, no query, no trailing slash. */
export function normalisePath(path: string): string {
  let p = path;
  try {
    p = decodeURIComponent(path);
  } catch {
    // A malformed escape cannot match a stored path; look it up as it came.
  }
  return p.replace(/\/+$/, '') || '/';
}

/**
 * The current URL an old (imported) path now lives at, or null. The target's slug is read at request
 * time, so a later slug change still lands on the right page; unpublished stories are not revealed.
 */
export async function redirectTarget(db: DbHandle, path: string): Promise<string | null> {
  const row = await db
    .selectFrom('redirects')
    .select(['target_kind', 'target_id'])
    .where('path', '=', normalisePath(path))
    .executeTakeFirst();
  if (!row) return null;
  switch (row.target_kind) {
    case 'story': {
      const s = await db
        .selectFrom('stories')
        .select(['slug', 'status', 'kind'])
        .where('id', '=', row.target_id)
        .executeTakeFirst();
      return s && s.status === 'published' ? storyUrl(s.slug, undefined, s.kind) : null;
    }
    case 'author': {
      const a = await db.selectFrom('authors').select('slug').where('id', '=', row.target_id).executeTakeFirst();
      return a ? `/authors/${a.slug}` : null;
    }
    case 'section': {
      const s = await db.selectFrom('sections').select('slug').where('id', '=', row.target_id).executeTakeFirst();
      return s ? sectionUrl(s.slug) : null;
    }
    case 'tag': {
      const t = await db.selectFrom('tags').select('slug').where('id', '=', row.target_id).executeTakeFirst();
      return t ? tagUrl(t.slug) : null;
    }
    default:
      return null;
  }
}
