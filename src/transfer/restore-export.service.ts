import type { AppDeps } from '../app.deps.js';
import { analyzeAfterBulkLoad } from '../db/analyze.js';
import { AppError } from '../http/errors.js';
import { rebuildSearchIndex } from '../search/search-index.repo.js';
import { EXPORT_TABLES } from './export.registry.js';
import { EXPORT_FORMAT, EXPORT_VERSION, type Row } from './export.service.js';
import { countRows, insertRows, resetIdSequence, updateRow } from './export.repo.js';
import { badSource } from './import.errors.js';

/** Rows that are in the database, counted over the exported tables (0 means empty). */
export async function contentRows(deps: Pick<AppDeps, 'db'>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of EXPORT_TABLES) {
    const n = await countRows(deps.db, t.name);
    if (n > 0) out[t.name] = n;
  }
  return out;
}

/** Checks the outline of an export file and names the first thing wrong with it. */
function checkOutline(doc: unknown): asserts doc is { secrets: boolean; tables: Record<string, Row[]> } {
  const what = 'Broadsheet export';
  if (!doc || typeof doc !== 'object') throw badSource(what, 'the file does not hold a JSON object');
  const d = doc as Record<string, unknown>;
  if (d.format !== EXPORT_FORMAT)
    throw badSource(
      what,
      `"format" is ${JSON.stringify(d.format)}, expected "${EXPORT_FORMAT}" (is this a Ghost or WordPress file? use import ghost / import wordpress)`,
    );
  if (d.version !== EXPORT_VERSION)
    throw badSource(
      what,
      `version ${JSON.stringify(d.version)} is not supported (this Broadsheet reads version ${EXPORT_VERSION})`,
    );
  if (!d.tables || typeof d.tables !== 'object') throw badSource(what, '"tables" is missing');
  const known = new Set(EXPORT_TABLES.map((t) => t.name as string));
  for (const [name, rows] of Object.entries(d.tables as Record<string, unknown>)) {
    if (!known.has(name)) throw badSource(what, `table "${name}" is not known to this version of Broadsheet`);
    if (!Array.isArray(rows) || rows.some((r) => !r || typeof r !== 'object' || Array.isArray(r)))
      throw badSource(what, `tables.${name} must be a list of row objects`);
  }
}

/**
 * Restores a Broadsheet export into an EMPTY database, ids and all, in one transaction: afterwards an
 * export gives the same file back. Secret columns missing from the file get the registry's placeholder.
 */
export async function importNewsroom(
  deps: Pick<AppDeps, 'db' | 'database' | 'events'>,
  text: string,
): Promise<Record<string, number>> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw badSource('Broadsheet export', `the file is not valid JSON (${(e as Error).message}); it may be truncated`);
  }
  checkOutline(doc);
  const present = await contentRows(deps);
  if (Object.keys(present).length)
    throw new AppError(
      409,
      'not_empty',
      `The database is not empty (${Object.entries(present)
        .map(([t, n]) => `${n} ${t}`)
        .join(', ')}); restore a Broadsheet export into an empty database.`,
    );

  const counts: Record<string, number> = {};
  await deps.db.transaction().execute(async (tx) => {
    for (const t of EXPORT_TABLES) {
      const rows = (doc.tables[t.name] ?? []).map((r) => ({
        ...Object.fromEntries(Object.entries(t.secrets ?? {}).filter(([c]) => !(c in r))),
        ...r,
      }));
      if (!rows.length) continue;
      const deferred = rows.map((r) => Object.fromEntries((t.selfRefs ?? []).map((c) => [c, r[c]])));
      const first = rows.map((r) => ({ ...r, ...Object.fromEntries((t.selfRefs ?? []).map((c) => [c, null])) }));
      // Stay under every engine's bound-parameter limit (SQLite 32,766; PostgreSQL 65,535).
      const per = Math.max(1, Math.floor(30000 / Math.max(1, Object.keys(rows[0]!).length)));
      try {
        for (let i = 0; i < first.length; i += per) await insertRows(tx, t.name, first.slice(i, i + per));
        for (const [i, refs] of deferred.entries())
          if (Object.values(refs).some((v) => v !== null && v !== undefined))
            await updateRow(tx, t.name, t.key[0]!, rows[i]![t.key[0]!], refs);
      } catch (e) {
        throw badSource('Broadsheet export', `table ${t.name} could not be restored: ${(e as Error).message}`);
      }
      if (t.serial && deps.database.dialect === 'postgres') await resetIdSequence(tx, t.name);
      counts[t.name] = rows.length;
    }
    // The search index is derived, not exported: rebuild it from the restored stories.
    await rebuildSearchIndex(tx);
  });
  await analyzeAfterBulkLoad(deps);
  deps.events.publish({ type: 'site.replaced', id: 0, actor: 'import:broadsheet' });
  return counts;
}
