import type { RouteModule } from '../http/route-module.js';
import { siteAssets } from './assets.js';

/** Serves the reader site's stylesheet and script (/assets/site.<hash>.css …), as every static file is served. */
export const assetRoutes: RouteModule = (app) => siteAssets.serve(app);
