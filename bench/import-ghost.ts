import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDeps } from '../src/boot.js';
import { loadConfig } from '../src/config.js';
import { importFile } from '../src/transfer/import.service.js';
import { progressBar } from '../src/lib/progress.js';
import { ghostExport } from '../test/support/ghost-export.gen.js';

/**
 * `npx tsx bench/import-ghost.ts --posts 50000`: writes a synthetic Ghost export and imports it into the
 * database the environment names (DATA_DIR / DATABASE_URL; use an empty one), printing stories/s.
 */
const { values } = parseArgs({ options: { posts: { type: 'string', default: '50000' } } });
const posts = Number(values.posts);
const file = join(tmpdir(), `ghost-bench-${posts}.json`);
writeFileSync(file, ghostExport(posts));
const deps = await createDeps(loadConfig(), { log: () => {} });
const report = await importFile(deps, 'ghost', file, { onProgress: progressBar(process.stderr, 'Importing') });
const stories = (report.imported.post ?? 0) + (report.imported.page ?? 0);
const summary = {
  database: deps.database.dialect,
  stories,
  seconds: +(report.ms / 1000).toFixed(1),
  stories_per_second: Math.round(stories / (report.ms / 1000)),
  pending_media: report.pendingMedia,
  redirects: report.redirects,
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
await deps.database.close();
