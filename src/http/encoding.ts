import { LruMap } from '../lib/lru.js';

/**
 * The one reading of `Accept-Encoding` (RFC 9110 §12.5.3). Every response we compress (the render cache, the
 * static assets) picks its encoding here, so `q=0` refuses a coding everywhere, `*` stands for any coding the
 * header does not name, and `identity` is the fallback unless refused.
 */

/** A content coding we can send precompressed, in the server's order of preference (smallest first). */
export type ContentCoding = 'br' | 'gzip';

/** The codings we send, best first: brotli is smaller, gzip is what every client has. */
export const CODINGS: readonly ContentCoding[] = ['br', 'gzip'];

/**
 * The q-value of each coding the header names, lower-cased (`x-gzip` read as `gzip`, RFC 9110 §8.4.1.3). A
 * malformed q-value refuses the coding it is on, as a client that cannot write one cannot be trusted to decode it.
 */
export function parseAcceptEncoding(header: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of header.split(',')) {
    const [rawName = '', ...params] = part.split(';');
    let name = rawName.trim().toLowerCase();
    if (!name) continue;
    if (name === 'x-gzip') name = 'gzip';
    let q = 1;
    for (const p of params) {
      const [k = '', v = ''] = p.split('=').map((x) => x.trim());
      if (k.toLowerCase() !== 'q') continue;
      q = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(v) ? Number(v) : 0;
    }
    // A coding named twice keeps its first weight (the header is a set; a repeat is noise).
    if (!out.has(name)) out.set(name, q);
  }
  return out;
}

/**
 * The coding to send a response in, from the ones we have (`offered`, best first), or null for identity (the
 * bytes as they are). No header means identity, the usual server practice. A coding counts when it, or `*`, has
 * q > 0; the highest q wins, ties go to the order of `offered`; identity wins instead only when the client
 * ranks it higher than every coding we have. `q=0` on a coding (or on `*` for codings it does not name) refuses it.
 */
export function chooseEncoding<C extends string = ContentCoding>(
  header: string | undefined,
  offered: readonly C[] = CODINGS as readonly string[] as readonly C[],
): C | null {
  if (!header) return null;
  // Every cache hit asks this, and clients send a handful of distinct headers: remember the answers.
  if (offered !== (CODINGS as readonly string[])) return choose(header, offered);
  let known = chosen.get(header);
  if (known === undefined) {
    known = choose(header, CODINGS);
    chosen.set(header, known);
  }
  return known as C | null;
}

const chosen = new LruMap<string, ContentCoding | null>(256);

function choose<C extends string>(header: string, offered: readonly C[]): C | null {
  const weights = parseAcceptEncoding(header);
  const any = weights.get('*');
  let best: C | null = null;
  let bestQ = 0;
  for (const coding of offered) {
    const q = weights.get(coding) ?? any ?? 0;
    if (q > bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  const identityQ = weights.get('identity');
  return best !== null && identityQ !== undefined && identityQ > bestQ ? null : best;
}
