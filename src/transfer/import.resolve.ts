import { type Block, DocumentSchema, type StoryDocument, isSafeHref } from '../document/document.schema.js';
import type { DraftBlock, SourceImage } from './source.model.js';
import { urlPath } from './source.model.js';

/** An image a body wanted that is not here yet: kept with where it goes, to be fetched later. */
export interface PendingImage extends SourceImage {
  position: number;
}

export interface ResolvedBody {
  doc: StoryDocument | null;
  /** Why the body does not fit the document model (when doc is null). */
  problem: string;
  pending: PendingImage[];
  /** True when a bookmark points at a story of this import that has no id yet (fixed up after all are in). */
  deferred: boolean;
}

export interface ResolveLookups {
  imageId(src: string): number | undefined;
  /** The source id of the imported story an old URL path belonged to. */
  storyAtPath(path: string): string | undefined;
  /** The new id of a story by its source id, once inserted. */
  storyId(sourceId: string): number | undefined;
  note(what: string): void;
}

/**
 * Turns draft blocks into a valid document: images by URL become image blocks (or pending media),
 * bookmarks to an imported story become related-story embeds, other bookmarks become a link paragraph.
 */
export function resolveBody(blocks: readonly DraftBlock[], look: ResolveLookups, selfSourceId: string): ResolvedBody {
  const out: Block[] = [];
  const pending: PendingImage[] = [];
  let deferred = false;
  for (const b of blocks) {
    if (b.type === 'image-src') {
      const id = look.imageId(b.src);
      if (id)
        out.push({
          type: 'image',
          imageId: id,
          alt: b.alt.slice(0, 1000),
          ...(b.caption ? { caption: b.caption.slice(0, 2000) } : {}),
          ...(b.credit ? { credit: b.credit.slice(0, 500) } : {}),
        });
      else pending.push({ ...b, position: out.length });
    } else if (b.type === 'bookmark') {
      const path = urlPath(b.url);
      const target = path ? look.storyAtPath(path) : undefined;
      const targetId = target && target !== selfSourceId ? look.storyId(target) : undefined;
      if (targetId) {
        out.push({ type: 'embed', storyId: targetId });
        look.note('bookmark → related story');
        continue;
      }
      if (target && target !== selfSourceId) deferred = true;
      const href = b.url.trim();
      out.push({
        type: 'paragraph',
        content: [isSafeHref(href) ? { text: b.title || href, href } : { text: b.title || href }],
      });
    } else out.push(b);
  }
  const parsed = DocumentSchema.safeParse({ version: 1, blocks: out });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      doc: null,
      problem: `body does not fit the document model (${issue.path.join('.')}: ${issue.message})`,
      pending,
      deferred,
    };
  }
  return { doc: parsed.data, problem: '', pending, deferred };
}
