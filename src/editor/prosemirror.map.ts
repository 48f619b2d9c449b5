import type { Block, Inline, StoryDocument } from '../document/document.schema.js';
import { isSafeHref } from '../document/safe-href.js';

/**
 * The one translation between the editor's ProseMirror JSON and our structured document. Pure functions
 * with no DOM or Tiptap import, so the browser bundle and the server's tests share them. The server still
 * validates with DocumentSchema at every write: this mapping only decides shape, never trust.
 */

/** A ProseMirror node as JSON (the shape `editor.getJSON()` returns and `setContent()` takes). */
export interface PMNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMNode[];
  text?: string;
  marks?: PMMark[];
}

export interface PMMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** Node names the editor defines for our custom blocks (see client/editor.nodes.ts). */
export const NODE = {
  quote: 'pullQuote',
  quoteText: 'quoteText',
  quoteAttribution: 'quoteAttribution',
  image: 'storyImage',
  embed: 'relatedStory',
} as const;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const posInt = (v: unknown): number | null => {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
};

// ---------- ProseMirror → document ----------

/** Inline text runs of a textblock (and of any textblocks nested under it), with bold/italic/link marks. */
function inlinesOf(node: PMNode): Inline[] {
  const out: Inline[] = [];
  const walk = (n: PMNode) => {
    if (n.type === 'text') {
      if (!n.text) return;
      const inline: Inline = { text: n.text };
      for (const m of n.marks ?? []) {
        if (m.type === 'bold') inline.bold = true;
        else if (m.type === 'italic') inline.italic = true;
        else if (m.type === 'link') {
          const href = str(m.attrs?.href).trim();
          // An unsafe link keeps its words and loses its target.
          if (href && isSafeHref(href)) inline.href = href;
        }
      }
      const prev = out[out.length - 1];
      if (prev && prev.bold === inline.bold && prev.italic === inline.italic && prev.href === inline.href)
        prev.text += inline.text;
      else out.push(inline);
      return;
    }
    if (n.type === 'hardBreak') {
      walk({ type: 'text', text: ' ' });
      return;
    }
    (n.content ?? []).forEach((child, i) => {
      // Two textblocks flattened into one run are kept apart by a space.
      if (i > 0 && child.type !== 'text' && out.length && !out[out.length - 1]!.text.endsWith(' '))
        walk({ type: 'text', text: ' ' });
      walk(child);
    });
  };
  walk(node);
  return out;
}

const hasText = (inlines: Inline[]) => inlines.some((i) => i.text.trim() !== '');

/** The items of a list: one run of inlines per list item; nested lists become items of their own. */
function listItems(list: PMNode): Inline[][] {
  const items: Inline[][] = [];
  for (const li of list.content ?? []) {
    const own = (li.content ?? []).filter((c) => c.type !== 'bulletList' && c.type !== 'orderedList');
    const inlines = inlinesOf({ type: 'listItem', content: own });
    if (hasText(inlines)) items.push(inlines);
    for (const nested of (li.content ?? []).filter((c) => c.type === 'bulletList' || c.type === 'orderedList'))
      items.push(...listItems(nested));
  }
  return items;
}

function blockFrom(node: PMNode): Block | null {
  switch (node.type) {
    case 'paragraph': {
      const content = inlinesOf(node);
      return hasText(content) ? { type: 'paragraph', content } : null;
    }
    case 'heading': {
      const content = inlinesOf(node);
      const raw = Number(node.attrs?.level);
      const level = (raw <= 2 || !Number.isFinite(raw) ? 2 : raw >= 4 ? 4 : 3) as 2 | 3 | 4;
      return hasText(content) ? { type: 'heading', level, content } : null;
    }
    case NODE.quote: {
      const text = node.content?.find((c) => c.type === NODE.quoteText) ?? { type: NODE.quoteText };
      const attribution = inlinesOf(node.content?.find((c) => c.type === NODE.quoteAttribution) ?? { type: 'x' })
        .map((i) => i.text)
        .join('')
        .trim();
      const content = inlinesOf(text);
      if (!hasText(content)) return null;
      return attribution ? { type: 'quote', content, attribution } : { type: 'quote', content };
    }
    case 'blockquote': {
      const content = inlinesOf(node);
      return hasText(content) ? { type: 'quote', content } : null;
    }
    case 'bulletList':
    case 'orderedList': {
      const items = listItems(node);
      return items.length ? { type: 'list', ordered: node.type === 'orderedList', items } : null;
    }
    case NODE.image: {
      const imageId = posInt(node.attrs?.imageId);
      if (!imageId) return null;
      const block: Block = { type: 'image', imageId, alt: str(node.attrs?.alt).trim() };
      const caption = str(node.attrs?.caption).trim();
      const credit = str(node.attrs?.credit).trim();
      if (caption) block.caption = caption;
      if (credit) block.credit = credit;
      return block;
    }
    case NODE.embed: {
      const storyId = posInt(node.attrs?.storyId);
      return storyId ? { type: 'embed', storyId } : null;
    }
    case 'horizontalRule':
      return { type: 'divider' };
    default:
      // Anything else that holds text (pasted content the schema does not know) is kept as a paragraph.
      return blockFrom({ type: 'paragraph', content: [{ ...node, type: 'x' }] });
  }
}

/** Turns the editor's JSON into our document. Empty paragraphs and headings are dropped; unsafe links lose their target. */
export function toStoryDocument(doc: PMNode): StoryDocument {
  const blocks = (doc.content ?? []).map(blockFrom).filter((b): b is Block => b !== null);
  return { version: 1, blocks };
}

// ---------- document → ProseMirror ----------

function textNodes(content: Inline[]): PMNode[] {
  return content
    .filter((i) => i.text !== '')
    .map((i) => {
      const marks: PMMark[] = [];
      if (i.bold) marks.push({ type: 'bold' });
      if (i.italic) marks.push({ type: 'italic' });
      if (i.href) marks.push({ type: 'link', attrs: { href: i.href } });
      return marks.length ? { type: 'text', text: i.text, marks } : { type: 'text', text: i.text };
    });
}

const withContent = (node: PMNode, content: PMNode[]): PMNode => (content.length ? { ...node, content } : node);

function nodeFrom(b: Block): PMNode {
  switch (b.type) {
    case 'paragraph':
      return withContent({ type: 'paragraph' }, textNodes(b.content));
    case 'heading':
      return withContent({ type: 'heading', attrs: { level: b.level } }, textNodes(b.content));
    case 'quote':
      return {
        type: NODE.quote,
        content: [
          withContent({ type: NODE.quoteText }, textNodes(b.content)),
          withContent({ type: NODE.quoteAttribution }, b.attribution ? [{ type: 'text', text: b.attribution }] : []),
        ],
      };
    case 'list':
      return {
        type: b.ordered ? 'orderedList' : 'bulletList',
        content: b.items.map((item) => ({
          type: 'listItem',
          content: [withContent({ type: 'paragraph' }, textNodes(item))],
        })),
      };
    case 'image':
      return {
        type: NODE.image,
        attrs: { imageId: b.imageId, alt: b.alt ?? '', caption: b.caption ?? '', credit: b.credit ?? '' },
      };
    case 'embed':
      return { type: NODE.embed, attrs: { storyId: b.storyId } };
    case 'divider':
      return { type: 'horizontalRule' };
  }
}

/** Turns our document into the editor's JSON. An empty document becomes one empty paragraph (ProseMirror needs a block). */
export function toProseMirror(doc: StoryDocument): PMNode {
  const content = doc.blocks.map(nodeFrom);
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}
