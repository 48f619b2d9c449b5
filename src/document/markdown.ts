import { type Token, type Tokens, lexer } from 'marked';
import { badRequest } from '../http/errors.js';
import { parseInput } from '../lib/parse-input.js';
import { type Block, DocumentSchema, type Inline, type StoryDocument, isSafeHref } from './document.schema.js';

/**
 * Converts Markdown into the structured document. Raw HTML in the Markdown is never kept as markup:
 * its text survives as plain text. Two Broadsheet conventions:
 * - `![alt](image:12 "caption")` alone in a paragraph is image 12 from the media library;
 * - `{{related:34}}` alone in a paragraph embeds story 34 as a related-story card.
 * A blockquote whose last line starts with "—" or "--" takes that line as its attribution.
 */
export function markdownToDocument(markdown: string): StoryDocument {
  if (quoteDepth(markdown) > MAX_QUOTE_DEPTH)
    throw badRequest(`Quotes may be nested at most ${MAX_QUOTE_DEPTH} deep (a line starts with too many ">").`);
  let blocks: Block[];
  try {
    blocks = lexer(markdown).flatMap(blockFrom);
  } catch (err) {
    // marked parses nesting by recursion: past a depth the stack gives out (RangeError). That is the text's limit.
    if (err instanceof RangeError) throw badRequest('The Markdown is nested too deeply to read (lists or quotes).');
    throw err;
  }
  // The document's limits (schema messages) as one readable 400, never a bare ZodError.
  return parseInput(DocumentSchema, { version: 1, blocks });
}

/** How deep quotes may nest: far more than any story uses, well inside what the parser's recursion survives. */
const MAX_QUOTE_DEPTH = 50;

/** The deepest run of quote markers (`>`, spaces between allowed) that starts a line. */
function quoteDepth(markdown: string): number {
  let deepest = 0;
  for (const m of markdown.matchAll(/^[ \t]*((?:>[ \t]*)+)/gm)) {
    const depth = m[1]!.split('>').length - 1;
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

function inlines(tokens: Token[] | undefined, marks: Omit<Inline, 'text'> = {}): Inline[] {
  const out: Inline[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        out.push(...inlines((t as Tokens.Strong).tokens, { ...marks, bold: true }));
        break;
      case 'em':
        out.push(...inlines((t as Tokens.Em).tokens, { ...marks, italic: true }));
        break;
      case 'link': {
        const l = t as Tokens.Link;
        const href = isSafeHref(l.href) ? l.href : undefined;
        out.push(...inlines(l.tokens, href ? { ...marks, href } : marks));
        break;
      }
      case 'br':
        out.push({ ...marks, text: '\n' });
        break;
      case 'image':
        out.push({ ...marks, text: (t as Tokens.Image).text });
        break;
      case 'html':
        out.push({ ...marks, text: stripTags((t as Tokens.HTML).text) });
        break;
      case 'text':
      case 'escape': {
        const tt = t as Tokens.Text;
        if (tt.tokens?.length) out.push(...inlines(tt.tokens, marks));
        else out.push({ ...marks, text: decodeEntities(tt.text) });
        break;
      }
      case 'codespan':
        out.push({ ...marks, text: decodeEntities((t as Tokens.Codespan).text) });
        break;
      default:
        if ('text' in t && typeof t.text === 'string') out.push({ ...marks, text: decodeEntities(stripTags(t.text)) });
    }
  }
  return merge(out.filter((i) => i.text !== ''));
}

/** Joins neighbouring runs that carry the same marks. */
function merge(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const r of runs) {
    const prev = out[out.length - 1];
    if (prev && prev.bold === r.bold && prev.italic === r.italic && prev.href === r.href) prev.text += r.text;
    else out.push({ ...r });
  }
  return out;
}

function blockFrom(t: Token): Block[] {
  switch (t.type) {
    case 'paragraph': {
      const p = t as Tokens.Paragraph;
      const related = /^\{\{related:(\d+)\}\}$/.exec(p.text.trim());
      if (related) return [{ type: 'embed', storyId: Number(related[1]) }];
      const only = p.tokens.filter((x) => !(x.type === 'text' && x.raw.trim() === ''));
      if (only.length === 1 && only[0]!.type === 'image') {
        const img = only[0] as Tokens.Image;
        const m = /^image:(\d+)$/.exec(img.href);
        if (m) return [{ type: 'image', imageId: Number(m[1]), alt: img.text, caption: img.title ?? undefined }];
      }
      const content = inlines(p.tokens);
      return content.length ? [{ type: 'paragraph', content }] : [];
    }
    case 'heading': {
      const h = t as Tokens.Heading;
      const level = Math.min(4, Math.max(2, h.depth)) as 2 | 3 | 4;
      return [{ type: 'heading', level, content: inlines(h.tokens) }];
    }
    case 'blockquote': {
      const q = t as Tokens.Blockquote;
      const paras = q.tokens.filter((x) => x.type === 'paragraph') as Tokens.Paragraph[];
      let attribution: string | undefined;
      const last = paras[paras.length - 1];
      const lastLine = last?.text.split('\n').pop() ?? '';
      const m = /^\s*(?:—|--|―)\s*(.+)$/.exec(lastLine);
      const bodyParas = paras.map((p) => p.text);
      if (m && last) {
        attribution = m[1]!.trim();
        bodyParas[bodyParas.length - 1] = last.text.split('\n').slice(0, -1).join('\n');
      }
      const content = inlines(
        lexer(bodyParas.filter(Boolean).join('\n\n')).flatMap((x) =>
          x.type === 'paragraph'
            ? [...(x as Tokens.Paragraph).tokens, { type: 'text', raw: ' ', text: ' ' } as Tokens.Text]
            : [],
        ),
      );
      const trimmed = content.length
        ? [
            ...content.slice(0, -1),
            { ...content[content.length - 1]!, text: content[content.length - 1]!.text.trimEnd() },
          ]
        : [];
      return [{ type: 'quote', content: trimmed, ...(attribution ? { attribution } : {}) }];
    }
    case 'list': {
      const l = t as Tokens.List;
      const items = l.items.map((it) =>
        inlines(it.tokens.flatMap((x) => ('tokens' in x && x.tokens ? x.tokens : [x]))),
      );
      return items.length ? [{ type: 'list', ordered: l.ordered, items }] : [];
    }
    case 'hr':
      return [{ type: 'divider' }];
    case 'code': {
      const c = t as Tokens.Code;
      return [{ type: 'paragraph', content: [{ text: c.text }] }];
    }
    case 'html': {
      const text = stripTags((t as Tokens.HTML).text).trim();
      return text ? [{ type: 'paragraph', content: [{ text: decodeEntities(text) }] }] : [];
    }
    default:
      return [];
  }
}

function stripTags(html: string): string {
  return html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '').replace(/<[^>]*>/g, '');
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  apos: "'",
  nbsp: '\u00a0',
};
function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, e: string) => ENTITIES[e] ?? _);
}
