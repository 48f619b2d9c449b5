import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';

/** Writes generated PNG images at the given relative paths under `dir` (a stand-in for a site's uploads folder). */
export async function writeMediaFolder(dir: string, paths: string[]): Promise<string> {
  for (const [i, rel] of paths.entries()) {
    const png = await sharp({
      create: { width: 1000, height: 640, channels: 3, background: { r: 30 + i * 40, g: 110, b: 160 } },
    })
      .png()
      .toBuffer();
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), png);
  }
  return dir;
}

/** Table sizes, to show that a failed import wrote nothing. */
export async function countRows(
  db: import('kysely').Kysely<import('../../src/db/database.js').Database>,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [
    'stories',
    'authors',
    'sections',
    'tags',
    'images',
    'story_authors',
    'story_tags',
    'import_map',
    'redirects',
    'pending_media',
  ] as const) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}
