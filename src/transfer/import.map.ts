import type { Insertable } from 'kysely';
import type { ImportMapTable, RedirectTable, DbHandle } from '../db/database.js';
import type { ImportReport } from './source.model.js';

export type ImportMap = Record<'story' | 'author' | 'section' | 'tag' | 'image', Map<string, number>>;

/** What a source has already become here, per kind: source id → our id. */
export async function loadImportMap(db: DbHandle, source: string): Promise<ImportMap> {
  const out: ImportMap = { story: new Map(), author: new Map(), section: new Map(), tag: new Map(), image: new Map() };
  const rows = await db.selectFrom('import_map').select(['kind', 'source_id', 'target_id']).where('source', '=', source).execute();
  for (const r of rows) out[r.kind as keyof ImportMap]?.set(r.source_id, r.target_id);
  return out;
}

/** Inserts mapping and redirect rows in chunks; an old path that already redirects somewhere keeps its target. */
export async function insertImports(db: DbHandle, maps: Insertable<ImportMapTable>[], redirects: Insertable<RedirectTable>[], report: ImportReport): Promise<void> {
  for (let i = 0; i < maps.length; i += 1000) await db.insertInto('import_map').values(maps.slice(i, i + 1000)).onConflict((oc) => oc.doNothing()).execute();
  for (let i = 0; i < redirects.length; i += 1000) {
    const chunk = redirects.slice(i, i + 1000);
    const res = await db.insertInto('redirects').values(chunk).onConflict((oc) => oc.column('path').doNothing()).executeTakeFirst();
    report.redirects += Number(res.numInsertedOrUpdatedRows ?? chunk.length);
  }
}

/** The wanted slug if free in `taken`, else with -2, -3, … appended; the result is added to `taken`. */
export function uniqueIn(taken: Set<string>, wanted: string): string {
  let slug = wanted;
  for (let n = 2; taken.has(slug); n++) slug = `${wanted}-${n}`;
  taken.add(slug);
  return slug;
}
