// `npx tsx bench/explain.ts` (with DATA_DIR or DATABASE_URL): prints the query plan and the time of every
// keyset listing query, at the head of each list and older than 90 % of its stories, on the configured engine.
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { openDb } from '../src/db/dialect.js';
import { type ListFilter, listPublished } from '../src/stories/story.repo.js';

async function main(): Promise<void> {
  const db = openDb(loadConfig().database, { poolSize: 1 });
  let captured: CompiledQuery | null = null;
  const dialect = db.sqlite ? new SqliteDialect({ database: db.sqlite }) : new PostgresDialect({ pool: db.pgPool! });
  // A second handle on the same connection that remembers the SQL each repository call sends.
  const k = new Kysely<Database>({
    dialect,
    log: (e) => {
      captured = e.query;
    },
  });
  const q = db.kysely;
  const published = Number(
    (
      await q
        .selectFrom('stories')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow()
    ).n,
  );
  const section = await q
    .selectFrom('stories')
    .select('section_id')
    .groupBy('section_id')
    .orderBy((eb) => eb.fn.countAll(), 'asc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const tag = await q
    .selectFrom('story_tags')
    .select('tag_id')
    .groupBy('tag_id')
    .orderBy((eb) => eb.fn.countAll(), 'asc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const author = await q
    .selectFrom('story_authors')
    .select('author_id')
    .groupBy('author_id')
    .orderBy((eb) => eb.fn.countAll(), 'asc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const lists: [string, Omit<ListFilter, 'limit' | 'before'>][] = [
    ['home', {}],
    [`smallest section (${section.section_id})`, { sectionIds: [section.section_id] }],
    [`rarest tag (${tag.tag_id})`, { tagId: tag.tag_id }],
    [`author with fewest stories (${author.author_id})`, { authorId: author.author_id }],
  ];
  process.stdout.write(`${db.dialect}: ${published.toLocaleString('en')} published stories\n`);
  for (const [name, filter] of lists) {
    const all = await listPublished(q, { ...filter, limit: 1_000_000 });
    const deep = all[Math.floor(all.length * 0.9)];
    for (const [where, before] of [
      ['head', null],
      ['90 % deep', deep ? { publishedAt: deep.published_at, id: deep.id } : null],
    ] as const) {
      await listPublished(k, { ...filter, before, limit: 21 });
      const query = captured!;
      const explain = db.sqlite ? `explain query plan ${query.sql}` : `explain ${query.sql}`;
      const plan = await q.executeQuery<Record<string, unknown>>(CompiledQuery.raw(explain, [...query.parameters]));
      const lines = plan.rows.map((r) => String(r.detail ?? r['QUERY PLAN']));
      const started = performance.now();
      for (let i = 0; i < 20; i++) await listPublished(q, { ...filter, before, limit: 21 });
      const ms = (performance.now() - started) / 20;
      process.stdout.write(
        `\n${name}, ${where} (of ${all.length.toLocaleString('en')}): ${ms.toFixed(2)} ms\n  ${lines.join('\n  ')}\n`,
      );
    }
  }
  await db.close();
}

main().catch((err) => {
  process.stderr.write(`explain failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
