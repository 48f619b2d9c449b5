import type { RouteModule } from '../http/route-module.js';
import { deskAssets } from './desk.asset-files.js';

/** Serves /desk/static/desk.<hash>.css and desk.<hash>.js (see desk.asset-files.ts for their URLs). */
export const deskAssetRoutes: RouteModule = (app) => deskAssets.serve(app);
