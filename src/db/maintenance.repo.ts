import { sql } from 'kysely';
import type { DbHandle } from './database.js';

/** A round trip to the database (health checks): throws when it does not answer. */
export async function pingDatabase(db: DbHandle): Promise<void> {
  await sql`select 1`.execute(db);
}

/** PostgreSQL's `analyze`: gathers the planner's statistics of every table (see analyzeAfterBulkLoad). */
export async function analyzeTables(db: DbHandle): Promise<void> {
  await sql`analyze`.execute(db);
}
