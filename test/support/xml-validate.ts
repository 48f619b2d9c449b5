import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

const XSD_DIR = join(import.meta.dirname, '..', 'fixtures', 'xsd');
const file = (name: string) => ({ fileName: name, contents: readFileSync(join(XSD_DIR, name), 'utf8') });

/** The schemas in test/fixtures/xsd, by what they validate. */
export const SCHEMAS = {
  /** A urlset, with the XHTML <link> of hreflang alternates (the sitemaps.org schema alone refuses any). */
  sitemap: 'sitemap-hreflang.xsd',
  sitemapIndex: 'siteindex.xsd',
  newsSitemap: 'news-sitemap.xsd',
} as const;

/**
 * Validates a document against one of the schemas with libxml2's xmllint (compiled to WebAssembly, so the
 * suite needs no system package). Returns the validator's error messages; an empty list means valid.
 */
export async function xsdErrors(xml: string, schema: keyof typeof SCHEMAS): Promise<string[]> {
  const result = await validateXML({
    xml: { fileName: 'document.xml', contents: xml },
    schema: file(SCHEMAS[schema]),
    // Imported schemas must be on xmllint's (in-memory) file system under the names the driver uses.
    preload: ['sitemap.xsd', 'sitemap-news.xsd', 'xhtml-link.xsd'].map(file),
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** Parses a document with libxml2 (no schema): the messages of a non-well-formed one, or an empty list. */
export async function wellFormedErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: { fileName: 'document.xml', contents: xml }, normalization: 'format' });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** Validates an Atom document against RFC 4287's RELAX NG schema (test/fixtures/rng/atom.rng) with libxml2. */
export async function atomErrors(xml: string): Promise<string[]> {
  const rng = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'rng', 'atom.rng'), 'utf8');
  const result = await validateXML({
    xml: { fileName: 'feed.atom', contents: xml },
    schema: { fileName: 'atom.rng', contents: rng },
    extension: 'relaxng',
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
