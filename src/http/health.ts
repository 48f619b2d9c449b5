import { sql } from 'kysely';
import type { RouteModule } from './route-module.js';

/** `/healthz`: 200 when the database answers, 503 when it does not. */
export const healthRoutes: RouteModule = (app, deps) => {
  app.get('/healthz', async (c) => {
    try {
      await sql`select 1`.execute(deps.db);
      return c.json({ status: 'ok', database: deps.database.dialect }, 200, { 'Cache-Control': 'no-store' });
    } catch {
      return c.json({ status: 'error', database: deps.database.dialect }, 503, { 'Cache-Control': 'no-store' });
    }
  });
};
