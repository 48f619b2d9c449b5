import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { validatedByCache } from '../cache/cache.middleware.js';
import { etagMatches, strongEtag } from '../http/conditional.js';
import { badRequest } from '../http/errors.js';

/** Max-age of API answers: short, since a client revalidates cheaply with the ETag. */
export const API_CACHE_CONTROL = 'public, max-age=60';

/**
 * Strong ETags for successful GETs the render cache middleware does not validate (unkeyed lists, requests with
 * credentials): a hash of the exact bytes sent, so equal ETags mean equal bodies. A matching If-None-Match gets a
 * 304 with no body.
 */
export function etags(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || c.res.status !== 200) return;
    // Opted-in answers get the same validator from the render cache middleware: hashing (and reading the body
    // back) here too would be the same work twice on every miss.
    if (validatedByCache(c)) return;
    const bytes = new Uint8Array(await c.res.clone().arrayBuffer());
    const etag = strongEtag(bytes);
    c.res.headers.set('ETag', etag);
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', API_CACHE_CONTROL);
    if (etagMatches(c.req.header('if-none-match'), etag)) {
      const headers = new Headers(c.res.headers);
      headers.delete('Content-Length');
      headers.delete('Content-Type');
      c.res = new Response(null, { status: 304, headers });
    }
  };
}

/** Parses a query with a zod schema; the first problem becomes a 400 that names the parameter. */
export function parseQuery<T extends z.ZodTypeAny>(c: Context, schema: T): z.infer<T> {
  const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badRequest(`The "${String(issue.path[0] ?? 'query')}" parameter ${issue.message.replace(/^./, (ch) => ch.toLowerCase())}`, parsed.error.issues);
  }
  return parsed.data;
}

export const slugValue = z.string().max(200).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug such as "world".');

/** An ISO 8601 date or date-time, as epoch ms. */
export const instant = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be an ISO 8601 date or time, such as 2026-01-31 or 2026-01-31T12:00:00Z.')
  .transform((v, ctx) => {
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
    if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'is not a real date or time.' });
    return ms;
  });

export const limitValue = z.coerce.number().int('must be a whole number.').min(1, 'must be at least 1.').max(100, 'must be at most 100.').default(20);
/** A list's `cursor`: checked (length included) by the list's cursor codec, so a bad one answers its one message. */
export const cursorValue = z.string().optional();
