import type { Insertable } from 'kysely';
import type { AppDeps } from '../app.deps.js';
import { analyzeAfterBulkLoad } from '../db/analyze.js';
import { allAuthorSlugs, insertAuthor } from '../authors/author.repo.js';
import type { DbHandle, ImportMapTable, NewStory, PendingMediaTable, RedirectTable } from '../db/database.js';
import { embeddedStoryIds } from '../document/document.schema.js';
import { truncateText } from '../document/excerpt.js';
import { insertImage } from '../media/image.repo.js';
import { indexableStories, syncStorySearch } from '../search/search-index.repo.js';
import { insertSection, listSections, sectionIdsBySlug } from '../sections/section.repo.js';
import { insertTag, tagIdsBySlug } from '../tags/tag.repo.js';
import { deriveFromBody } from '../stories/story.service.js';
import { allStorySlugs, deleteStoryEmbeds, insertStoryLinkRows, insertStoryRows } from '../stories/story.repo.js';
import { linkTranslations } from '../stories/story-translation.repo.js';
import { getSettings } from '../settings/settings.repo.js';
import { editionForLanguage } from './import.language.js';
import { importMedia } from './import.media.js';
import { storyTimes } from './import.times.js';
import { type PendingImage, type ResolveLookups, resolveBody } from './import.resolve.js';
import { type ImportReport, type SourceImage, type SourceSite, type SourceStory, count } from './source.model.js';
import { type ImportMap, insertImports, insertPendingMedia, loadImportMap, rewriteStoryBodies } from './import.repo.js';

export interface ImportOptions {
  /** A folder holding the source's uploads; images found there are imported with responsive variants. */
  mediaDir?: string;
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
}

type Deps = Pick<AppDeps, 'db' | 'database' | 'media' | 'clock' | 'events'>;

/** The section stories without a category or primary tag go to. */
const FALLBACK_SECTION = { slug: 'imported', name: 'Imported' };

/**
 * Writes a parsed site in ONE transaction (a failure leaves the database as it was), in bulk batches.
 * Records already imported from the same source (by their source id) are skipped, so a re-run adds nothing twice.
 * A story goes into the edition of the language its source gives; a language this newsroom has no edition for is
 * imported into the primary edition and counted in the report (the import is not refused: add the edition and
 * move them, or re-import into a newsroom that has it). Stories the source links as translations of one another
 * (imported in the same run) become one translation group, one story per language.
 * Publishes `site.replaced` when done, so cached pages in running servers are dropped.
 */
