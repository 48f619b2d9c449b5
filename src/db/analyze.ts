import { analyzeTables } from './maintenance.repo.js';
import type { AppDeps } from '../app.deps.js';

/**
 * Refreshes the query planner's statistics after a bulk load (seed, import, restore). PostgreSQL plans from
 * statistics that autovacuum gathers only some time after a load; until then it guesses, and a byline page of
 * 100,000 stories took a hash of every row of the author instead of walking the feed index (32 ms instead of
 * 0.2 ms at 30,000 stories). SQLite plans these queries well without statistics (bench/explain.ts checks
 * them), and gathered statistics could only change plans that are known to be good, so it is left alone.
 */
export async function analyzeAfterBulkLoad(deps: Pick<AppDeps, 'db' | 'database'>): Promise<void> {
  if (deps.database.dialect === 'postgres') await analyzeTables(deps.db);
}
