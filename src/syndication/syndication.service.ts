import type { AppDeps } from '../app.deps.js';
import { authorUrl } from '../authors/author.present.js';
import { authorBySlug } from '../authors/author.repo.js';
import { cacheKeys } from '../cache/cache.keys.js';
import { editionOf } from '../editions/edition.js';
import { notFound } from '../http/errors.js';
import { descendantIds } from '../sections/section.tree.js';
import { sectionUrl } from '../sections/section.url.js';
import { storyById } from '../stories/story.repo.js';
import { storyUrl } from '../stories/story.url.js';
import { tagBySlug } from '../tags/tag.repo.js';
import { tagUrl } from '../tags/tag.url.js';
import type { FeedScope } from './syndication.load.js';

/** What a feed can be about: the whole site, or one section, author or tag (named by its slug). */
export type FeedScopeKind = 'site' | 'section' | 'author' | 'tag';

type ScopeDeps = Pick<AppDeps, 'db' | 'lookups'>;

type ScopeOf = (deps: ScopeDeps, slug: string | null | undefined, language: string) => Promise<FeedScope>;

// Each scope's name and description in the feed's language: the section's, tag's or author's words written for it,
// the base row's otherwise (as the pages show them).
const SCOPES: Record<FeedScopeKind, ScopeOf> = {
  site: async () => ({ filter: {}, list: cacheKeys.home, name: null, description: null, path: '' }),

  section: async (deps, slug, language) => {
    const all = await deps.lookups.sections(language);
    const section = all.find((s) => s.slug === slug);
    if (!section) throw notFound('section');
    // Like the section page: the section's own stories and those of every section under it.
    return {
      filter: { sectionIds: descendantIds(all, section.id) },
      list: cacheKeys.section(section.id),
      name: section.name,
      description: section.description || null,
      path: sectionUrl(section.slug),
    };
  },

  author: async (deps, slug, language) => {
    const author = slug ? await authorBySlug(deps.db, slug, language) : undefined;
    if (!author) throw notFound('author');
    return {
      filter: { authorId: author.id },
      list: cacheKeys.author(author.id),
      keys: [cacheKeys.authorProfile(author.id)],
      name: author.name,
      description: author.short_bio || null,
      path: authorUrl(author.slug),
    };
  },

  tag: async (deps, slug, language) => {
    const tag = slug ? await tagBySlug(deps.db, slug, language) : undefined;
    if (!tag) throw notFound('tag');
    return {
      filter: { tagId: tag.id },
      list: cacheKeys.tag(tag.id),
      keys: [cacheKeys.tagName(tag.id)],
      name: tag.name,
      description: null,
      path: tagUrl(tag.slug),
    };
  },
};

/**
 * The scope of a feed (its list filter, cache keys, title and page), named in one language (an edition's code);
 * 404 when its section, author or tag is not there.
 */
export function feedScope(
  deps: ScopeDeps,
  kind: FeedScopeKind,
  slug: string | null | undefined,
  language: string,
): Promise<FeedScope> {
  return SCOPES[kind](deps, slug, language);
}

/** The current address of a published story, in its edition, from its permanent id; 404 for any other. */
export async function publishedStoryPath(deps: ScopeDeps, id: number): Promise<string> {
  const story = await storyById(deps.db, id);
  if (story?.status !== 'published') throw notFound('story');
  const { editions } = await deps.lookups.settings();
  return storyUrl(story.slug, editionOf(editions, story.language));
}