export async function writeSite(deps: Deps, site: SourceSite, opts: ImportOptions = {}): Promise<ImportReport> {
  const started = performance.now();
  const { report, source } = site;
  const now = deps.clock();
  const batchSize = opts.batchSize ?? 1000;
  const before = await loadImportMap(deps.db, source);

  // Images are processed before the transaction (sharp is slow, files are content-addressed and harmless if unused).
  const refs = new Map<string, SourceImage>();
  const want = (img: SourceImage | null) =>
    img && !before.image.has(img.src) && !refs.has(img.src) && refs.set(img.src, img);
  for (const s of site.stories) {
    if (before.story.has(s.sourceId)) continue;
    want(s.hero);
    want(s.seo.ogImage);
    want(s.seo.twitterImage);
    for (const b of s.blocks) if (b.type === 'image-src') want(b);
  }
  for (const a of site.authors) if (!before.author.has(a.sourceId)) want(a.avatar);
  const media = await importMedia(deps.media, [...refs.keys()], opts.mediaDir);

  await deps.db.transaction().execute(async (tx) => {
    const map = await loadImportMap(tx, source);
    const { editions } = await getSettings(tx);
    const primary = editions[0]!;
    const editionOfStory = (s: SourceStory): string => {
      const edition = s.language ? editionForLanguage(editions, s.language) : primary;
      if (edition) return edition.code;
      count(
        report.adapted,
        s.kind,
        `language "${s.language}" has no edition here: imported into the ${primary.name} edition (${primary.code})`,
      );
      return primary.code;
    };
    /** translation key → the stories of this run in it, in source order. */
    const groups = new Map<string, { id: number; language: string; kind: SourceStory['kind'] }[]>();
    const maps: Insertable<ImportMapTable>[] = [];
    const redirects: Insertable<RedirectTable>[] = [];
    const pending: Insertable<PendingMediaTable>[] = [];
    const seenPaths = new Set<string>();
    const remember = (kind: keyof typeof map, sourceId: string, id: number) => {
      map[kind].set(sourceId, id);
      maps.push({ source, kind, source_id: sourceId, target_id: id, created_at: now });
    };
    const redirect = (paths: string[], kind: RedirectTable['target_kind'], id: number) => {
      for (const path of paths)
        if (path !== '/' && !seenPaths.has(path) && seenPaths.add(path))
          redirects.push({ path, target_kind: kind, target_id: id, created_at: now });
    };
    const hold = (img: SourceImage, kind: PendingMediaTable['target_kind'], id: number, role: string, position = 0) =>
      pending.push({
        source_url: img.src,
        target_kind: kind,
        target_id: id,
        role,
        position,
        alt: img.alt,
        caption: img.caption,
        credit: img.credit,
        created_at: now,
      });

    for (const [src, img] of media.processed) {
      const meta = refs.get(src)!;
      // Recorded without their crops, as imports always have been (`media crops` makes them later).
      const row = await insertImage(tx, { ...img, crops: undefined }, meta, now);
      remember('image', src, row.id);
      report.imported.image = (report.imported.image ?? 0) + 1;
    }
    for (const reason of media.pending.values()) count(report.skipped, 'image', `${reason} — kept as pending media`);

    const authorSlugs = new Set(await allAuthorSlugs(tx));
    for (const a of site.authors) {
      if (map.author.has(a.sourceId)) {
        count(report.skipped, 'author', 'already imported');
        continue;
      }
      const avatarId = a.avatar ? map.image.get(a.avatar.src) : undefined;
      const row = await insertAuthor(tx, {
        slug: uniqueIn(authorSlugs, a.slug, report, 'author'),
        name: a.name.slice(0, 200),
        role_title: a.roleTitle,
        bio: a.bio,
        short_bio: truncateText(a.bio.split(/(?<=[.!?])\s/)[0] ?? '', 280),
        avatar_image_id: avatarId ?? null,
        links: JSON.stringify(a.links),
        user_id: null,
        created_at: now,
        updated_at: now,
      });
      remember('author', a.sourceId, row.id);
      redirect(a.oldPaths, 'author', row.id);
      if (a.avatar && !avatarId) hold(a.avatar, 'author', row.id, 'avatar');
      report.imported.author = (report.imported.author ?? 0) + 1;
    }

    await writeSections(tx, site, map, remember, redirect, report);
    const tagIds = await tagIdsBySlug(tx);
    for (const tg of site.tags) {
      if (map.tag.has(tg.sourceId)) continue;
      const known = tagIds.get(tg.slug);
      if (known)
        count(report.adapted, 'tag', 'merged with an existing tag of the same slug (its name and description kept)');
      const id =
        known ?? (await insertTag(tx, { slug: tg.slug, name: tg.name.slice(0, 200), description: tg.description }));
      tagIds.set(tg.slug, id);
      remember('tag', tg.sourceId, id);
      redirect(tg.oldPaths, 'tag', id);
      report.imported.tag = (report.imported.tag ?? 0) + 1;
    }

    let fallbackId: number | undefined;
    const fallback = async () =>
      (fallbackId ??=
        (await sectionIdsBySlug(tx)).get(FALLBACK_SECTION.slug) ??
        (
          await insertSection(tx, {
            ...FALLBACK_SECTION,
            description: 'Stories imported without a section.',
            parent_id: null,
            position: 999,
          })
        ).id);

    // A page is not news, so it makes no section of its own: it takes the newsroom's first section (the column
    // needs one; a page shows none), or the fallback only when there is no section at all.
    let pageSectionId: number | undefined;
    const pageSection = async () =>
      (pageSectionId ??= (await listSections(tx)).find((x) => x.parent_id === null)?.id ?? (await fallback()));

    const storySlugs = new Set(await allStorySlugs(tx));
    const pathIndex = new Map<string, string>();
    for (const s of site.stories) for (const p of s.oldPaths) pathIndex.set(p, s.sourceId);
    const look: ResolveLookups = {
      imageId: (src) => map.image.get(src),
      storyAtPath: (p) => pathIndex.get(p),
      storyId: (sid) => map.story.get(sid),
      note: (what) => count(report.adapted, 'body', what),
    };

    const todo: SourceStory[] = [];
    for (const s of site.stories) {
      if (map.story.has(s.sourceId)) count(report.skipped, s.kind, 'already imported');
      else todo.push(s);
    }
    const deferred: SourceStory[] = [];
    for (let i = 0; i < todo.length; i += batchSize) {
      const batch = todo.slice(i, i + batchSize);
      const rows: NewStory[] = [];
      const kept: { s: SourceStory; pending: PendingImage[] }[] = [];
      for (const s of batch) {
        const body = resolveBody(s.blocks, look, s.sourceId);
        if (!body.doc) {
          count(report.skipped, s.kind, body.problem);
          continue;
        }
        if (body.deferred) deferred.push(s);
        const derived = deriveFromBody(body.doc);
        const heroId = s.hero ? map.image.get(s.hero.src) : undefined;
        const ogId = s.seo.ogImage ? map.image.get(s.seo.ogImage.src) : undefined;
        const twitterId = s.seo.twitterImage ? map.image.get(s.seo.twitterImage.src) : undefined;
        if (s.kind === 'page')
          count(
            report.adapted,
            'page',
            'imported as a page: never listed as news (no listing, feed, search or sitemap); its own address shows it until static pages come',
          );
        rows.push({
          slug: uniqueIn(storySlugs, s.slug, report, s.kind),
          language: editionOfStory(s),
          headline: s.headline,
          dek: s.dek,
          excerpt: s.excerpt || derived.excerpt,
          body: JSON.stringify(body.doc),
          hero_image_id: heroId ?? null,
          hero_caption: heroId ? s.hero!.caption : '',
          hero_credit: heroId ? s.hero!.credit : '',
          hero_alt: heroId ? s.hero!.alt : '',
          section_id:
            s.kind === 'page'
              ? ((s.sectionSourceId ? map.section.get(s.sectionSourceId) : undefined) ?? (await pageSection()))
              : ((s.sectionSourceId ? map.section.get(s.sectionSourceId) : undefined) ?? (await fallback())),
          status: s.status,
          kind: s.kind === 'page' ? 'page' : 'story',
          word_count: derived.wordCount,
          reading_minutes: derived.readingMinutes,
          ...storyTimes(s, now, report),
          meta_title: s.seo.metaTitle,
          meta_description: s.seo.metaDescription,
          og_title: s.seo.ogTitle,
          og_description: s.seo.ogDescription,
          og_image_id: ogId ?? null,
          twitter_title: s.seo.twitterTitle,
          twitter_description: s.seo.twitterDescription,
          twitter_image_id: twitterId ?? null,
          canonical_url: s.seo.canonicalUrl,
          noindex: s.seo.noindex ? 1 : 0,
        });
        // Images not at hand wait as pending media, each with where it goes (the body's place, hero, social card).
        const waiting: PendingImage[] = [...body.pending];
        if (s.hero && !heroId) waiting.push({ ...s.hero, position: HERO });
        if (s.seo.ogImage && !ogId) waiting.push({ ...s.seo.ogImage, position: OG });
        if (s.seo.twitterImage && !twitterId) waiting.push({ ...s.seo.twitterImage, position: TWITTER });
        kept.push({ s, pending: waiting });
      }
      const ids = await insertStoryRows(tx, rows);
      const links = {
        authors: [] as { story_id: number; author_id: number; position: number }[],
        tags: [] as { story_id: number; tag_id: number }[],
        embeds: [] as { story_id: number; embedded_story_id: number }[],
      };
      ids.forEach((id, k) => {
        const { s, pending: imgs } = kept[k]!;
        remember('story', s.sourceId, id);
        if (s.translationKey) {
          const group = groups.get(s.translationKey) ?? [];
          group.push({ id, language: rows[k]!.language!, kind: s.kind });
          groups.set(s.translationKey, group);
        }
        redirect(s.oldPaths, 'story', id);
        report.imported[s.kind] = (report.imported[s.kind] ?? 0) + 1;
        const authorIds = [
          ...new Set(s.authorSourceIds.map((a) => map.author.get(a)).filter((x): x is number => x !== undefined)),
        ];
        authorIds.forEach((author_id, position) => {
          links.authors.push({ story_id: id, author_id, position });
        });
        for (const tag_id of new Set(
          s.tagSourceIds.map((t) => map.tag.get(t)).filter((x): x is number => x !== undefined),
        ))
          links.tags.push({ story_id: id, tag_id });
        for (const embedded_story_id of embeddedStoryIds(JSON.parse(rows[k]!.body)))
          links.embeds.push({ story_id: id, embedded_story_id });
        for (const img of imgs) hold(img, 'story', id, ROLE_AT[img.position] ?? 'body', Math.max(0, img.position));
      });
      await insertStoryLinkRows(tx, links);
      await syncStorySearch(
        tx,
        ids.map((id, k) => ({
          id,
          headline: rows[k]!.headline,
          dek: rows[k]!.dek ?? '',
          body: rows[k]!.body,
          status: rows[k]!.status ?? 'draft',
          kind: rows[k]!.kind ?? 'story',
          // The column's own default when the row leaves it out.
          language: rows[k]!.language ?? 'en',
        })),
      );
      await flush(tx, maps, redirects, pending, report);
      opts.onProgress?.(Math.min(i + batch.length, todo.length), todo.length);
    }

    await linkTranslations(tx, translationGroups(groups, report));

    // Bookmarks to stories that came later in the file (or later in the same batch): now every id is known.
    for (let i = 0; i < deferred.length; i += 200) await fixDeferred(tx, deferred.slice(i, i + 200), map, look);
    await flush(tx, maps, redirects, pending, report);
  });
  await analyzeAfterBulkLoad(deps);
  report.ms = Math.round(performance.now() - started);
  // Thousands of stories, sections and bylines at once: every page and lookup kept in memory (in every process,
  // through the relay) may be stale. One event, not one per story, so webhooks are not flooded by history.
  deps.events.publish({ type: 'site.replaced', id: 0, actor: `import:${source}` });
  return report;
}

