import type { RouteModule } from '../http/route-module.js';
import { editorAssets } from './editor.bundle.js';

/**
 * Serves the editor's script and stylesheet (/desk/assets/editor.js, editor.css), built once per process on the
 * first request; the desk pages link them by their bare names, revalidated by ETag, so a deploy is picked up on the
 * next page load.
 */
export const editorAssetRoutes: RouteModule = (app) => editorAssets.serve(app);
