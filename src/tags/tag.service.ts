import type { Tag, DbHandle } from '../db/database.js';
import type { EventBus } from '../events/events.js';
import { badRequest, notFound } from '../http/errors.js';
import type { Lookups } from '../cache/lookups.js';
import { splitByEdition } from '../editions/names.service.js';
import type { LanguageNames } from '../editions/names.input.js';
import { slugify } from '../stories/slug.js';
import type { publishedCursor } from '../stories/story.cursor.js';
import { type CardDeps, type FeedPage, feedPage } from '../news-feed/news-feed.service.js';
import { type CursorOf, keysetPage } from '../lib/cursor.js';
import {
  insertTagIfAbsent,
  saveTagWords,
  tagById,
  tagBySlug,
  tagWordsOf,
  tagsAfter,
  updateTagRow,
} from './tag.repo.js';
import { tagListCursor } from './tag.cursor.js';

/** What the tag service needs, passed in from the composition root. */
export interface TagDeps {
  db: DbHandle;
  events: EventBus;
}

/** A tag's name as kept: trimmed, single spaces, at most 60 characters. */
const cleanName = (name: string) => name.trim().replace(/\s+/g, ' ').slice(0, 60);

/**
 * The tag of a name, created when there is none with its slug yet. A new tag is announced (tag.updated),
 * so pages that may show it (its tag page, a 404 kept for its address) are refreshed.
 */
export async function createTag(deps: TagDeps, name: string, actor: string): Promise<Tag> {
  const clean = cleanName(name);
  const slug = slugify(clean, 60);
  const made = await insertTagIfAbsent(deps.db, { slug, name: clean });
  if (made) deps.events.publish({ type: 'tag.updated', id: made.id, actor });
  // Taken already, or by a concurrent save a moment ago: that tag is the one meant.
  return made ?? (await tagBySlug(deps.db, slug))!;
}

/** Finds tags by name, creating the missing ones ("pick or create"); returns their ids in order, without repeats. */
export async function ensureTags(deps: TagDeps, names: readonly string[], actor: string): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const clean = cleanName(name);
    if (!clean) continue;
    const slug = slugify(clean, 60);
    ids.push((await tagBySlug(deps.db, slug))?.id ?? (await createTag(deps, name, actor)).id);
  }
  return [...new Set(ids)];
}

/** Renames a tag; its slug (and so every link to it) stays. Announced as tag.updated, so pages showing the name follow. */
export async function renameTag(deps: TagDeps, id: number, name: string, actor: string): Promise<Tag> {
  const row = await updateTagRow(deps.db, id, { name: cleanName(name) });
  if (!row) throw notFound('tag');
  deps.events.publish({ type: 'tag.updated', id, actor });
  return row;
}

/**
 * Sets a tag's name and description in each edition's language: the primary edition's on the tag itself (its
 * name may not be empty; its slug, and so every link, stays), the others' in tag_translations (left empty: the
 * primary's show there). One transaction, then tag.updated: the pages showing the tag are purged.
 */
export async function setTagNames(
  deps: TagDeps & { lookups: Pick<Lookups, 'settings'> },
  id: number,
  names: LanguageNames,
  actor: string,
): Promise<void> {
  const { primary, others } = await splitByEdition(deps.lookups, names);
  const primaryName = primary ? cleanName(primary.name) : undefined;
  if (primary && !primaryName) throw badRequest('The tag needs a name in the primary edition’s language.');
  await deps.db.transaction().execute(async (tx) => {
    const row = primary
      ? await updateTagRow(tx, id, { name: primaryName, description: primary.description })
      : await tagById(tx, id);
    if (!row) throw notFound('tag');
    for (const w of others)
      await saveTagWords(tx, id, w.language, { name: cleanName(w.name), description: w.description });
  });
  deps.events.publish({ type: 'tag.updated', id, actor });
}

/** Tags on one page of the desk's tag list. */
const NAMES_PAGE_SIZE = 50;

/**
 * One page of the desk's tag list (id order, after the cursor's place) with the words written for each tag in
 * other languages, the editions, the cursor of the next page, and the name of the tag just saved (`savedId`).
 */
export async function tagNamesPage(
  deps: { db: DbHandle; lookups: Pick<Lookups, 'settings'> },
  after: CursorOf<typeof tagListCursor> | null,
  savedId?: number,
) {
  const [{ items, next }, saved] = await Promise.all([
    keysetPage(
      tagListCursor,
      (r: Tag) => ({ id: r.id }),
      NAMES_PAGE_SIZE,
      (take) => tagsAfter(deps.db, after?.id ?? 0, take),
    ),
    savedId === undefined ? undefined : tagById(deps.db, savedId),
  ]);
  const [words, settings] = await Promise.all([
    tagWordsOf(
      deps.db,
      items.map((x) => x.id),
    ),
    deps.lookups.settings(),
  ]);
  return { tags: items, next, words, editions: settings.editions, saved: saved?.name };
}

/**
 * A tag page's data: the tag by slug, its name and description in the language where written (the primary
 * edition's otherwise), and one keyset page of the published stories with it in that language; 404 when no tag
 * has the slug.
 */
export async function tagPage(
  deps: CardDeps,
  slug: string | null,
  language: string,
  before: CursorOf<typeof publishedCursor> | null,
): Promise<{ tag: Tag; page: FeedPage }> {
  const tag = slug ? await tagBySlug(deps.db, slug, language) : undefined;
  if (!tag) throw notFound('tag');
  return { tag, page: await feedPage(deps, { language, tagId: tag.id, before }) };
}
