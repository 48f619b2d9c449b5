import { sql } from 'kysely';
import type { Database, DbHandle } from '../db/database.js';

/** A table an export holds, by name (the registry lists them); rows are plain column → value objects. */
type TableName = keyof Database & string;
type Row = Record<string, unknown>;

/** How many rows a table holds. */
export async function countRows(db: DbHandle, table: TableName): Promise<number> {
  const r = await db
    .selectFrom(table as never)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number((r as { n: number }).n);
}

/** Every row of a table, every column (in no particular order). */
export async function allRows(db: DbHandle, table: TableName): Promise<Row[]> {
  return (await db
    .selectFrom(table as never)
    .selectAll()
    .execute()) as Row[];
}

/** Inserts rows as they are, ids included. */
export async function insertRows(db: DbHandle, table: TableName, rows: readonly Row[]): Promise<void> {
  await db
    .insertInto(table as never)
    .values(rows as never)
    .execute();
}

/** Sets some columns of the row whose `keyColumn` is `key` (references restored after every row exists). */
export async function updateRow(
  db: DbHandle,
  table: TableName,
  keyColumn: string,
  key: unknown,
  values: Row,
): Promise<void> {
  await db
    .updateTable(table as never)
    .set(values as never)
    .where(sql.ref(keyColumn), '=', key)
    .execute();
}

/** PostgreSQL: moves a table's id sequence past the highest id, so rows inserted with their ids do not collide with new ones. */
export async function resetIdSequence(db: DbHandle, table: TableName): Promise<void> {
  await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
    db,
  );
}
