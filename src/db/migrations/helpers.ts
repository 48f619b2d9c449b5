import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import type { DialectName } from '../dialect.js';

/** A migration that may differ slightly per dialect (auto-increment ids, full-text search). */
export interface DialectMigration {
  // biome-ignore lint/suspicious/noExplicitAny: a frozen migration sees the schema of its day, not today's Database type.
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/** Adds an auto-incrementing integer primary key named `id`, spelled the way each engine wants it. */
export function withId<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: DialectName,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Epoch-millisecond time column: bigint on PostgreSQL, integer (64-bit) on SQLite. */
export const TIME = 'bigint' as const;
export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
