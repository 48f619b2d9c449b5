import type { RouteModule } from '../http/route-module.js';
import { sendConditional } from '../http/conditional.js';
import { boundedMemo } from '../lib/lru.js';
import { type BrandIcons, renderIcons, webManifest } from './logo.js';

/** Each icon's path, which of the drawn icons it serves and its type. */
const ICON_ROUTES: readonly { path: string; icon: keyof BrandIcons; type: string }[] = [
  { path: '/brand/logo.png', icon: 'logo', type: 'image/png' },
  { path: '/icon-192.png', icon: 'icon192', type: 'image/png' },
  { path: '/apple-touch-icon.png', icon: 'appleTouch', type: 'image/png' },
  // image/x-icon, not the registered vnd.microsoft.icon: the type every browser knows for favicons.
  { path: '/favicon.ico', icon: 'favicon', type: 'image/x-icon' },
];

/**
 * The newsroom's monogram, drawn once per name: `/brand/logo.png` (structured data's publisher logo, feeds' icon),
 * `/favicon.ico`, `/apple-touch-icon.png`, `/icon-192.png`, and `/site.webmanifest` that names them. A browser asks
 * for `/favicon.ico` on every site whatever the page links, so it must answer, not 404.
 */
export const logoRoutes: RouteModule = (app, deps) => {
  // A renamed newsroom draws new icons; the previous name or two stay for pages still cached with them.
  const drawn = boundedMemo(4, renderIcons);
  for (const route of ICON_ROUTES)
    app.get(route.path, async (c) => {
      const { name } = await deps.lookups.settings();
      return sendConditional(c, {
        body: (await drawn(name))[route.icon],
        contentType: route.type,
        cacheControl: 'public, max-age=86400',
      });
    });
  app.get('/site.webmanifest', async (c) =>
    sendConditional(c, {
      body: webManifest(await deps.lookups.settings()),
      contentType: 'application/manifest+json; charset=utf-8',
      cacheControl: 'public, max-age=86400',
    }),
  );
};
