import { marked } from 'marked';
import type { Inline } from '../document/document.schema.js';
import { isSafeHref } from '../document/document.schema.js';
import { type ConvertHooks, htmlText, htmlToBlocks } from './html.convert.js';
import type { DraftBlock } from './source.model.js';

/**
 * Ghost's two structured body formats, Lexical (Ghost 5+) and Mobiledoc (Ghost 1–4), converted to draft
 * blocks. Cards that hold HTML or Markdown go through the HTML converter, so every path is sanitised the same way.
 */

type LexNode = { type?: string; children?: LexNode[]; [k: string]: unknown };
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function lexInlines(
  nodes: LexNode[] | undefined,
  marks: Omit<Inline, 'text'>,
  hooks: ConvertHooks,
  out: Inline[] = [],
): Inline[] {
  for (const n of nodes ?? []) {
    const type = str(n.type).replace(/^extended-/, '');
    if (type === 'text') {
      const format = typeof n.format === 'number' ? n.format : 0;
      out.push({
        ...marks,
        ...(format & 1 ? { bold: true } : {}),
        ...(format & 2 ? { italic: true } : {}),
        text: str(n.text),
      });
    } else if (type === 'linebreak') out.push({ ...marks, text: ' ' });
    else if (type === 'link' || type === 'autolink') {
      const url = str(n.url);
      if (url && !isSafeHref(url)) hooks.note('unsafe link removed');
      lexInlines(n.children, url && isSafeHref(url) ? { ...marks, href: url } : marks, hooks, out);
    } else if (n.children) lexInlines(n.children, marks, hooks, out);
    else if (typeof n.text === 'string') out.push({ ...marks, text: n.text });
  }
  return out;
}

const clean = (runs: Inline[]): Inline[] => {
  const joined: Inline[] = [];
  for (const r of runs) {
    const last = joined[joined.length - 1];
    if (last && last.bold === r.bold && last.italic === r.italic && last.href === r.href) last.text += r.text;
    else joined.push({ ...r });
  }
  return joined
    .filter((r) => r.text.trim() !== '' || joined.length > 1)
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Inline);
};
const nonEmpty = (runs: Inline[]) => runs.some((r) => r.text.trim() !== '');

function lexBlock(n: LexNode, hooks: ConvertHooks, out: DraftBlock[]): void {
  const type = str(n.type).replace(/^extended-/, '');
  switch (type) {
    case 'paragraph': {
      const content = clean(lexInlines(n.children, {}, hooks));
      if (nonEmpty(content)) out.push({ type: 'paragraph', content });
      return;
    }
    case 'heading': {
      const level = Math.min(4, Math.max(2, Number(str(n.tag).slice(1)) || 2)) as 2 | 3 | 4;
      const content = clean(lexInlines(n.children, {}, hooks));
      if (nonEmpty(content)) out.push({ type: 'heading', level, content });
      return;
    }
    case 'quote':
    case 'aside': {
      const content = clean(lexInlines(n.children, {}, hooks));
      if (nonEmpty(content)) out.push({ type: 'quote', content });
      return;
    }
    case 'list': {
      const items = (n.children ?? []).map((li) => clean(lexInlines(li.children, {}, hooks))).filter(nonEmpty);
      if ((n.children ?? []).some((li) => li.children?.some((c) => c.type === 'list')))
        hooks.note('nested list flattened');
      if (items.length) out.push({ type: 'list', ordered: n.listType === 'number', items });
      return;
    }
    case 'image':
      if (str(n.src))
        out.push({
          type: 'image-src',
          src: str(n.src),
          alt: str(n.alt),
          caption: htmlText(str(n.caption)),
          credit: '',
        });
      return;
    case 'gallery':
      for (const img of (n.images as LexNode[] | undefined) ?? []) lexBlock({ ...img, type: 'image' }, hooks, out);
      return;
    case 'horizontalrule':
      out.push({ type: 'divider' });
      return;
    case 'bookmark': {
      const meta = (n.metadata ?? {}) as Record<string, unknown>;
      if (str(n.url)) out.push({ type: 'bookmark', url: str(n.url), title: str(meta.title) || str(n.url) });
      return;
    }
    case 'embed':
      if (str(n.url)) {
        hooks.note('embed → link');
        const meta = (n.metadata ?? {}) as Record<string, unknown>;
        out.push({ type: 'bookmark', url: str(n.url), title: str(meta.title) || str(n.url) });
      } else hooks.note('embed without a URL dropped');
      return;
    case 'html':
      out.push(...htmlToBlocks(str(n.html), hooks));
      return;
    case 'markdown':
      out.push(...htmlToBlocks(marked.parse(str(n.markdown), { async: false }), hooks));
      return;
    case 'callout':
      out.push(...htmlToBlocks(`<p>${str(n.calloutText)}</p>`, hooks));
      return;
    case 'toggle':
      out.push(...htmlToBlocks(`<h3>${str(n.heading)}</h3>${str(n.content)}`, hooks));
      return;
    case 'codeblock':
      hooks.note('code block → plain paragraph');
      if (str(n.code).trim()) out.push({ type: 'paragraph', content: [{ text: str(n.code) }] });
      return;
    case 'button':
      if (str(n.buttonUrl) && isSafeHref(str(n.buttonUrl)))
        out.push({
          type: 'paragraph',
          content: [{ text: str(n.buttonText) || str(n.buttonUrl), href: str(n.buttonUrl) }],
        });
      return;
    case 'paywall':
      return;
    default:
      if (n.children?.length) {
        hooks.note(`${type || 'unknown'} node → text`);
        const content = clean(lexInlines(n.children, {}, hooks));
        if (nonEmpty(content)) out.push({ type: 'paragraph', content });
      } else hooks.note(`${type || 'unknown'} card dropped`);
  }
}

