import { diffLines } from 'diff';
import type { AppDeps } from '../app.deps.js';
import type { User, DbHandle } from '../db/database.js';
import { type Block, inlineText } from '../document/document.schema.js';
import { badRequest, notFound } from '../http/errors.js';
import { latestRevisionNumber, listRevisions, revisionByNumber } from './story-revision.repo.js';
import { type Snapshot, deskStory, saveDeskStory } from './story-edit.service.js';
import type { StorySeoInput } from './story-seo.js';
import { isRowId } from '../lib/row-id.js';

/** One run of a diff: unchanged, added or removed text. */
export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

function blockText(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return inlineText(b.content);
    case 'heading':
      return `${'#'.repeat(b.level)} ${inlineText(b.content)}`;
    case 'quote':
      return `> ${inlineText(b.content)}${b.attribution ? ` — ${b.attribution}` : ''}`;
    case 'list':
      return b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '-'} ${inlineText(it)}`).join('\n');
    case 'image':
      return `[Image ${b.imageId}: ${b.alt}${b.caption ? ` — ${b.caption}` : ''}${b.credit ? ` (${b.credit})` : ''}]`;
    case 'embed':
      return `[Related story ${b.storyId}]`;
    case 'divider':
      return '———';
  }
}

const SEO_LABELS: [keyof StorySeoInput, string][] = [
  ['metaTitle', 'Search title'],
  ['metaDescription', 'Search description'],
  ['ogTitle', 'Social title'],
  ['ogDescription', 'Social description'],
  ['ogImageId', 'Social image'],
  ['twitterTitle', 'Twitter title'],
  ['twitterDescription', 'Twitter description'],
  ['twitterImageId', 'Twitter image'],
  ['canonicalUrl', 'Canonical URL'],
  ['noindex', 'Hidden from search engines'],
];

function seoLines(s: Partial<StorySeoInput>): string[] {
  return SEO_LABELS.flatMap(([key, label]) => {
    const v = s[key];
    return v === undefined || v === null || v === '' || v === false ? [] : [`${label}: ${v === true ? 'yes' : v}`];
  });
}

/** A revision as readable text: the fields, then the body block by block (what the diff compares). */
export function snapshotText(s: Snapshot): string {
  const lines = [
    `Headline: ${s.headline}`,
    `Dek: ${s.dek}`,
    `Slug: ${s.slug}`,
    `Section: ${s.sectionId}`,
    `Bylines: ${s.authorIds.join(', ')}`,
    `Tags: ${s.tagIds.join(', ')}`,
    `Excerpt: ${s.excerpt ?? ''}`,
    `Hero image: ${s.heroImageId ?? 'none'}${s.heroCaption ? ` — ${s.heroCaption}` : ''}` +
      `${s.heroCredit ? ` (${s.heroCredit})` : ''}${s.heroAlt ? ` [alt: ${s.heroAlt}]` : ''}`,
    // Search and social fields only where written (a revision from before they existed has none).
    ...seoLines(s),
    '',
    ...s.body.blocks.map(blockText),
  ];
  return `${lines.join('\n')}\n`;
}

export async function listRevisionsFor(db: DbHandle, storyId: number) {
  await deskStory(db, storyId);
  return (await listRevisions(db, storyId)).map((r) => ({
    revision: r.revision,
    by: r.user_name,
    at: r.created_at,
    kind: r.kind,
  }));
}

/** A line-by-line diff between two revisions of a story (from → to). */
export async function diffRevisions(
  db: DbHandle,
  storyId: number,
  from: number,
  to: number,
): Promise<{ from: number; to: number; parts: DiffPart[] }> {
  if (!isRowId(from, 0) || !isRowId(to, 0)) throw badRequest('Choose two revisions to compare.');
  const [a, b] = await Promise.all([revisionByNumber(db, storyId, from), revisionByNumber(db, storyId, to)]);
  if (!a || !b) throw notFound('revision');
  const parts = diffLines(snapshotText(JSON.parse(a.snapshot)), snapshotText(JSON.parse(b.snapshot)));
  return { from, to, parts: parts.map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed })) };
}

/** Restores an old revision by saving its snapshot as a new revision (history is never rewritten). */
export async function restoreRevision(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock' | 'config'>,
  user: User,
  storyId: number,
  revision: number,
  baseRevision?: number,
) {
  const rev = isRowId(revision, 0) ? await revisionByNumber(deps.db, storyId, revision) : undefined;
  if (!rev) throw notFound('revision');
  const base =
    baseRevision !== undefined && isRowId(baseRevision, 0)
      ? baseRevision
      : await latestRevisionNumber(deps.db, storyId);
  return saveDeskStory(deps, user, storyId, base, JSON.parse(rev.snapshot), 'restore');
}
