import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { type Inline, isSafeHref } from '../document/document.schema.js';
import type { DraftBlock, SourceImage } from './source.model.js';

/** What a converter tells the report about content it had to change, and how WordPress names its images. */
export interface ConvertHooks {
  /** Counts one adaptation ("script removed", "table → text", …). */
  note(what: string): void;
  /** Extra metadata for an <img> (WordPress: the attachment behind class="wp-image-12"). */
  imageMeta?(attrs: Record<string, string>): Partial<SourceImage> | undefined;
}

type Marks = Omit<Inline, 'text'>;

/** Elements dropped with everything inside: they never carry reader text, and some carry script. */
const DROP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'object',
  'embed',
  'form',
  'svg',
  'button',
  'input',
  'select',
  'textarea',
  'head',
  'title',
  'link',
  'meta',
  'base',
  'canvas',
  'math',
]);
const BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'figure',
  'hr',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'pre',
  'table',
  'iframe',
  'video',
  'audio',
  'dl',
  'details',
  'nav',
  'center',
  'address',
  'figcaption',
  'li',
  'body',
  'html',
]);
const CONTAINERS = new Set([
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'details',
  'nav',
  'center',
  'address',
  'body',
  'html',
  'dl',
]);

const isEl = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const cls = (el: Element) => ` ${el.attribs.class ?? ''} `;
const hasClass = (el: Element, c: string) => cls(el).includes(` ${c} `);

/** The text of a node and its descendants, with dropped elements left out and whitespace collapsed. */
export function textOf(nodes: ChildNode[]): string {
  let out = '';
  const walk = (ns: ChildNode[]) => {
    for (const n of ns) {
      if (n.type === 'text') out += n.data;
      else if (isEl(n) && !DROP.has(n.name)) {
        if (n.name === 'br') out += ' ';
        walk(n.children);
        if (BLOCKS.has(n.name)) out += ' ';
      }
    }
  };
  walk(nodes);
  return out.replace(/\s+/g, ' ').trim();
}

/** The plain text of an HTML fragment (captions, bios); markup and script never survive. */
export const htmlText = (html: string): string => textOf(parseDocument(html, { decodeEntities: true }).children);

function find(nodes: ChildNode[], test: (el: Element) => boolean): Element | undefined {
  for (const n of nodes) {
    if (!isEl(n)) continue;
    if (test(n)) return n;
    const inner = find(n.children, test);
    if (inner) return inner;
  }
  return undefined;
}

/** Joins neighbouring runs with the same marks and trims the ends, so "a <b>b</b>" is two runs, not five. */
function tidy(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const r of runs) {
    const text = r.text.replace(/\s+/g, ' ');
    if (!text) continue;
    const last = out[out.length - 1];
    if (last && last.bold === r.bold && last.italic === r.italic && last.href === r.href) last.text += text;
    else out.push({ ...r, text });
  }
  if (out[0]) out[0].text = out[0].text.trimStart();
  const end = out[out.length - 1];
  if (end) end.text = end.text.trimEnd();
  return out
    .filter((r) => r.text.length > 0)
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Inline);
}

class Converter {
  constructor(private readonly hooks: ConvertHooks) {}

  image(el: Element, caption = ''): DraftBlock | null {
    const src = el.attribs.src?.trim();
    if (!src) return null;
    const meta = this.hooks.imageMeta?.(el.attribs) ?? {};
    return {
      type: 'image-src',
      src: meta.src ?? src,
      alt: el.attribs.alt || meta.alt || '',
      caption: caption || meta.caption || '',
      credit: meta.credit ?? '',
    };
  }

