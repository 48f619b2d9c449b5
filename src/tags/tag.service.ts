import type { Kysely } from 'kysely';
import type { Database, Tag } from '../db/database.js';
import type { EventBus } from '../events/events.js';
import { notFound } from '../http/errors.js';
import { slugify } from '../stories/slug.js';
import { insertTagIfAbsent, tagBySlug, updateTagRow } from './tag.repo.js';

/** What the tag service needs, passed in from the composition root. */
export interface TagDeps {
  db: Kysely<Database>;
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
