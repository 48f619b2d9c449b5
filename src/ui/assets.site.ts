import type { RouteModule } from '../http/route-module.js';
import { notFound } from '../http/errors.js';
import { assetByFile } from './assets.js';

/** Serves the versioned stylesheet and script, gzipped when the reader accepts it, cached for a year. */
export const assetRoutes: RouteModule = (app) => {
  app.get('/assets/:file', (c) => {
    const asset = assetByFile(c.req.param('file'));
    if (!asset) throw notFound('file');
    const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const headers: Record<string, string> = {
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: `"${asset.hash}"`,
      Vary: 'Accept-Encoding',
    };
    if (gzip) headers['Content-Encoding'] = 'gzip';
    return c.body(new Uint8Array(gzip ? asset.gzip : asset.body), 200, headers);
  });
};
