import { type Insertable, type Selectable, sql } from 'kysely';
import type { DbHandle, ImportMapTable, PendingMediaTable, RedirectTable } from '../db/database.js';
import type { ImportReport } from './source.model.js';

/** Per kind of record (a story import's kinds, and the readers a members import made or matched). */
export type ImportMap = Record<'story' | 'author' | 'section' | 'tag' | 'image' | 'reader', Map<string, number>>;

/** What a source has already become here, per kind: source id → our id. */
export async function loadImportMap(db: DbHandle, source: string): Promise<ImportMap> {
  const out: ImportMap = {
    story: new Map(),
    author: new Map(),
    section: new Map(),
    tag: new Map(),
    image: new Map(),
    reader: new Map(),
  };
  const rows = await db
    .selectFrom('import_map')
    .select(['kind', 'source_id', 'target_id'])
    .where('source', '=', source)
    .execute();
  for (const r of rows) out[r.kind as keyof ImportMap]?.set(r.source_id, r.target_id);
  return out;
}

/** Inserts mapping and redirect rows in chunks; an old path that already redirects somewhere keeps its target. */
export async function insertImports(
  db: DbHandle,
  maps: Insertable<ImportMapTable>[],
  redirects: Insertable<RedirectTable>[],
  report: ImportReport,
): Promise<void> {
  for (let i = 0; i < maps.length; i += 1000)
    await db
      .insertInto('import_map')
      .values(maps.slice(i, i + 1000))
      .onConflict((oc) => oc.doNothing())
      .execute();
  for (let i = 0; i < redirects.length; i += 1000) {
    const chunk = redirects.slice(i, i + 1000);
    const res = await db
      .insertInto('redirects')
      .values(chunk)
      .onConflict((oc) => oc.column('path').doNothing())
      .executeTakeFirst();
    report.redirects += Number(res.numInsertedOrUpdatedRows ?? chunk.length);
  }
}

/** Keeps images an import could not place yet (their files were not at hand), in chunks. */
export async function insertPendingMedia(db: DbHandle, rows: Insertable<PendingMediaTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('pending_media')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** Every image imports left pending, oldest first. */
export async function listPendingMedia(db: DbHandle): Promise<Selectable<PendingMediaTable>[]> {
  return db.selectFrom('pending_media').selectAll().orderBy('id').execute();
}

/** Forgets pending images once they are placed. */
export async function deletePendingMedia(db: DbHandle, ids: readonly number[]): Promise<void> {
  if (ids.length)
    await db
      .deleteFrom('pending_media')
      .where('id', 'in', [...ids])
      .execute();
}

/** A story body rewritten after import, with what derives from it. */
export interface RewrittenBody {
  id: number;
  body: string;
  wordCount: number;
  readingMinutes: number;
  excerpt: string;
}

/** Rewrites many stories' bodies (and derived fields) in one UPDATE, however many there are. */
export async function rewriteStoryBodies(db: DbHandle, rows: readonly RewrittenBody[]): Promise<void> {
  if (!rows.length) return;
  // CASE id WHEN … keeps it one statement per chunk on both engines (no per-row round trips).
  // PostgreSQL types untyped parameters as text, so each value is cast to its column's type.
  const byId = <T>(pick: (r: RewrittenBody) => T, type: 'text' | 'integer' = 'text') => {
    let c = sql`case id`;
    for (const r of rows) c = sql`${c} when ${r.id} then cast(${pick(r)} as ${sql.raw(type)})`;
    return sql`${c} end`;
  };
  await db
    .updateTable('stories')
    .set({
      body: byId((r) => r.body) as never,
      word_count: byId((r) => r.wordCount, 'integer') as never,
      reading_minutes: byId((r) => r.readingMinutes, 'integer') as never,
      excerpt: byId((r) => r.excerpt) as never,
    })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
}