  /** Inline runs of a node's children; images and other blocks met inside are hoisted after the text. */
  inlines(nodes: ChildNode[], marks: Marks, runs: Inline[], hoisted: DraftBlock[]): void {
    for (const n of nodes) {
      if (n.type === 'text') {
        runs.push({ ...marks, text: n.data });
        continue;
      }
      if (!isEl(n)) continue;
      const name = n.name;
      if (DROP.has(name)) {
        this.hooks.note(`<${name}> removed`);
        continue;
      }
      if (name === 'br') runs.push({ ...marks, text: ' ' });
      else if (name === 'strong' || name === 'b') this.inlines(n.children, { ...marks, bold: true }, runs, hoisted);
      else if (name === 'em' || name === 'i') this.inlines(n.children, { ...marks, italic: true }, runs, hoisted);
      else if (name === 'a') {
        const href = n.attribs.href?.trim();
        if (href && !isSafeHref(href)) this.hooks.note('unsafe link removed');
        this.inlines(n.children, href && isSafeHref(href) ? { ...marks, href } : marks, runs, hoisted);
      } else if (name === 'img') {
        const img = this.image(n);
        if (img) hoisted.push(img);
      } else if (BLOCKS.has(name)) {
        runs.push({ ...marks, text: ' ' });
        this.inlines(n.children, marks, runs, hoisted);
        runs.push({ ...marks, text: ' ' });
      } else this.inlines(n.children, marks, runs, hoisted);
    }
  }

  paragraphOf(
    nodes: ChildNode[],
    out: DraftBlock[],
    make: (content: Inline[]) => DraftBlock = (content) => ({ type: 'paragraph', content }),
  ): void {
    const runs: Inline[] = [];
    const hoisted: DraftBlock[] = [];
    this.inlines(nodes, {}, runs, hoisted);
    const content = tidy(runs);
    if (content.length) out.push(make(content));
    out.push(...hoisted);
  }

  figure(el: Element, out: DraftBlock[]): void {
    const caption = textOf(find(el.children, (e) => e.name === 'figcaption')?.children ?? []);
    if (hasClass(el, 'kg-bookmark-card')) {
      const a = find(el.children, (e) => e.name === 'a' && !!e.attribs.href);
      const title = textOf(find(el.children, (e) => hasClass(e, 'kg-bookmark-title'))?.children ?? []);
      if (a) out.push({ type: 'bookmark', url: a.attribs.href!, title: title || caption || a.attribs.href! });
      return;
    }
    if (hasClass(el, 'kg-embed-card') || hasClass(el, 'wp-block-embed')) {
      const frame = find(
        el.children,
        (e) => (e.name === 'iframe' && !!e.attribs.src) || (e.name === 'a' && !!e.attribs.href),
      );
      const wrapper = find(el.children, (e) => hasClass(e, 'wp-block-embed__wrapper'));
      const url = frame ? (frame.attribs.src ?? frame.attribs.href) : wrapper ? textOf(wrapper.children) : '';
      if (url) {
        this.hooks.note('embed → link');
        out.push({ type: 'bookmark', url, title: caption || url });
      } else this.hooks.note('embed without a URL dropped');
      return;
    }
    const imgs: Element[] = [];
    const collect = (ns: ChildNode[]) => {
      for (const n of ns) {
        if (!isEl(n)) continue;
        if (n.name === 'img') imgs.push(n);
        else if (n.name !== 'figcaption') collect(n.children);
      }
    };
    collect(el.children);
    if (imgs.length) {
      for (const img of imgs) {
        const block = this.image(img, imgs.length === 1 ? caption : '');
        if (block) out.push(block);
      }
      if (imgs.length > 1 && caption) out.push({ type: 'paragraph', content: [{ text: caption, italic: true }] });
      return;
    }
    this.blocks(
      el.children.filter((c) => !(isEl(c) && c.name === 'figcaption')),
      out,
    );
    if (caption) out.push({ type: 'paragraph', content: [{ text: caption, italic: true }] });
  }

