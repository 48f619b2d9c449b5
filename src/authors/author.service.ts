import type { Author } from '../db/database.js';
import { notFound } from '../http/errors.js';
import type { CursorOf } from '../lib/cursor.js';
import type { ImageView } from '../media/image.present.js';
import { type CardDeps, type FeedPage, feedPage } from '../news-feed/news-feed.service.js';
import type { publishedCursor } from '../stories/story.cursor.js';
import { authorBySlug } from './author.repo.js';

/**
 * An author page's data: the author by slug, with the role title and bios in the language where written (the
 * primary edition's otherwise), their avatar's view (from the lookups) and one keyset page of their published
 * stories in that language; 404 when no author has the slug.
 */
export async function authorPage(
  deps: CardDeps,
  slug: string | null,
  language: string,
  before: CursorOf<typeof publishedCursor> | null,
): Promise<{ author: Author; avatar: ImageView | null; page: FeedPage }> {
  const author = slug ? await authorBySlug(deps.db, slug, language) : undefined;
  if (!author) throw notFound('author');
  const [page, avatars] = await Promise.all([
    feedPage(deps, { language, authorId: author.id, before }),
    deps.lookups.images(author.avatar_image_id ? [author.avatar_image_id] : []),
  ]);
  const avatar = author.avatar_image_id ? avatars.get(author.avatar_image_id) : undefined;
  return { author, avatar: avatar ?? null, page };
}
