import type { AppDeps } from '../app.deps.js';
import { analyzeAfterBulkLoad } from '../db/analyze.js';
import { hasAuthors, insertAuthor } from '../authors/author.repo.js';
import type { NewStory } from '../db/database.js';
import { embeddedStoryIds } from '../document/document.schema.js';
import { processImage } from '../media/image.pipeline.js';
import { insertImage } from '../media/image.repo.js';
import { insertSection } from '../sections/section.repo.js';
import { putSetting } from '../settings/settings.repo.js';
import { slugify } from '../stories/slug.js';
import { deriveFromBody } from '../stories/story.service.js';
import { syncStorySearch } from '../search/search-index.repo.js';
import { hasStories, insertStoryLinkRows, insertStoryRows } from '../stories/story.repo.js';
import { insertTag, tagUrl } from '../tags/tag.repo.js';
import { createRandom } from './random.js';
import { generateAvatar, generateLandscape } from './seed.images.js';
import { DEMO_AUTHORS, DEMO_SECTIONS, DEMO_TAGS, body, dek, headline } from './seed.text.js';

export interface SeedOptions {
  stories: number;
  /** Number of distinct generated hero images the stories share. */
  images?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  stories: number;
  ms: number;
}

const BATCH = 500;

/**
 * When a story published at `publishedAt` was updated: `gap` later, or, for a story too recent for that,
 * half-way between publishing and now. No generated time lies in the future.
 */
const updateTime = (publishedAt: number, gap: number, now: number) =>
  publishedAt + gap <= now ? publishedAt + gap : publishedAt + Math.floor((now - publishedAt) / 2);

/**
 * Fills an empty database with a demo newsroom: authors with avatars, nested sections, tags and
 * `stories` stories (images, quotes, related-story embeds, co-authors), newest a few minutes old.
 * Bulk inserts in transactions, so a hundred thousand stories take seconds, not minutes.
 */
