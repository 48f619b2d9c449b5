import type { Context } from 'hono';
import { AppError } from '../http/errors.js';
import { formBody } from '../http/input.js';

/** Sends a desk page (hono/jsx element) as a complete HTML document with any status. */
export function sendDeskPage(c: Context, page: unknown, status = 200): Response {
  return c.html(`<!DOCTYPE html>${String(page)}`, status as 200);
}

/** Parses a form post into plain string fields (files and repeated fields are ignored unless asked for). */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data'))
    throw new AppError(415, 'unsupported_media_type', 'Send this form as application/x-www-form-urlencoded.');
  const body = await formBody(c);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}

/** Every value of a repeated form field (tags, authors), as strings. */
export async function formList(c: Context, name: string): Promise<string[]> {
  const body = await formBody(c);
  const v = body[name] ?? body[`${name}[]`];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

/** A post-sign-in destination: only a path inside the desk, never another site. */
export function safeNext(next: string | undefined): string {
  // A control character (a decoded %0a or %00) would make the Location header invalid: such a next is ignored.
  return next && /^\/desk(\/|$|\?)/.test(next) && !next.startsWith('//') && !/[\u0000-\u001f\u007f]/.test(next)
    ? next
    : '/desk';
}
