import type { Hono } from 'hono';
import { z } from 'zod';
import { stripControls } from '../search/search.query.js';
import type { AppDeps } from '../app.deps.js';
import { parseInput } from '../lib/parse-input.js';
import { relatedStories } from './story-headline.service.js';
import type { DeskGuard } from '../desk/desk-guard.js';

const SearchQuery = z.object({
  q: z.string().trim().max(200, 'Search for at most 200 characters.').optional(),
  ids: z
    .string()
    .regex(/^\d{1,12}(,\d{1,12}){0,49}$/, 'must be a comma-separated list of story ids')
    .optional(),
});

/**
 * GET /desk/api/stories/search?q=… — published stories whose headline contains q, for the editor's
 * related-story card; ?ids=1,2 returns those stories (published ones only) so the editor can label its cards.
 */
export function relatedSearchRoutes(guard: DeskGuard) {
  return (app: Hono, deps: AppDeps) => {
    app.get('/desk/api/stories/search', guard.user, async (c) => {
      const { q, ids } = parseInput(SearchQuery, { q: c.req.query('q'), ids: c.req.query('ids') }, 'parameter');
      // Control characters (NUL among them, which PostgreSQL text cannot hold) are no part of a headline.
      const query = ids ? { ids: ids.split(',').map(Number) } : { words: q ? stripControls(q) : '' };
      return c.json({ stories: await relatedStories(deps.db, query) });
    });
  };
}
