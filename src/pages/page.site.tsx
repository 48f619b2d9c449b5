import type { Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { slugParam } from '../http/query.js';
import { findPublishedStory } from '../stories/story.page-data.js';
import { respondWithStory } from '../stories/story.respond.js';

/**
 * Static pages at the top level: `/about`, `/uk/about`. Registered after every other reader route (just before
 * the imported sites' old URLs), so it answers only paths no route took; a path that names no page (checked
 * in memory, the lookups' pages) goes on to those redirects without a query. A page found at another
 * edition's prefix, or a story's slug asked for here, moves to its own address (respondWithStory).
 */
export function pageSiteRoutes(app: Hono, deps: AppDeps): void {
  app.get('/:slug', async (c, next) => {
    const slug = slugParam(c);
    const known = slug && (await deps.lookups.pages()).some((p) => p.slug === slug && p.status === 'published');
    if (!known) return next();
    const { found } = await findPublishedStory(deps.db, slug);
    if (found?.story.kind !== 'page') return next();
    return respondWithStory(c, deps, found);
  });
}
