import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { DIALECTS, type TestEnv, createTestEnv } from '../../test/support/db.js';

const run = promisify(execFile);
const FIX = 'test/fixtures/import';

/**
 * Two server zones with a daylight-saving change between the fixtures' dates: New York moves on 10 March 2024,
 * Kyiv on 31 March. The fixtures' posts are dated 9 and 12 March and 2 April (Ghost, zone-less UTC), 20 March and
 * 10 April (WordPress, a site on Kyiv time, drafts dated only in it): a time read in the server's zone would move
 * by 5 or 4 hours (New York) and by 2 or 3 (Kyiv), differently on each side of a change.
 */
const ZONES = ['America/New_York', 'Europe/Kyiv'];

const at = (iso: string) => Date.parse(iso);
/** slug → [published, updated, created] as UTC instants. */
const GHOST: Record<string, [number | null, number, number]> = {
  'night-market-moves': [at('2024-03-09T12:00:00Z'), at('2024-03-09T13:15:00Z'), at('2024-03-08T09:00:00Z')],
  'ferry-timetable-clocks': [at('2024-03-12T12:00:00Z'), at('2024-03-12T12:00:00Z'), at('2024-03-11T16:45:00Z')],
  'lighthouse-open-day': [at('2024-04-02T12:00:00Z'), at('2024-04-02T15:30:00Z'), at('2024-04-01T08:00:00Z')],
  about: [at('2023-01-05T10:00:00Z'), at('2024-02-01T10:00:00Z'), at('2023-01-05T09:00:00Z')],
};
const WORDPRESS: Record<string, [number | null, number, number]> = {
  'harvest-begins-early': [at('2024-03-20T07:30:00Z'), at('2024-03-21T08:00:00Z'), at('2024-03-20T07:30:00Z')],
  'dry-spring': [at('2024-04-10T08:00:00Z'), at('2024-04-10T08:00:00Z'), at('2024-04-10T08:00:00Z')],
  // Drafts: WordPress gives only the site's local time (10:00 in Kyiv), UTC+2 before 31 March and UTC+3 after.
  'draft-grain-prices': [null, at('2024-03-22T08:00:00Z'), at('2024-03-22T08:00:00Z')],
  'draft-storm-season': [null, at('2024-04-08T07:00:00Z'), at('2024-04-08T07:00:00Z')],
};

describe('the server’s zone does not move imported times', () => {
  test('the zones really differ for the process (so a time read as local time would move)', async () => {
    const local = await Promise.all(
      ZONES.map(async (tz) => {
        const { stdout } = await run(
          process.execPath,
          [
            '-e',
            'process.stdout.write(String(new Date(2024, 2, 9, 12).getTime() - new Date(2024, 2, 12, 12).getTime()))',
          ],
          { env: { ...process.env, TZ: tz } },
        );
        return Number(stdout);
      }),
    );
    // New York loses an hour between the 9th and the 12th; Kyiv does not.
    assert.deepEqual(local, [-3 * 24 * 3600_000 + 3600_000, -3 * 24 * 3600_000]);
  });

  for (const dialect of DIALECTS)
    for (const tz of ZONES)
      describe(`imported with TZ=${tz} (${dialect})`, () => {
        let env: TestEnv;
        before(async () => {
          env = await createTestEnv(dialect);
        });
        after(() => env.close());

        const cli = (args: string[]) =>
          run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
            env: { ...process.env, TZ: tz, DATA_DIR: env.dir, DATABASE_URL: env.databaseUrl, SEED_DEMO: '0' },
          });
        const times = async (slugs: string[]) => {
          const rows = await env.deps.db
            .selectFrom('stories')
            .select(['slug', 'published_at', 'updated_at', 'created_at'])
            .where('slug', 'in', slugs)
            .execute();
          return Object.fromEntries(
            rows.map((r) => [
              r.slug,
              [r.published_at === null ? null : Number(r.published_at), Number(r.updated_at), Number(r.created_at)],
            ]),
          );
        };

        test('Ghost: zone-less times are UTC, on both sides of the change', async () => {
          const { stdout } = await cli(['import', 'ghost', `${FIX}/ghost-v6-site.json`]);
          assert.deepEqual(await times(Object.keys(GHOST)), GHOST);
          assert.match(stdout, /post: 3 × times written without a zone: read as UTC, as Ghost stores them/);
        });

        test('WordPress: GMT dates as they are; local-only ones in the site’s offset of that day', async () => {
          const { stdout } = await cli(['import', 'wordpress', `${FIX}/wordpress-seo.xml`]);
          assert.deepEqual(await times(Object.keys(WORDPRESS)), WORDPRESS);
          assert.match(stdout, /post: 1 × a date given only in the site’s own zone: read as UTC\+02:00/);
          assert.match(stdout, /post: 1 × a date given only in the site’s own zone: read as UTC\+03:00/);
        });
      });
});
