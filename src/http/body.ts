import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Where text is encoded before its exact bytes are copied out; grown to the largest page seen, up to a bound. */
let scratch = Buffer.allocUnsafeSlow(128 * 1024);
const SCRATCH_MAX = 4 * 1024 * 1024;

/**
 * The UTF-8 bytes of a text in one encoding pass. Buffer.from(string) first measures the encoded length and
 * then encodes, two passes over a 25 KB page; this encodes into a buffer large enough for any text of that
 * length (3 bytes per UTF-16 unit at most) and copies the exact bytes out.
 */
export function utf8Bytes(text: string): Buffer<ArrayBuffer> {
  const worst = text.length * 3;
  if (worst > SCRATCH_MAX) return Buffer.from(text);
  if (worst > scratch.length) scratch = Buffer.allocUnsafeSlow(worst);
  const n = scratch.write(text);
  return Buffer.from(scratch.subarray(0, n)) as Buffer<ArrayBuffer>;
}

/** Bodies of responses built from bytes in hand, by response (gone with the response). */
const known = new WeakMap<Response, Buffer<ArrayBuffer>>();

/**
 * Answers with a body already in memory, and remembers it for `bodyBytes`. Rendered pages go out this way:
 * the render cache middleware needs the bytes of each page (ETag, storage), and reading them back out of a
 * Response means a web stream, a USV-string check and a TextEncoder pass over every page.
 */
export function sendBytes(
  c: Context,
  body: Buffer<ArrayBuffer>,
  status: ContentfulStatusCode,
  contentType: string,
): Response {
  const res = c.body(body, status, { 'Content-Type': contentType });
  known.set(res, body);
  return res;
}

/** The bytes of a response's body: those it was built from when `sendBytes` made it, else read from its stream. */
export async function bodyBytes(res: Response): Promise<Buffer<ArrayBuffer>> {
  return known.get(res) ?? Buffer.from(await res.arrayBuffer());
}

/**
 * Replaces the response a handler made with a new one. Assigning `c.res` over an existing response makes hono
 * rebuild the new one around its body as a stream (to carry the old headers over), which then has to be read
 * back chunk by chunk; the replacement here already holds every header it needs, so the old one is dropped first.
 */
export function replaceResponse(c: Context, res: Response): void {
  c.res = undefined;
  c.res = res;
}