  block(el: Element, out: DraftBlock[]): void {
    const name = el.name;
    if (/^h[1-6]$/.test(name)) {
      const level = Math.min(4, Math.max(2, Number(name[1]))) as 2 | 3 | 4;
      this.paragraphOf(el.children, out, (content) => ({ type: 'heading', level, content }));
      return;
    }
    switch (name) {
      case 'p':
        this.paragraphOf(el.children, out);
        return;
      case 'blockquote': {
        const citeEl = find(el.children, (e) => e.name === 'cite' || e.name === 'footer');
        const attribution = citeEl ? textOf(citeEl.children).replace(/^[—–-]\s*/, '') : '';
        const rest = el.children.filter((c) => c !== citeEl && !(isEl(c) && find(c.children, (e) => e === citeEl)));
        this.paragraphOf(rest, out, (content) =>
          attribution ? { type: 'quote', content, attribution } : { type: 'quote', content },
        );
        return;
      }
      case 'ul':
      case 'ol': {
        const items: Inline[][] = [];
        const hoisted: DraftBlock[] = [];
        for (const li of el.children) {
          if (!isEl(li) || li.name !== 'li') continue;
          if (find(li.children, (e) => e.name === 'ul' || e.name === 'ol')) this.hooks.note('nested list flattened');
          const runs: Inline[] = [];
          this.inlines(li.children, {}, runs, hoisted);
          const item = tidy(runs);
          if (item.length) items.push(item);
        }
        if (items.length) out.push({ type: 'list', ordered: name === 'ol', items });
        out.push(...hoisted);
        return;
      }
      case 'figure':
        this.figure(el, out);
        return;
      case 'img': {
        const img = this.image(el);
        if (img) out.push(img);
        return;
      }
      case 'hr':
        out.push({ type: 'divider' });
        return;
      case 'iframe':
      case 'video':
      case 'audio': {
        const src = el.attribs.src ?? find(el.children, (e) => e.name === 'source')?.attribs.src;
        if (src && /^https?:/i.test(src)) {
          this.hooks.note(`<${name}> → link`);
          out.push({ type: 'bookmark', url: src, title: src });
        } else this.hooks.note(`<${name}> without a usable source dropped`);
        return;
      }
      case 'pre':
        this.hooks.note('code block → plain paragraph');
        this.paragraphOf(el.children, out);
        return;
      case 'table':
        this.hooks.note('table → text');
        for (const row of collectAll(el, 'tr')) {
          const text = row.children
            .filter(isEl)
            .map((cell) => textOf(cell.children))
            .filter(Boolean)
            .join(' · ');
          if (text) out.push({ type: 'paragraph', content: [{ text }] });
        }
        return;
      default:
        if (CONTAINERS.has(name)) {
          this.blocks(el.children, out);
          return;
        }
        this.hooks.note(`<${name}> → text`);
        this.paragraphOf(el.children, out);
    }
  }

  /** Block-level walk: runs of inline content between blocks become paragraphs. */
  blocks(nodes: ChildNode[], out: DraftBlock[]): void {
    let pending: ChildNode[] = [];
    const flush = () => {
      if (pending.length) this.paragraphOf(pending, out);
      pending = [];
    };
    for (const n of nodes) {
      if (isEl(n) && DROP.has(n.name)) {
        this.hooks.note(`<${n.name}> removed`);
        continue;
      }
      if (isEl(n) && BLOCKS.has(n.name)) {
        flush();
        this.block(n, out);
      } else if (n.type === 'text' || isEl(n)) pending.push(n);
    }
    flush();
  }
}

function collectAll(el: Element, name: string): Element[] {
  const out: Element[] = [];
  const walk = (ns: ChildNode[]) => {
    for (const n of ns) {
      if (!isEl(n)) continue;
      if (n.name === name) out.push(n);
      else walk(n.children);
    }
  };
  walk(el.children);
  return out;
}

/**
 * Converts HTML (Ghost, WordPress classic and Gutenberg output) into draft blocks. Only text, bold, italic
 * and safe links survive from the markup; script, styles, event handlers and javascript: links never do.
 */
export function htmlToBlocks(html: string, hooks: ConvertHooks): DraftBlock[] {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const out: DraftBlock[] = [];
  new Converter(hooks).blocks(doc.children, out);
  return out;
}

/**
 * WordPress's wpautop for classic content: blank lines separate paragraphs. Text that already has block
 * markup keeps it; only loose text runs are wrapped.
 */
export function autop(text: string): string {
  if (/<(p|div|figure|h[1-6]|ul|ol|blockquote)[\s>]/i.test(text) && !/\n\s*\n/.test(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) =>
      /^<(p|div|figure|h[1-6]|ul|ol|blockquote|hr|table|pre|!--)[\s>/-]/i.test(chunk)
        ? chunk
        : `<p>${chunk.replace(/\n/g, '<br>')}</p>`,
    )
    .join('\n');
}
