import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Bodies of responses built from bytes in hand, by response (gone with the response). */
const known = new WeakMap<Response, Buffer<ArrayBuffer>>();

/**
 * Answers with a body already in memory, and remembers it for `bodyBytes`. Rendered pages go out this way:
 * the render cache middleware needs the bytes of each page (ETag, storage), and reading them back out of a
 * Response means a web stream, a USV-string check and a TextEncoder pass over every page.
 */
export function sendBytes(c: Context, body: Buffer<ArrayBuffer>, status: ContentfulStatusCode, contentType: string): Response {
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
