import { escapeToBuffer } from 'hono/utils/html';

/**
 * The one HTML escaper: hono's (`& < > " '`, the quote as `&#39;`). hono/jsx escapes every child and attribute with
 * it, `html` templates (ui/html.ts) escape every interpolated value with it, and code that writes HTML into a
 * string outside both (search snippets in the API) calls `escapeHtml`. XML has its own (`xmlEscape`, lib/xml.ts),
 * which also drops characters XML 1.0 forbids.
 */
export const escapeHtmlTo: (text: string, buffer: [string]) => void = escapeToBuffer;

/** Text escaped for an HTML element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  const buffer: [string] = [''];
  escapeHtmlTo(text, buffer);
  return buffer[0];
}