export async function seedNewsroom(
  deps: Pick<AppDeps, 'db' | 'database' | 'media' | 'clock' | 'events'>,
  opts: SeedOptions,
): Promise<SeedResult> {
  const started = performance.now();
  const r = createRandom(opts.seed ?? 2026);
  const now = deps.clock();
  const { db } = deps;

  await putSetting(db, 'site.name', 'The Broadsheet Dispatch');
  await putSetting(
    db,
    'site.description',
    'Independent, reader-funded news as it happens — a Broadsheet demo newsroom.',
  );
  await putSetting(db, 'site.language', 'en');

  const imageCount = opts.images ?? 16;
  const heroImages: number[] = [];
  for (let i = 0; i < imageCount; i += 2) {
    const batch = await Promise.all(
      [i, i + 1]
        .filter((k) => k < imageCount)
        .map(async (k) => {
          const processed = await processImage(deps.media, await generateLandscape(r));
          const place = r.pick([
            'the river district',
            'the old town',
            'the eastern suburbs',
            'the harbour',
            'the ring road',
          ]);
          return insertImage(
            db,
            processed,
            {
              alt: `Generated illustration of ${place} at dusk`,
              caption: `A view over ${place}.`,
              credit: `Illustration ${k + 1} / Broadsheet demo`,
            },
            now,
          );
        }),
    );
    heroImages.push(...batch.map((b) => b.id));
  }

  const authorIds: number[] = [];
  for (const a of DEMO_AUTHORS) {
    const avatar = await insertImage(
      db,
      await processImage(deps.media, await generateAvatar(r, a.name)),
      { alt: a.name },
      now,
    );
    const row = await insertAuthor(db, {
      slug: slugify(a.name),
      name: a.name,
      role_title: a.role,
      bio: `${a.bio}\n\nTips and corrections are welcome through the newsroom's contact page.`,
      short_bio: a.bio.split(/(?<=\.)\s/)[0] ?? a.bio,
      avatar_image_id: avatar.id,
      links: JSON.stringify([{ label: 'Contact the newsroom', url: 'mailto:newsroom@example.org' }]),
      user_id: null,
      created_at: now,
      updated_at: now,
    });
    authorIds.push(row.id);
  }

  const sectionIds = new Map<string, number>();
  for (const [i, s] of DEMO_SECTIONS.entries()) {
    const { id } = await insertSection(db, {
      slug: slugify(s.name),
      name: s.name,
      description: s.description,
      parent_id: s.parent ? (sectionIds.get(s.parent) ?? null) : null,
      position: i,
    });
    sectionIds.set(s.name, id);
  }
  const sections = [...sectionIds.values()];

  const tags: { id: number; slug: string }[] = [];
  for (const name of DEMO_TAGS) {
    const slug = slugify(name);
    tags.push({ id: await insertTag(db, { slug, name }), slug });
  }

  // Oldest first, so ids grow with time and a story can embed one published before it.
  const step = opts.stories <= 2000 ? 37 * 60_000 : Math.max(60_000, Math.floor((400 * 24 * 3600_000) / opts.stories));
  const usedSlugs = new Map<string, number>();
  const published: number[] = [];
  let done = 0;
  while (done < opts.stories) {
    // A small first batch, so later stories have earlier ones to embed as related-story cards.
    const count = Math.min(done === 0 ? 10 : BATCH, opts.stories - done);
    const rows: NewStory[] = [];
    const meta: { authors: number[]; tags: number[] }[] = [];
    for (let k = 0; k < count; k++) {
      const index = done + k;
      const h = headline(r);
      const base = slugify(h.text);
      const n = (usedSlugs.get(base) ?? 0) + 1;
      usedSlugs.set(base, n);
      const storyTags = r.sample(tags, r.int(1, 3));
      const embedId =
        published.length > 3 && r.chance(0.5)
          ? published[published.length - 1 - r.int(0, Math.min(30, published.length - 1))]
          : undefined;
      const doc = body(r, {
        place: h.place,
        actors: h.actors,
        imageIds: heroImages,
        embedId,
        tagLink: tagUrl(storyTags[0]!.slug),
      });
      const derived = deriveFromBody(doc);
      const isDraft = r.chance(0.015);
      // The newest story is minutes old, the oldest `stories × step` ago.
      const publishedAt =
        now - (opts.stories - 1 - index) * step - r.int(2, Math.max(3, Math.floor(step / 3 / 60_000))) * 60_000;
      const hero = r.chance(0.9) ? r.pick(heroImages) : null;
      rows.push({
        slug: n === 1 ? base : `${base}-${n}`,
        headline: h.text,
        dek: dek(r, h.place),
        excerpt: derived.excerpt,
        body: JSON.stringify(doc),
        hero_image_id: hero,
        hero_caption: hero ? `The scene in ${h.place} this week.` : '',
        hero_credit: hero ? 'Broadsheet demo image' : '',
        hero_alt: hero ? `Generated illustration standing in for a photograph of ${h.place}` : '',
        section_id: r.pick(sections),
        status: isDraft ? 'draft' : 'published',
        kind: 'story',
        word_count: derived.wordCount,
        reading_minutes: derived.readingMinutes,
        published_at: isDraft ? null : publishedAt,
        updated_at: isDraft
          ? now
          : r.chance(0.15)
            ? updateTime(publishedAt, r.int(10, 240) * 60_000, now)
            : publishedAt,
        created_at: publishedAt - 3600_000,
      });
      const authors = r.chance(0.2) ? r.sample(authorIds, 2) : [r.pick(authorIds)];
      meta.push({ authors, tags: storyTags.map((t) => t.id) });
    }
    await db.transaction().execute(async (tx) => {
      const ids = await insertStoryRows(tx, rows);
      await insertStoryLinkRows(tx, {
        authors: ids.flatMap((id, i) =>
          meta[i]!.authors.map((author_id, position) => ({ story_id: id, author_id, position })),
        ),
        tags: ids.flatMap((id, i) => meta[i]!.tags.map((tag_id) => ({ story_id: id, tag_id }))),
        embeds: ids.flatMap((id, i) =>
          embeddedStoryIds(JSON.parse(rows[i]!.body)).map((embedded_story_id) => ({ story_id: id, embedded_story_id })),
        ),
      });
      await syncStorySearch(
        tx,
        ids.map((id, i) => ({
          id,
          headline: rows[i]!.headline,
          dek: rows[i]!.dek ?? '',
          body: rows[i]!.body,
          status: rows[i]!.status ?? 'draft',
          // The column's own default when the row leaves it out.
          language: rows[i]!.language ?? 'en',
        })),
      );
      ids.forEach((id, i) => {
        if (rows[i]!.status === 'published') published.push(id);
      });
    });
    done += count;
    opts.onProgress?.(done, opts.stories);
  }
  await analyzeAfterBulkLoad(deps);
  // Sections, tags and stories appeared at once: like an import, one event tells lookups and caches (not one per row).
  deps.events.publish({ type: 'site.replaced', id: 0, actor: 'seed' });
  return { stories: opts.stories, ms: performance.now() - started };
}

/** Seeds the demo newsroom on first start, when the database holds no stories yet. */
export async function seedIfEmpty(
  deps: Pick<AppDeps, 'db' | 'database' | 'media' | 'clock' | 'log' | 'events'>,
  stories = 300,
): Promise<boolean> {
  if (await hasStories(deps.db)) return false;
  if (await hasAuthors(deps.db)) return false;
  deps.log({ msg: 'seeding the demo newsroom', stories });
  const result = await seedNewsroom(deps, { stories });
  deps.log({ msg: 'demo newsroom ready', stories: result.stories, ms: Math.round(result.ms) });
  return true;
}
