import type { AppDeps } from '../app.deps.js';
import { analyzeAfterBulkLoad } from '../db/analyze.js';
import { hasAuthors, insertAuthor } from '../authors/author.repo.js';
import type { NewStory } from '../db/database.js';
import { embeddedStoryIds } from '../document/document.schema.js';
import { type Edition, editionPath } from '../editions/edition.js';
import { processImage } from '../media/image.pipeline.js';
import { insertImage } from '../media/image.repo.js';
import { insertSection } from '../sections/section.repo.js';
import { putSetting } from '../settings/settings.repo.js';
import { slugify } from '../stories/slug.js';
import { deriveFromBody } from '../stories/story.service.js';
import { syncStorySearch } from '../search/search-index.repo.js';
import { hasStories, insertStoryLinkRows, insertStoryRows } from '../stories/story.repo.js';
import { linkTranslations } from '../stories/story-translation.repo.js';
import { insertTag } from '../tags/tag.repo.js';
import { tagUrl } from '../tags/tag.url.js';
import { createRandom } from './random.js';
import { generateAvatar, generateLandscape } from './seed.images.js';
import { insertNameTranslations } from './seed.repo.js';
import { seedDemoTiers } from './seed.tiers.js';
import { seedDemoReaders } from './seed.readers.js';
import { seedDemoComments } from './seed.comments.js';
import { seedDemoPages } from './seed.pages.js';
import { DEMO_AUTHORS, DEMO_SECTIONS, DEMO_TAGS, type HeadlineParts, body, dek, headline } from './seed.text.js';
import {
  BIO_FOOTER,
  DEMO_AUTHORS_UK,
  DEMO_SECTIONS_UK,
  DEMO_TAGS_UK,
  DEMO_TRANSLATORS,
  bodyUk,
  dekUk,
  headlineUk,
  heroWordsUk,
  randomHeadlineUk,
} from './seed.text.uk.js';

