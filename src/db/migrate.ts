import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { DialectName } from './dialect.js';
import { migrations } from './migrations/index.js';

/** Runs every pending migration; throws with the failing migration's name if one fails. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their day, not today's Database type (Kysely's own advice).
export async function migrateToLatest(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(migrations)) out[name] = { up: (k) => m.up(k, dialect) };
      return out;
    },
  };
  // Each engineer numbers migrations in their own range (010–019, 030–039, …) and branches merge in any
  // order, so a database may have run 050 before 031 arrives: run it then instead of refusing to start.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error)
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`);
}
