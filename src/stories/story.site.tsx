import type { Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { notFound } from '../http/errors.js';
import { slugParam } from '../http/query.js';
import { findPublishedStory } from './story.page-data.js';
import { respondWithStory } from './story.respond.js';
import { storyUrl } from './story.url.js';
import { editionOf } from '../editions/edition.js';

/** Reader routes for stories: the story page, and 301s from old slugs (a static page's go to its own address). */
export function storySiteRoutes(app: Hono, deps: AppDeps): void {
  app.get('/stories/:slug', async (c) => {
    const slug = slugParam(c);
    if (!slug) throw notFound('story');
    // The story with its bylines, tags and notes in one query; the page then needs only its images.
    const { found, moved } = await findPublishedStory(deps.db, slug);
    if (moved) return c.redirect(storyUrl(moved.slug, editionOf(c.get('editions'), moved.language), moved.kind), 301);
    if (!found) throw notFound('story');
    return respondWithStory(c, deps, found);
  });
}