/** The demo's editions: English at / (primary) and Ukrainian at /uk/. */
const DEMO_EDITIONS: Edition[] = [
  { code: 'en', locale: 'en-GB', name: 'English', prefix: '' },
  { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' },
];
const UK = DEMO_EDITIONS[1]!;
/** Of the English stories, this share has a Ukrainian translation; per English story, this chance of one in Ukrainian only. */
const TRANSLATED = 0.35;
const UKRAINIAN_ONLY = 0.12;

export interface SeedOptions {
  /** Stories in the primary (English) edition; the Ukrainian edition gets about half as many again (see TRANSLATED). */
  stories: number;
  /** Number of distinct generated hero images the stories share. */
  images?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  /** Stories written, in every edition. */
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
 * Fills an empty database with a demo newsroom in two editions: authors with avatars, nested sections, tags and
 * `stories` English stories (images, quotes, related-story embeds, co-authors), newest a few minutes old; about a
 * third of them translated into Ukrainian (some translations credit a translator, a few are still drafts), and
 * stories in Ukrainian only. Sections, tags and author bios have their Ukrainian words. Demo readers too, and their
 * comments on the newest stories.
 * Bulk inserts in transactions, so a hundred thousand stories take seconds, not minutes.
 */
export async function seedNewsroom(
  deps: Pick<AppDeps, 'db' | 'database' | 'media' | 'clock' | 'events'>,
  opts: SeedOptions,
): Promise<SeedResult> {
  const started = performance.now();
  const r = createRandom(opts.seed ?? 2026);
  // The Ukrainian edition draws from its own sequence: the English newsroom is the same with or without it.
  const ur = createRandom((opts.seed ?? 2026) + 1);
  const now = deps.clock();
  const { db } = deps;

  await putSetting(db, 'site.name', 'The Broadsheet Dispatch');
  await putSetting(
    db,
    'site.description',
    'Independent, reader-funded news as it happens — a Broadsheet demo newsroom.',
  );
  await putSetting(db, 'site.language', 'en');
  await putSetting(db, 'site.editions', JSON.stringify(DEMO_EDITIONS));
  // The Ukrainian edition's own name and tagline (its address is the primary's).
  await putSetting(
    db,
    'site.edition_words',
    JSON.stringify({
      [UK.code]: {
        name: 'Бродшит. Депеша',
        description: 'Незалежні новини, які підтримують читачі, — демонстраційна редакція Broadsheet.',
        address: '',
      },
    }),
  );

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

  const firstSentence = (bio: string) => bio.split(/(?<=\.)\s/)[0] ?? bio;
  const names: Parameters<typeof insertNameTranslations>[1] = { sections: [], tags: [], authors: [] };
  const addAuthor = async (a: { name: string; role: string; bio: string }, uk: { role: string; bio: string }) => {
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
      bio: `${a.bio}\n\n${BIO_FOOTER.en}`,
      short_bio: firstSentence(a.bio),
      avatar_image_id: avatar.id,
      links: JSON.stringify([{ label: 'Contact the newsroom', url: 'mailto:newsroom@example.org' }]),
      user_id: null,
      created_at: now,
      updated_at: now,
    });
    names.authors.push({
      author_id: row.id,
      language: UK.code,
      role_title: uk.role,
      bio: `${uk.bio}\n\n${BIO_FOOTER.uk}`,
      short_bio: firstSentence(uk.bio),
    });
    return row.id;
  };
  const authorIds: number[] = [];
  for (const [i, a] of DEMO_AUTHORS.entries()) authorIds.push(await addAuthor(a, DEMO_AUTHORS_UK[i]!));
  const translatorIds: number[] = [];
  for (const a of DEMO_TRANSLATORS) translatorIds.push(await addAuthor(a, a.uk));

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
    names.sections.push({ section_id: id, language: UK.code, ...DEMO_SECTIONS_UK[i]! });
  }
  const sections = [...sectionIds.values()];

  const tags: { id: number; slug: string }[] = [];
  for (const [i, name] of DEMO_TAGS.entries()) {
    const slug = slugify(name);
    const id = await insertTag(db, { slug, name });
    tags.push({ id, slug });
    names.tags.push({ tag_id: id, language: UK.code, name: DEMO_TAGS_UK[i]!, description: '' });
  }
  await insertNameTranslations(db, names);

  // Oldest first, so ids grow with time and a story can embed one published before it.
  const step = opts.stories <= 2000 ? 37 * 60_000 : Math.max(60_000, Math.floor((400 * 24 * 3600_000) / opts.stories));
  const usedSlugs = new Map<string, number>();
  const published: number[] = [];
  const publishedUk: number[] = [];
  const slugOf = (text: string) => {
    const base = slugify(text);
    const n = (usedSlugs.get(base) ?? 0) + 1;
    usedSlugs.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };
  let written = 0;
  let done = 0;
  while (done < opts.stories) {
    // A small first batch, so later stories have earlier ones to embed as related-story cards.
    const count = Math.min(done === 0 ? 10 : BATCH, opts.stories - done);
    const rows: NewStory[] = [];
    const meta: StoryMeta[] = [];
    for (let k = 0; k < count; k++) {
      const index = done + k;
      const h = headline(r);
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
        slug: slugOf(h.text),
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
      meta.push({ authors, translators: [], tags: storyTags.map((t) => t.id), parts: h.parts });
    }
    await db.transaction().execute(async (tx) => {
      const englishIds = await insertStoryRows(tx, rows);
      // The Ukrainian edition's stories of this batch: translations of some of these, and some of its own.
      const translates: (number | null)[] = [];
      for (const [i, en] of rows.slice(0, englishIds.length).entries()) {
        if (en.status === 'published' && ur.chance(TRANSLATED)) {
          const h = headlineUk(meta[i]!.parts!);
          const at = updateTime(en.published_at!, ur.int(20, 300) * 60_000, now);
          const draft = ur.chance(0.08);
          rows.push(ukrainianRow(h, en.section_id, en.hero_image_id ?? null, at, draft, meta[i]!.tags));
          meta.push({ ...meta[i]!, translators: ur.chance(0.6) ? [ur.pick(translatorIds)] : [] });
          translates.push(englishIds[i]!);
        }
        if (ur.chance(UKRAINIAN_ONLY)) {
          const h = randomHeadlineUk(ur);
          const storyTags = ur.sample(tags, ur.int(1, 3)).map((t) => t.id);
          const at = en.created_at! + 3600_000 - ur.int(3, 30) * 60_000;
          const hero = ur.chance(0.85) ? ur.pick(heroImages) : null;
          rows.push(ukrainianRow(h, ur.pick(sections), hero, at, false, storyTags));
          const authors = ur.chance(0.15) ? ur.sample(authorIds, 2) : [ur.pick(authorIds)];
          meta.push({ authors, translators: [], tags: storyTags });
          translates.push(null);
        }
      }
      const ids = [...englishIds, ...(await insertStoryRows(tx, rows.slice(englishIds.length)))];
      await linkTranslations(
        tx,
        translates.flatMap((en, k) => (en === null ? [] : [[en, ids[englishIds.length + k]!]])),
      );
      await insertStoryLinkRows(tx, {
        authors: ids.flatMap((id, i) => [
          ...meta[i]!.authors.map((author_id, position) => ({
            story_id: id,
            author_id,
            position,
            role: 'author' as const,
          })),
          ...meta[i]!.translators.map((author_id, position) => ({
            story_id: id,
            author_id,
            position,
            role: 'translator' as const,
          })),
        ]),
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
          kind: rows[i]!.kind ?? 'story',
          // The column's own default when the row leaves it out.
          language: rows[i]!.language ?? 'en',
        })),
      );
      ids.forEach((id, i) => {
        if (rows[i]!.status === 'published') (rows[i]!.language === UK.code ? publishedUk : published).push(id);
      });
    });
    written += rows.length;
    done += count;
    opts.onProgress?.(done, opts.stories);
  }
  // The static pages (About, Contact, Privacy, Corrections policy) and both editions' menus (src/pages).
  const topSections = DEMO_SECTIONS.flatMap((s) => (s.parent ? [] : [sectionIds.get(s.name)!]));
  await seedDemoPages(db, sections[0]!, topSections, now);
  // The membership tiers the pricing page offers (src/billing).
  await seedDemoTiers(db, now);
  // Readers of the demo (their own random sequence: the newsroom is the same with or without them).
  await seedDemoReaders(db, createRandom((opts.seed ?? 2026) + 2), now);
  // Their comments on the newest stories of both editions (and a sequence of their own too).
  await seedDemoComments(db, createRandom((opts.seed ?? 2026) + 3), now);
  await analyzeAfterBulkLoad(deps);
  // Sections, tags and stories appeared at once: like an import, one event tells lookups and caches (not one per row).
  deps.events.publish({ type: 'site.replaced', id: 0, actor: 'seed' });
  return { stories: written, ms: performance.now() - started };

  /** A story of the Ukrainian edition (a translation when `h` is made of an English headline's parts). */
  function ukrainianRow(
    h: ReturnType<typeof headlineUk>,
    sectionId: number,
    hero: number | null,
    at: number,
    draft: boolean,
    storyTags: number[],
  ): NewStory {
    const embedId =
      publishedUk.length > 3 && ur.chance(0.5)
        ? publishedUk[publishedUk.length - 1 - ur.int(0, Math.min(30, publishedUk.length - 1))]
        : undefined;
    const tag = tags.find((t) => t.id === storyTags[0]);
    const doc = bodyUk(ur, {
      place: h.place,
      actors: h.actors,
      imageIds: heroImages,
      embedId,
      tagLink: tag ? editionPath(UK, tagUrl(tag.slug)) : undefined,
    });
    const derived = deriveFromBody(doc);
    const words = heroWordsUk(h.place);
    return {
      slug: slugOf(h.text),
      language: UK.code,
      headline: h.text,
      dek: dekUk(ur, h.place),
      excerpt: derived.excerpt,
      body: JSON.stringify(doc),
      hero_image_id: hero,
      hero_caption: hero ? words.caption : '',
      hero_credit: hero ? words.credit : '',
      hero_alt: hero ? words.alt : '',
      section_id: sectionId,
      status: draft ? 'draft' : 'published',
      kind: 'story',
      word_count: derived.wordCount,
      reading_minutes: derived.readingMinutes,
      published_at: draft ? null : at,
      updated_at: draft ? Math.min(now, at) : at,
      created_at: at - 3600_000,
    };
  }
}

/** What a generated story links to, besides its row. */
interface StoryMeta {
  authors: number[];
  translators: number[];
  tags: number[];
  /** An English story's headline parts, for its translation. */
  parts?: HeadlineParts;
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
