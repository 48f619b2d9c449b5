import type { AppDeps } from '../app.deps.js';
import { EXPORT_TABLES, type ExportedTable } from './export.registry.js';
import { allRows } from './export.repo.js';

/** The identifier and version of the export format (docs/export.schema.json describes it). */
export const EXPORT_FORMAT = 'broadsheet-export';
export const EXPORT_VERSION = 1;

export type Row = Record<string, unknown>;

/** A whole newsroom as one document: every registered table, and the media files its images use. */
export interface NewsroomExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** True when secret columns (password hashes) are included. */
  secrets: boolean;
  tables: Record<string, Row[]>;
  /** Every media file the images refer to: key in the media store and its size (null when missing). */
  media: { key: string; bytes: number | null }[];
}

/** Keys sorted, so a row reads the same whichever engine (and column order) it came from. */
const sortKeys = (row: Row): Row =>
  Object.fromEntries(
    Object.keys(row)
      .sort()
      .map((k) => [k, row[k]]),
  );

/** Orders by the key columns in code-unit order: the engines' text collations differ, the file must not. */
function byKey(key: string[]) {
  return (a: Row, b: Row): number => {
    for (const k of key) {
      const x = a[k] as string | number;
      const y = b[k] as string | number;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

async function readTable(deps: Pick<AppDeps, 'db'>, t: ExportedTable, withSecrets: boolean): Promise<Row[]> {
  const rows = await allRows(deps.db, t.name);
  return rows.sort(byKey(t.key)).map((r) => {
    const out = { ...r };
    if (!withSecrets) for (const col of Object.keys(t.secrets ?? {})) delete out[col];
    return sortKeys(out);
  });
}

/** Every media key an image row refers to: the original, its variants and crops. */
function mediaKeys(images: Row[]): string[] {
  const keys = new Set<string>();
  for (const img of images) {
    if (typeof img.storage_key === 'string') keys.add(img.storage_key);
    for (const col of ['variants', 'crops']) {
      try {
        for (const v of JSON.parse(String(img[col] ?? '[]')) as { key?: unknown }[])
          if (typeof v?.key === 'string') keys.add(v.key);
      } catch {
        // A malformed JSON column lists no files; the rows themselves are still exported as they are.
      }
    }
  }
  return [...keys].sort();
}

/**
 * Reads the whole newsroom in one read transaction (a consistent picture while the site keeps serving).
 * Password hashes are left out unless `withSecrets`.
 */
export async function exportNewsroom(
  deps: Pick<AppDeps, 'db' | 'media'>,
  opts: { withSecrets?: boolean } = {},
): Promise<NewsroomExport> {
  const withSecrets = opts.withSecrets ?? false;
  // Repeatable read: on PostgreSQL every table is read from the same snapshot (SQLite's transaction already is one).
  const tables = await deps.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const out: Record<string, Row[]> = {};
      for (const t of EXPORT_TABLES) out[t.name] = await readTable({ db: tx }, t, withSecrets);
      return out;
    });
  const media = await Promise.all(
    mediaKeys(tables.images ?? []).map(async (key) => {
      const file = await deps.media.get(key);
      // Only the size is wanted: close the stream at once (and ignore its late open error, if any).
      file?.stream.on('error', () => {}).destroy();
      return { key, bytes: file ? file.size : null };
    }),
  );
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, secrets: withSecrets, tables, media };
}

/** The export as the text of the file (stable: the same newsroom always gives the same bytes). */
export const exportText = (doc: NewsroomExport): string => `${JSON.stringify(doc, null, 1)}\n`;