/** Converts a Ghost Lexical document (the JSON string of a post's `lexical` column). */
export function lexicalToBlocks(json: string, hooks: ConvertHooks): DraftBlock[] {
  const doc = JSON.parse(json) as { root?: LexNode };
  if (!doc.root || !Array.isArray(doc.root.children)) throw new Error('lexical body has no root.children');
  const out: DraftBlock[] = [];
  for (const n of doc.root.children) lexBlock(n, hooks, out);
  return out;
}

type Marker = [number, number[], number, unknown];
interface Mobiledoc {
  atoms?: [string, string, unknown][];
  cards?: [string, Record<string, unknown>][];
  markups?: [string, string[]?][];
  sections?: unknown[][];
}

function mobiledocInlines(markers: Marker[], doc: Mobiledoc, hooks: ConvertHooks): Inline[] {
  const open: [string, string[]?][] = [];
  const out: Inline[] = [];
  for (const [kind, opens, closes, value] of markers) {
    for (const i of opens) open.push(doc.markups?.[i] ?? ['span']);
    const marks: Omit<Inline, 'text'> = {};
    for (const [tag, attrs] of open) {
      if (tag === 'strong' || tag === 'b') marks.bold = true;
      if (tag === 'em' || tag === 'i') marks.italic = true;
      if (tag === 'a') {
        const idx = attrs?.indexOf('href') ?? -1;
        const href = idx >= 0 ? (attrs?.[idx + 1] ?? '') : '';
        if (href && isSafeHref(href)) marks.href = href;
        else if (href) hooks.note('unsafe link removed');
      }
    }
    const text = kind === 1 ? str(doc.atoms?.[value as number]?.[1]) : str(value);
    out.push({ ...marks, text });
    open.splice(open.length - closes, closes);
  }
  return clean(out);
}

/** Converts a Ghost Mobiledoc document (the JSON string of a post's `mobiledoc` column). */
export function mobiledocToBlocks(json: string, hooks: ConvertHooks): DraftBlock[] {
  const doc = JSON.parse(json) as Mobiledoc;
  if (!Array.isArray(doc.sections)) throw new Error('mobiledoc body has no sections');
  const out: DraftBlock[] = [];
  for (const s of doc.sections) {
    const [kind] = s as [number];
    if (kind === 1) {
      const tag = str(s[1]).toLowerCase();
      const content = mobiledocInlines((s[2] ?? []) as Marker[], doc, hooks);
      if (!nonEmpty(content)) continue;
      if (/^h[1-6]$/.test(tag))
        out.push({ type: 'heading', level: Math.min(4, Math.max(2, Number(tag[1]))) as 2 | 3 | 4, content });
      else if (tag === 'blockquote' || tag === 'aside') out.push({ type: 'quote', content });
      else out.push({ type: 'paragraph', content });
    } else if (kind === 3) {
      const items = ((s[2] ?? []) as Marker[][]).map((m) => mobiledocInlines(m, doc, hooks)).filter(nonEmpty);
      if (items.length) out.push({ type: 'list', ordered: str(s[1]).toLowerCase() === 'ol', items });
    } else if (kind === 2) {
      if (str(s[1])) out.push({ type: 'image-src', src: str(s[1]), alt: '', caption: '', credit: '' });
    } else if (kind === 10) {
      const card = doc.cards?.[s[1] as number];
      if (!card) continue;
      const [name, payload] = card;
      const type = name === 'card-markdown' ? 'markdown' : name;
      lexBlock(
        {
          ...payload,
          type: type === 'hr' ? 'horizontalrule' : type === 'code' ? 'codeblock' : type,
          caption: payload.caption ?? '',
        },
        hooks,
        out,
      );
    }
  }
  return out;
}
