import type { AppDeps } from '../app.deps.js';
import type { Author, DbHandle, User } from '../db/database.js';
import { badRequest, forbidden, notFound } from '../http/errors.js';
import { can } from '../users/user.policy.js';
import { imageById } from '../media/image.repo.js';
import { splitByEdition } from '../editions/names.service.js';
import type { Edition } from '../editions/edition.js';
import { type AuthorWords, authorById, authorWords, saveAuthorWords, updateAuthorRow } from './author.repo.js';
import type { ProfileValues } from './author-profile.input.js';

/** True when the user may edit this byline profile: their own, or anyone's for admins. */
export const canEditProfile = (user: User, author: Pick<Author, 'id'>) =>
  user.author_id === author.id || can(user, 'profile.edit-any');

/** Parses "Label | https://…" lines (the no-JS form) into links. */
export function parseLinkLines(text: string): { label: string; url: string }[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const i = l.indexOf('|');
      return i < 0 ? { label: l, url: l } : { label: l.slice(0, i).trim(), url: l.slice(i + 1).trim() };
    });
}

/** An author profile for the desk; 404 when there is none. */
export async function requireAuthor(db: DbHandle, id: number): Promise<Author> {
  const a = await authorById(db, id);
  if (!a) throw notFound('author');
  return a;
}

/** The words of the other editions (not the primary: its words are the profile's own fields). */
export interface OtherEditions {
  editions: readonly Edition[];
  words: Map<string, AuthorWords>;
}

/** The other editions and what the author has written in their languages (the profile form). */
export async function otherEditions(deps: Pick<AppDeps, 'db' | 'lookups'>, authorId: number): Promise<OtherEditions> {
  const [settings, words] = await Promise.all([deps.lookups.settings(), authorWords(deps.db, authorId)]);
  return { editions: settings.editions.slice(1), words };
}

/** Every language an author's role title and bios are written in, with those words (the desk API's answer). */
export async function profileTranslations(
  db: DbHandle,
  authorId: number,
): Promise<{ language: string; roleTitle: string; bio: string; shortBio: string }[]> {
  return [...(await authorWords(db, authorId))].map(([language, w]) => ({
    language,
    roleTitle: w.role_title,
    bio: w.bio,
    shortBio: w.short_bio,
  }));
}

/**
 * Updates a byline profile with values parsed at the face (ProfileSchema), its words in other editions' languages
 * with it (one transaction); emits author.updated so the author's pages (and the stories carrying the card) are
 * refreshed in every edition.
 */
export async function updateProfile(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock' | 'lookups'>,
  user: User,
  authorId: number,
  v: ProfileValues,
): Promise<Author> {
  const author = await requireAuthor(deps.db, authorId);
  if (!canEditProfile(user, author)) throw forbidden('You can edit only your own profile.');
  if (v.avatarImageId !== null && !(await imageById(deps.db, v.avatarImageId)))
    throw badRequest('That avatar image is not in the media library.');
  // The profile's own fields are the primary edition's words; the other editions' go to author_translations.
  const { primary } = await splitByEdition(deps.lookups, v.translations);
  if (primary) throw badRequest('The primary edition’s role title and bios are the profile’s own fields.');
  const updated = await deps.db.transaction().execute(async (tx) => {
    const row = await updateAuthorRow(tx, authorId, {
      name: v.name,
      role_title: v.roleTitle,
      bio: v.bio,
      short_bio: v.shortBio,
      links: JSON.stringify(v.links),
      avatar_image_id: v.avatarImageId,
      updated_at: deps.clock(),
    });
    if (!row) throw notFound('author');
    for (const w of v.translations)
      await saveAuthorWords(tx, authorId, w.language, { role_title: w.roleTitle, bio: w.bio, short_bio: w.shortBio });
    return row;
  });
  deps.events.publish({ type: 'author.updated', id: authorId, actor: `user:${user.id}` });
  return updated;
}
