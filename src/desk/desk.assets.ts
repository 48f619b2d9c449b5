import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { RouteModule } from '../http/route-module.js';

/** The desk's own stylesheet and script, self-hosted (no third-party requests), read once at load. */
const FILES = {
  'desk.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('./assets/desk.css', import.meta.url)) },
  'desk.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('./assets/desk.js', import.meta.url)) },
};
const version = (b: Buffer) => createHash('sha256').update(b).digest('hex').slice(0, 10);

/** URL of a desk asset, with a content version so a changed file is fetched again. */
export const deskAssetUrl = (name: keyof typeof FILES) => `/desk/static/${name}?v=${version(FILES[name].body)}`;

/** Serves /desk/static/desk.css and /desk/static/desk.js. */
export const deskAssetRoutes: RouteModule = (app) => {
  for (const [name, f] of Object.entries(FILES))
    app.get(`/desk/static/${name}`, (c) => c.body(new Uint8Array(f.body), 200, { 'Content-Type': f.type, 'Cache-Control': 'public, max-age=3600' }));
};
