import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { z } from 'zod';
import type { RouteModule } from '../http/route-module.js';
import { AppError } from '../http/errors.js';
import { parseInput } from '../lib/parse-input.js';

const EventId = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a whole number')
  .transform(Number);
const LiveQuery = z.object({
  'Last-Event-ID': EventId.optional(),
  since: EventId.optional(),
  blog: EventId.optional(),
});

/**
 * `GET /live/feed` (and `/uk/live/feed`, … per edition) — the live News Feed of an edition as Server-Sent Events:
 * story events of that edition's stories, the banner, and live-blog events. `Last-Event-ID` (sent by EventSource
 * when it reconnects) or `?since=` (the id the page was rendered at) replays what was missed, filtered the same
 * way; `?blog=ID` adds that live blog's entries to the stream.
 */
export const liveSiteRoutes: RouteModule = (app, deps) => {
  app.get('/live/feed', (c) => {
    const q = parseInput(
      LiveQuery,
      {
        'Last-Event-ID': c.req.header('last-event-id') || undefined,
        since: c.req.query('since') || undefined,
        blog: c.req.query('blog') || undefined,
      },
      'parameter',
    );
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (!outgoing)
      throw new AppError(
        503,
        'unavailable',
        'Live updates are not available here. Reload the page to see the latest stories.',
      );
    deps.live.attach(outgoing, {
      since: q['Last-Event-ID'] ?? q.since ?? null,
      blogId: q.blog ?? null,
      language: c.get('edition').code,
    });
    // node-server leaves this response alone: the hub writes the stream itself. Its own instance, made before
    // node-server swaps in its lightweight Response, is the one it checks for on every path (a fresh
    // `new Response(null, {headers: {'x-hono-already-sent': 'true'}})` would be written out again on its fast path).
    return RESPONSE_ALREADY_SENT;
  });
};
