import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { importFile } from './import.service.js';
import { formatReport } from './import.report.js';

const NOW = Date.UTC(2026, 5, 1, 12);
const HOUR = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** WordPress writes `YYYY-MM-DD HH:MM:SS` (here the GMT fields). */
const wp = (ms: number) => iso(ms).slice(0, 19).replace('T', ' ');

const ghostPost = (
  slug: string,
  status: string,
  at: { published: number | null; updated: number; created: number },
) => ({
  id: `g-${slug}`,
  title: slug,
  slug,
  type: 'post',
  status,
  html: `<p>${slug}</p>`,
  published_at: at.published === null ? null : iso(at.published),
  updated_at: iso(at.updated),
  created_at: iso(at.created),
});

const GHOST = {
  db: [
    {
      meta: { exported_on: NOW, version: '5.80.0' },
      data: {
        posts: [
          // Updated "5 hours from now": the source's clock was wrong.
          ghostPost('updated-ahead', 'published', {
            published: NOW - 48 * HOUR,
            updated: NOW + 5 * HOUR,
            created: NOW - 50 * HOUR,
          }),
          // Published "in two days" without being scheduled.
          ghostPost('published-ahead', 'published', {
            published: NOW + 48 * HOUR,
            updated: NOW + 48 * HOUR,
            created: NOW + 47 * HOUR,
          }),
          // A schedule: its publish time is meant to lie ahead.
          ghostPost('scheduled-ahead', 'scheduled', {
            published: NOW + 72 * HOUR,
            updated: NOW - HOUR,
            created: NOW - 2 * HOUR,
          }),
          ghostPost('draft-ahead', 'draft', { published: null, updated: NOW + HOUR, created: NOW - HOUR }),
          ghostPost('all-past', 'published', {
            published: NOW - 10 * HOUR,
            updated: NOW - 9 * HOUR,
            created: NOW - 11 * HOUR,
          }),
        ],
      },
    },
  ],
};

const wxrItem = (id: number, slug: string, status: string, date: number, modified: number) => `
  <item>
    <title>${slug}</title>
    <link>https://wp.example.org/${slug}/</link>
    <dc:creator><![CDATA[ed]]></dc:creator>
    <content:encoded><![CDATA[<p>${slug}</p>]]></content:encoded>
    <wp:post_id>${id}</wp:post_id>
    <wp:post_date_gmt>${wp(date)}</wp:post_date_gmt>
    <wp:post_modified_gmt>${wp(modified)}</wp:post_modified_gmt>
    <wp:post_name>${slug}</wp:post_name>
    <wp:status>${status}</wp:status>
    <wp:post_type>post</wp:post_type>
  </item>`;

const WXR = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Clock skew</title>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login>ed</wp:author_login></wp:author>
  ${wxrItem(1, 'wp-modified-ahead', 'publish', NOW - 24 * HOUR, NOW + 3 * HOUR)}
  ${wxrItem(2, 'wp-dated-ahead', 'publish', NOW + 24 * HOUR, NOW + 24 * HOUR)}
  ${wxrItem(3, 'wp-future', 'future', NOW + 96 * HOUR, NOW - HOUR)}
</channel>
</rss>`;

for (const dialect of DIALECTS) {
  describe(`imported times in the future (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect, { clock: () => NOW });
    });
    after(() => t.close());

    const times = async (slug: string) => {
      const s = await t.deps.db
        .selectFrom('stories')
        .select(['status', 'published_at', 'updated_at', 'created_at'])
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      return [s.status, s.published_at, s.updated_at, s.created_at].map((v) =>
        typeof v === 'string' ? v : v === null ? null : Number(v),
      );
    };

    test('Ghost: a time ahead is kept only as a schedule; others are set to the import time and reported', async () => {
      const file = join(t.dir, 'ghost.json');
      writeFileSync(file, JSON.stringify(GHOST));
      const report = await importFile(t.deps, 'ghost', file);
      assert.equal(report.imported.post, 5);
      assert.deepEqual(await times('updated-ahead'), ['published', NOW - 48 * HOUR, NOW, NOW - 50 * HOUR]);
      assert.deepEqual(await times('published-ahead'), ['published', NOW, NOW, NOW]);
      assert.deepEqual(await times('scheduled-ahead'), ['scheduled', NOW + 72 * HOUR, NOW - HOUR, NOW - 2 * HOUR]);
      assert.deepEqual(await times('draft-ahead'), ['draft', null, NOW, NOW - HOUR]);
      assert.deepEqual(await times('all-past'), ['published', NOW - 10 * HOUR, NOW - 9 * HOUR, NOW - 11 * HOUR]);
      assert.deepEqual(report.adapted.post, {
        'updated time in the future, set to the import time': 3,
        'publish time in the future, set to the import time': 1,
        'created time in the future, set to the import time': 1,
      });
      assert.match(formatReport(report), /^ {2}post: 3 × updated time in the future, set to the import time$/m);
    });

    test('WordPress: a "future" post keeps its date; a published one dated or modified ahead does not', async () => {
      const file = join(t.dir, 'wp.xml');
      writeFileSync(file, WXR);
      const report = await importFile(t.deps, 'wordpress', file);
      assert.equal(report.imported.post, 3);
      assert.deepEqual(await times('wp-modified-ahead'), ['published', NOW - 24 * HOUR, NOW, NOW - 24 * HOUR]);
      assert.deepEqual(await times('wp-dated-ahead'), ['published', NOW, NOW, NOW]);
      assert.deepEqual(await times('wp-future'), ['scheduled', NOW + 96 * HOUR, NOW - HOUR, NOW]);
      assert.deepEqual(report.adapted.post, {
        'updated time in the future, set to the import time': 2,
        'publish time in the future, set to the import time': 1,
        // WordPress has no creation time: the post's date stands in, and for a schedule that lies ahead.
        'created time in the future, set to the import time': 2,
      });
    });
  });
}
