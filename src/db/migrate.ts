import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { DialectName } from './dialect.js';
import { migrations } from './migrations/index.js';

/** Runs every pending migration; throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(migrations)) out[name] = { up: (k) => m.up(k, dialect) };
      return out;
    },
  };
  // Each engineer numbers migrations in their own range, so a database may already hold 050 when 042
  // arrives: run it anyway instead of refusing the whole database as "corrupted".
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`);
}
