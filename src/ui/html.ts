import { html as honoHtml } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** What a template returns: escaped markup, usable as a hono/jsx child or component result. */
export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const compact = new WeakMap<TemplateStringsArray, TemplateStringsArray>();

/**
 * hono's `html` tagged template with JSX's whitespace rule: a line break and the indentation around it
 * vanish, so a template can be laid out like markup and still render exactly what the JSX did
 * (write a space you mean on its line). Every interpolated value is escaped by hono (strings as text
 * and attribute values; nested templates and JSX elements pass through as markup), as in hono/jsx.
 *
 * The hot reader views (story page, cards, layout, document body) use it: hono/jsx builds and walks an
 * object per element, which was most of an uncached page's rendering time. The literal parts are
 * compacted once per call site (template strings arrays are the same object on every call).
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let parts = compact.get(strings);
  if (!parts) {
    const out = strings.map((s) => s.replace(/[ \t]*\n\s*/g, ''));
    parts = Object.assign(out, { raw: out }) as unknown as TemplateStringsArray;
    compact.set(strings, parts);
  }
  return honoHtml(parts, ...values);
}
