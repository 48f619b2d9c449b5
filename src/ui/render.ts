import type { Context } from 'hono';

/** Sends a rendered page (hono/jsx element) as a complete HTML document. */
export function sendPage(c: Context, page: unknown, status: 200 | 400 | 404 | 500 | 503 = 200): Response {
  return c.html(`<!DOCTYPE html>${String(page)}`, status);
}
