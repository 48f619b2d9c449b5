import type { RouteModule } from '../http/route-module.js';
import { sendConditional } from '../http/conditional.js';
import { getSettings } from '../settings/settings.repo.js';
import { renderLogo } from './logo.js';


/** `/brand/logo.png`: the publisher logo of structured data and the icon of feeds, drawn once per name. */
export const logoRoutes: RouteModule = (app, deps) => {
  const drawn = new Map<string, Promise<Buffer>>();
  app.get('/brand/logo.png', async (c) => {
    const { name } = await getSettings(deps.db);
    let png = drawn.get(name);
    if (!png) {
      png = renderLogo(name);
      drawn.clear();
      drawn.set(name, png);
    }
    return sendConditional(c, { body: await png, contentType: 'image/png', cacheControl: 'public, max-age=86400' });
  });
};