/**
 * The translation groups to link: one story per language in each (the first in the source keeps its place, another
 * in the same language is imported unlinked and counted); a "group" of one links nothing.
 */
function translationGroups(
  groups: Map<string, { id: number; language: string; kind: SourceStory['kind'] }[]>,
  report: ImportReport,
): number[][] {
  const out: number[][] = [];
  for (const members of groups.values()) {
    const seen = new Set<string>();
    const ids: number[] = [];
    for (const m of members) {
      if (seen.has(m.language)) {
        count(report.adapted, m.kind, 'a second translation into one language in a group: imported unlinked');
        continue;
      }
      seen.add(m.language);
      ids.push(m.id);
    }
    if (ids.length > 1) out.push(ids);
  }
  if (out.length) report.imported['translation group'] = out.length;
  return out;
}

/** Rewrites the bodies of stories whose bookmarks could not be resolved at insert time, in one UPDATE per chunk. */
async function fixDeferred(tx: DbHandle, stories: SourceStory[], map: ImportMap, look: ResolveLookups): Promise<void> {
  const fixed = stories.flatMap((s) => {
    const body = resolveBody(s.blocks, look, s.sourceId);
    return body.doc
      ? [{ id: map.story.get(s.sourceId)!, doc: body.doc, derived: deriveFromBody(body.doc), excerpt: s.excerpt }]
      : [];
  });
  if (!fixed.length) return;
  const ids = fixed.map((f) => f.id);
  await rewriteStoryBodies(
    tx,
    fixed.map((f) => ({
      id: f.id,
      body: JSON.stringify(f.doc),
      wordCount: f.derived.wordCount,
      readingMinutes: f.derived.readingMinutes,
      excerpt: f.excerpt ? truncateText(f.excerpt, 1000) : f.derived.excerpt,
    })),
  );
  await deleteStoryEmbeds(tx, ids);
  await syncStorySearch(tx, await indexableStories(tx, ids));
  await insertStoryLinkRows(tx, {
    authors: [],
    tags: [],
    embeds: fixed.flatMap((f) =>
      embeddedStoryIds(f.doc).map((embedded_story_id) => ({ story_id: f.id, embedded_story_id })),
    ),
  });
}

