/**
 * The rendering rule (one of two ways to write markup, each for its own kind of view):
 *
 * - `html` templates (this module), in `.ts` files: the reader site's building blocks, rendered many times on
 *   every uncached reader page (the layout, cards and lists, the story page, the document body, pictures, times,
 *   the SEO head and JSON-LD). They are plain synchronous functions returning `Html`, joined in one pass here;
 *   hono/jsx builds and walks an object per element, which was most of an uncached page's rendering time.
 * - hono/jsx, in `.tsx` files: everything else: the desk (forms, tables, its layout), the reader routes that put a
 *   page together from the blocks above (section, tag, author, search, News Feed pages), the error page and the
 *   live blog. Use it unless a view is on the reader's hot path; a `.tsx` file has JSX in it, a `.ts` file none.
 *
 * Either may contain the other (a template's result is a JSX child; a JSX element is a template value). Both
 * escape every interpolated string through the one HTML escaper (lib/html-escape.ts, which is hono's). Markup
 * goes in unescaped only through `raw()` of a constant (a tag name) or of what a serializer made safe (JSON-LD).
 */
import { html as honoHtml } from 'hono/html';
import { type HtmlEscaped, type HtmlEscapedString, raw } from 'hono/utils/html';
import { escapeHtmlTo } from '../lib/html-escape.js';

/** What a template returns: escaped markup, usable as a hono/jsx child or component result. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const compact = new WeakMap<TemplateStringsArray, TemplateStringsArray>();

/** The literal parts of a template with JSX's whitespace rule applied, worked out once per call site. */
function compacted(strings: TemplateStringsArray): TemplateStringsArray {
  let parts = compact.get(strings);
  if (!parts) {
    const out = strings.map((s) => s.replace(/[ \t]*\n\s*/g, ''));
    parts = Object.assign(out, { raw: out }) as unknown as TemplateStringsArray;
    compact.set(strings, parts);
  }
  return parts;
}

/**
 * Appends one interpolated value the way hono's `html` does (strings and other objects escaped, numbers
 * as they are, null/undefined/booleans as nothing, arrays item by item, escaped markup as it is), with
 * hono's own escaper. Returns false for what only hono's asynchronous path can handle (a promise, markup
 * with callbacks, an async JSX element): the caller then hands the whole template to hono.
 */
function append(v: unknown, buffer: [string]): boolean {
  if (typeof v === 'string') escapeHtmlTo(v, buffer);
  else if (typeof v === 'number') buffer[0] += v;
  else if (v === null || v === undefined || typeof v === 'boolean') return true;
  else if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!append(v[i], buffer)) return false;
  } else if (v instanceof Promise) return false;
  else if (typeof v === 'object' && (v as HtmlEscaped).isEscaped) {
    if ((v as HtmlEscaped).callbacks) return false;
    const s: unknown = v.toString();
    if (typeof s !== 'string' && !(s instanceof String)) return false;
    buffer[0] += s;
  } else escapeHtmlTo(String(v), buffer);
  return true;
}

/**
 * hono's `html` tagged template with JSX's whitespace rule: a line break and the indentation around it
 * vanish, so a template can be laid out like markup and still render exactly what the JSX did
 * (write a space you mean on its line). Every interpolated value is escaped with hono's escaper (strings
 * as text and attribute values; nested templates and JSX elements pass through as markup), as in hono/jsx.
 *
 * The hot reader views (story page, cards, layout, document body) use it: hono/jsx builds and walks an
 * object per element, which was most of an uncached page's rendering time. Synchronous values are joined
 * here in one pass; anything asynchronous goes to hono's `html`, which resolves it.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const parts = compacted(strings);
  const buffer: [string] = [parts[0]!];
  for (let i = 0; i < values.length; i++) {
    if (!append(values[i], buffer)) return honoHtml(parts, ...values);
    buffer[0] += parts[i + 1]!;
  }
  return raw(buffer[0]);
}
