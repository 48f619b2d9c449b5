import type { Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { oldUrlTarget } from './redirect.service.js';

/**
 * Old URLs of an imported site (/my-post/, /tag/x/, /category/a/b/, /2023/01/05/slug/) answer with a 301.
 * Registered LAST in createApp: it only runs for paths no other route answered, so normal pages never pay for it.
 */
export function redirectRoutes(app: Hono, deps: AppDeps): void {
  app.get('*', async (c) => {
    // No imported address holds a NUL (PostgreSQL cannot even compare one): nothing to look up.
    if (c.req.path.includes('\u0000')) return c.notFound();
    const to = await oldUrlTarget(deps.db, c.req.path);
    return to ? c.redirect(to, 301) : c.notFound();
  });
}