/** Writes the mapping, redirect and pending-media rows gathered so far (old paths already taken are kept as they are). */
async function flush(
  tx: DbHandle,
  maps: Insertable<ImportMapTable>[],
  redirects: Insertable<RedirectTable>[],
  pending: Insertable<PendingMediaTable>[],
  report: ImportReport,
): Promise<void> {
  await insertImports(tx, maps.splice(0), redirects.splice(0), report);
  const rows = pending.splice(0);
  await insertPendingMedia(tx, rows);
  report.pendingMedia += rows.length;
}

/** Sections parents first; a section whose slug exists here already is reused rather than duplicated. */
async function writeSections(
  tx: DbHandle,
  site: SourceSite,
  map: Awaited<ReturnType<typeof loadImportMap>>,
  remember: (kind: 'section', sourceId: string, id: number) => void,
  redirect: (paths: string[], kind: 'section', id: number) => void,
  report: ImportReport,
): Promise<void> {
  const existing = await sectionIdsBySlug(tx);
  const left = site.sections.filter((s) => !map.section.has(s.sourceId));
  const known = new Set(site.sections.map((s) => s.sourceId));
  for (let guard = 0; left.length && guard < 50; guard++) {
    for (let i = 0; i < left.length; i++) {
      const s = left[i]!;
      const parentReady = !s.parentSourceId || !known.has(s.parentSourceId) || map.section.has(s.parentSourceId);
      if (!parentReady && guard < 49) continue;
      left.splice(i--, 1);
      let id = existing.get(s.slug);
      if (id) count(report.adapted, 'section', 'merged with an existing section of the same slug');
      else {
        const parent = s.parentSourceId ? (map.section.get(s.parentSourceId) ?? null) : null;
        id = (
          await insertSection(tx, {
            slug: s.slug,
            name: s.name.slice(0, 200),
            description: s.description,
            parent_id: parent,
            position: site.sections.indexOf(s),
          })
        ).id;
        existing.set(s.slug, id);
        report.imported.section = (report.imported.section ?? 0) + 1;
      }
      remember('section', s.sourceId, id);
      redirect(s.oldPaths, 'section', id);
    }
  }
}

/** Pending images that are not in the body, by the position they are held at: their role. */
const HERO = -1;
const OG = -2;
const TWITTER = -3;
const ROLE_AT: Record<number, string> = { [HERO]: 'hero', [OG]: 'og', [TWITTER]: 'twitter' };

/**
 * The wanted slug if free in `taken`, else with -2, -3, … appended (counted: the old URL still redirects to it);
 * the result is added to `taken`.
 */
function uniqueIn(taken: Set<string>, wanted: string, report: ImportReport, kind: string): string {
  let slug = wanted;
  for (let n = 2; taken.has(slug); n++) slug = `${wanted}-${n}`;
  if (slug !== wanted) count(report.adapted, kind, 'slug taken here already: a number added to it');
  taken.add(slug);
  return slug;
}
