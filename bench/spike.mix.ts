// The breaking-news URL mix of `npm run bench:spike`: drawn from a seeded random source over the newsroom's own
// stories, sections and words, so two runs with the same seed ask for the same pages in the same order.
import { loadConfig } from '../src/config.js';
import { openDb } from '../src/db/dialect.js';
import { createRandom } from '../src/seed/random.js';
import { publishedCursor } from '../src/stories/story.cursor.js';
import type { MixPath } from './load.js';

/** The page types of the mix and their share of requests (they add up to 1). */
export const MIX_SHARES = {
  story: 0.55,
  home: 0.12,
  section: 0.08,
  showmore: 0.06,
  feed: 0.04,
  api: 0.08,
  search: 0.07,
} as const;

export type MixKind = keyof typeof MIX_SHARES;

interface Corpus {
  /** Published English stories, newest first. */
  stories: { id: number; slug: string; publishedAt: number }[];
  sections: string[];
  /** Every headline word in order (frequency-weighted draws) and each distinct word once (rare-weighted draws). */
  tokens: string[];
  words: string[];
}

/** Reads what the mix draws from out of the database itself. */
async function readCorpus(env: NodeJS.ProcessEnv): Promise<Corpus> {
  const db = openDb(loadConfig(env).database, { poolSize: 1 });
  try {
    const q = db.kysely;
    const rows = await q
      .selectFrom('stories')
      .select(['id', 'slug', 'published_at', 'headline'])
      .where('status', '=', 'published')
      .where('language', '=', 'en')
      .where('kind', '=', 'story')
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const sections = (await q.selectFrom('sections').select('slug').execute()).map((r) => r.slug);
    const tokens: string[] = [];
    for (const r of rows.slice(0, 20_000))
      for (const w of r.headline.toLowerCase().split(/[^a-z]+/)) if (w.length >= 3) tokens.push(w);
    return {
      stories: rows.map((r) => ({ id: r.id, slug: r.slug, publishedAt: Number(r.published_at) })),
      sections,
      tokens,
      words: [...new Set(tokens)],
    };
  } finally {
    await db.close();
  }
}

/**
 * `length` requests of the mix. Story popularity is Zipf-like (rank r drawn log-uniformly, so P(r) ∝ 1/(r+1)): about
 * half of the story reads go to the newest 300 stories and the oldest still get some. Show More is at a random depth;
 * search asks 1–3 words, half drawn by frequency (common) and half from the distinct words (mostly rare).
 */
export async function spikeMix(env: NodeJS.ProcessEnv, length: number, seed: number): Promise<MixPath[]> {
  const c = await readCorpus(env);
  if (c.stories.length === 0) throw new Error('the database has no published stories to read');
  const r = createRandom(seed);
  const n = c.stories.length;
  const popular = () => c.stories[Math.min(n - 1, Math.floor(Math.exp(r.next() * Math.log(n + 1))) - 1)]!;
  const word = () => (r.chance(0.5) ? r.pick(c.tokens) : r.pick(c.words));
  const kinds = Object.entries(MIX_SHARES) as [MixKind, number][];
  const draw = (): MixKind => {
    let u = r.next();
    for (const [k, share] of kinds) {
      u -= share;
      if (u < 0) return k;
    }
    return 'story';
  };
  const path: Record<MixKind, () => string> = {
    story: () => `/stories/${popular().slug}`,
    home: () => '/',
    section: () => `/sections/${r.pick(c.sections)}`,
    showmore: () => {
      const s = c.stories[r.int(20, n - 1)]!;
      return `/?before=${publishedCursor.encode({ publishedAt: s.publishedAt, id: s.id })}`;
    },
    feed: () => r.pick(['/feed.xml', '/feed.atom', '/feed.json', `/sections/${r.pick(c.sections)}/feed.xml`]),
    api: () =>
      r.chance(0.5)
        ? `/api/v1/stories/${popular().slug}`
        : r.pick(['/api/v1/stories', '/api/v1/stories?limit=10', `/api/v1/stories?section=${r.pick(c.sections)}`]),
    search: () => `/search?q=${Array.from({ length: r.int(1, 3) }, word).join('+')}`,
  };
  return Array.from({ length }, () => {
    const kind = draw();
    return { kind, path: path[kind]() };
  });
}
