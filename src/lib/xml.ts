/**
 * The one way Broadsheet writes XML text (feeds, sitemaps). Every string that goes into an element or an
 * attribute passes through `xmlEscape`, so no headline can close a tag, open a CDATA section or make the
 * document ill-formed.
 */

// Characters XML 1.0 forbids even as character references: C0 controls other than tab, LF and CR,
// the non-characters U+FFFE/U+FFFF, and UTF-16 surrogates that do not form a pair. A conforming parser
// stops at the first one, so one bad byte in a headline would break the whole feed: they are dropped.
const ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes the characters XML 1.0 does not allow anywhere (also useful for JSON meant for XML-ish consumers). */
export function stripIllegalXmlChars(text: string): string {
  return text.replace(ILLEGAL, '');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

// Anything either step could change; most strings (URLs, dates, plain headlines) have none, and a
// 50,000-URL sitemap escapes 100,000 of them, so those return untouched after one scan.
const NEEDS_WORK = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes text for an XML element or a double- or single-quoted attribute, dropping illegal characters. */
export function xmlEscape(text: string | number): string {
  const s = String(text);
  if (!NEEDS_WORK.test(s)) return s;
  return stripIllegalXmlChars(s).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** Attribute values of an element, escaped; undefined values are left out. */
type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs | undefined): string {
  if (!a) return '';
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(v as string | number)}"`)
    .join('');
}

/** `<name attrs>escaped text</name>`; an empty element when text is undefined. */
export function el(name: string, text?: string | number, a?: Attrs): string {
  return text === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${xmlEscape(text)}</${name}>`;
}

/** `<name attrs>children</name>` where children are already-built XML fragments (from `el`/`wrap`). */
export function wrap(name: string, children: readonly string[], a?: Attrs): string {
  return `<${name}${attrs(a)}>${children.join('')}</${name}>`;
}

/** A complete document: the XML declaration and the root element. */
export function xmlDocument(root: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n`;
}
