import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { RouteModule } from '../http/app.js';
import { AppError, badRequest } from '../http/errors.js';

const EventId = z.string().regex(/^\d{1,15}$/).transform(Number);
const LiveQuery = z.object({
  lastEventId: EventId.optional(),
  since: EventId.optional(),
  blog: EventId.optional(),
});

// node-server leaves a response with this header alone: the hub writes the stream itself.
const ALREADY_SENT = { 'x-hono-already-sent': 'true' };

/**
 * `GET /live/feed` — the live News Feed as Server-Sent Events. `Last-Event-ID` (sent by EventSource when
 * it reconnects) or `?since=` (the id the page was rendered at) replays what was missed; `?blog=ID` adds
 * that live blog's entries to the stream.
 */
export const liveSiteRoutes: RouteModule = (app, deps) => {
  app.get('/live/feed', (c) => {
    const parsed = LiveQuery.safeParse({
      lastEventId: c.req.header('last-event-id') || undefined,
      since: c.req.query('since') || undefined,
      blog: c.req.query('blog') || undefined,
    });
    if (!parsed.success) throw badRequest('That live-feed address is not valid: since, blog and Last-Event-ID must be whole numbers.');
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (!outgoing) throw new AppError(503, 'unavailable', 'Live updates are not available here. Reload the page to see the latest stories.');
    const q = parsed.data;
    deps.live.attach(outgoing, { since: q.lastEventId ?? q.since ?? null, blogId: q.blog ?? null });
    return new Response(null, { headers: ALREADY_SENT });
  });
};
