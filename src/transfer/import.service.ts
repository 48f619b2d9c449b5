import { readFile } from 'node:fs/promises';
import type { AppDeps } from '../app.deps.js';
import { parseGhostExport } from './ghost.parse.js';
import { badSource } from './import.errors.js';
import { type ImportOptions, writeSite } from './import.write.js';
import type { ImportReport, SourceSite } from './source.model.js';
import { parseWxr } from './wxr.parse.js';

const PARSERS: Record<'ghost' | 'wordpress', (text: string) => SourceSite> = {
  ghost: parseGhostExport,
  wordpress: parseWxr,
};

/** Reads an export file of another platform and imports it (see writeSite for the guarantees). */
export async function importFile(
  deps: Pick<AppDeps, 'db' | 'database' | 'media' | 'clock' | 'events'>,
  kind: 'ghost' | 'wordpress',
  file: string,
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw badSource(file, e.code === 'ENOENT' ? 'no such file' : e.message);
  });
  if (!text.trim()) throw badSource(file, 'the file is empty');
  return writeSite(deps, PARSERS[kind](text), opts);
}
