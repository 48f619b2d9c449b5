import { parseArgs } from 'node:util';
import { createDeps } from '../boot.js';
import { loadConfig } from '../config.js';
import { seedNewsroom } from '../seed/seed.demo.js';
import { hasStories } from '../stories/story.repo.js';

/** `npm run seed -- --stories 100000`: fills an empty database with generated stories and reports the rate. */
async function run(): Promise<void> {
  const { values } = parseArgs({
    options: { stories: { type: 'string', default: '300' }, images: { type: 'string', default: '16' } },
  });
  const stories = Number(values.stories);
  if (!Number.isInteger(stories) || stories < 1) throw new Error('--stories must be a positive whole number');
  const deps = await createDeps(loadConfig());
  // Bulk inserts into the slug index land all over it: a bigger page cache than a server needs keeps them fast.
  deps.database.sqlite?.pragma('cache_size = -128000');
  if (await hasStories(deps.db))
    throw new Error('The database already has stories; seed an empty one (set DATA_DIR or DATABASE_URL).');
  const result = await seedNewsroom(deps, {
    stories,
    images: Number(values.images),
    onProgress: (done, total) => process.stderr.write(`\rseeded ${done}/${total}`),
  });
  process.stderr.write('\n');
  const rate = Math.round(result.stories / (result.ms / 1000));
  const summary = {
    stories: result.stories,
    seconds: +(result.ms / 1000).toFixed(2),
    stories_per_second: rate,
    database: deps.database.dialect,
    max_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  await deps.database.close();
}

run().catch((err) => {
  process.stderr.write(`seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
