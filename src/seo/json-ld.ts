import { raw } from 'hono/html';
import { html } from '../ui/html.js';

// Rendering rule (ui/html.ts): the head of every story page, so an `html` template escaped by the one escaper.

/**
 * Serializes structured data for a `<script type="application/ld+json">` element. The text of a script
 * element ends at the first `</script`, whatever JSON thinks, so `<` and `>` (and `&`, and the line
 * separators JavaScript once treated as newlines) are written as \u escapes: JSON parsers read them back
 * as the same characters, and no headline can break out of the element.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Structured data as a script element of type application/ld+json: data, never executed, so the strict CSP
 * (no inline script) does not apply. This is the one raw insertion outside the document renderer; its
 * safety rests on serializeJsonLd above.
 */
export function JsonLd(props: { data: unknown }) {
  return html`<script type="application/ld+json">${raw(serializeJsonLd(props.data))}</script>`;
}
