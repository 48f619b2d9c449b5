import type { Context } from 'hono';
import { sendBytes, utf8Bytes } from '../http/body.js';

/** Sends a rendered page (an html template or hono/jsx element) as a complete HTML document. */
export function sendPage(c: Context, page: unknown, status: 200 | 400 | 404 | 500 | 503 = 200): Response {
  return sendBytes(c, utf8Bytes(`<!DOCTYPE html>${String(page)}`), status, 'text/html; charset=UTF-8');
}
