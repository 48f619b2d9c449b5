import type { RouteModule } from '../http/route-module.js';
import { sendConditional } from '../http/conditional.js';
import { boundedMemo } from '../lib/lru.js';
import { renderLogo } from './logo.js';

/** `/brand/logo.png`: the publisher logo of structured data and the icon of feeds, drawn once per name. */
export const logoRoutes: RouteModule = (app, deps) => {
  // A renamed newsroom draws a new logo; the previous name or two stay for pages still cached with them.
  const drawn = boundedMemo(4, renderLogo);
  app.get('/brand/logo.png', async (c) => {
    const { name } = await deps.lookups.settings();
    return sendConditional(c, {
      body: await drawn(name),
      contentType: 'image/png',
      cacheControl: 'public, max-age=86400',
    });
  });
};
