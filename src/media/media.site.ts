import { Readable } from 'node:stream';
import type { RouteModule } from '../http/route-module.js';
import { notFound } from '../http/errors.js';
import { IMMUTABLE } from '../http/static-assets.js';
import { UNTOUCHED_ORIGINAL } from './image.pipeline.js';

const TYPES: Record<string, string> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' };

/**
 * Serves stored images. Their keys contain a content hash, so they are cached for a year. An untouched upload
 * stored before stripping (`…/original.jpg`, with its EXIF) is never served, even while it is still on disk.
 */
export const mediaRoutes: RouteModule = (app, deps) => {
  app.get('/media/*', async (c) => {
    const key = c.req.path.slice('/media/'.length);
    const type = TYPES[key.split('.').pop() ?? ''];
    const file = type && !UNTOUCHED_ORIGINAL.test(key) ? await deps.media.get(key) : null;
    if (!file || !type) throw notFound('image');
    return new Response(Readable.toWeb(file.stream) as ReadableStream, {
      headers: {
        'Content-Type': type,
        'Content-Length': String(file.size),
        'Cache-Control': IMMUTABLE,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
};
