import type { Author } from '../db/database.js';
import { type Edition, editionPath } from '../editions/edition.js';
import type { ImageView } from '../media/image.present.js';

export interface AuthorLink {
  label: string;
  url: string;
}

/** What readers may see of a byline profile. The account behind it (user_id) is never shown. */
export interface AuthorView {
  id: number;
  slug: string;
  url: string;
  name: string;
  roleTitle: string;
  bio: string;
  shortBio: string;
  avatar: ImageView | null;
  links: AuthorLink[];
}

/** An author page's URL, in an edition (`/authors/x`, `/uk/authors/x`). */
export const authorUrl = (slug: string, edition?: Pick<Edition, 'prefix'>) =>
  edition ? editionPath(edition, `/authors/${slug}`) : `/authors/${slug}`;

export function presentAuthor(
  a: Pick<Author, 'id' | 'slug' | 'name' | 'role_title' | 'bio' | 'short_bio' | 'links'>,
  avatar: ImageView | null,
  edition?: Pick<Edition, 'prefix'>,
): AuthorView {
  const links = (JSON.parse(a.links) as AuthorLink[]).filter(
    (l) => /^https?:\/\//.test(l.url) || l.url.startsWith('mailto:'),
  );
  return {
    id: a.id,
    slug: a.slug,
    url: authorUrl(a.slug, edition),
    name: a.name,
    roleTitle: a.role_title,
    bio: a.bio,
    shortBio: a.short_bio || a.bio.split(/(?<=\.)\s/)[0] || '',
    avatar,
    links,
  };
}
