import { pingDatabase } from '../db/maintenance.repo.js';
import { RETRY_AFTER_SECONDS } from '../db/unavailable.js';
import type { ServiceState } from '../lib/health-checks.js';
import type { RouteModule } from './route-module.js';

/**
 * `/healthz`: what this process depends on and whether each answers now, e.g.
 * `{ status: 'ok', database: 'postgres', services: { database: 'up', redis: 'up' } }`. 503 when the database is
 * down (the process cannot serve what is not cached); 200 with status `degraded` when only another service is
 * (events between processes wait for Redis, pages do not). With HEALTH_DETAIL=1 (benchmarks) it adds the render
 * cache's figures (`renderCache`: entries, bytes, hits, misses, purges) and the process's `memory` in bytes.
 */
export const healthRoutes: RouteModule = (app, deps) => {
  app.get('/healthz', async (c) => {
    const [database, others] = await Promise.all([
      pingDatabase(deps.db).then(
        (): ServiceState => 'up',
        (): ServiceState => 'down',
      ),
      deps.health.run(),
    ]);
    const services = { database, ...others };
    const status = database === 'down' ? 'down' : Object.values(others).includes('down') ? 'degraded' : 'ok';
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
    if (database === 'down') headers['Retry-After'] = String(RETRY_AFTER_SECONDS);
    const body = { status, database: deps.database.dialect, services };
    const detail = deps.config.healthDetail
      ? { renderCache: deps.cache.stats(), memory: { ...process.memoryUsage() } }
      : {};
    return c.json({ ...body, ...detail }, database === 'down' ? 503 : 200, headers);
  });
};
