import type { RouteModule } from '../http/route-module.js';
import { mediaApiRoutes } from '../media/media.api.js';
import { mediaDeskRoutes } from '../media/media.desk.js';
import { deskGuard } from './desk-guard.js';
import { editorAssetRoutes } from '../editor/editor.assets.js';
import { previewRoutes } from '../stories/story-preview.desk.js';
import { relatedSearchRoutes } from '../stories/story-related.api.js';

/** Everything the desk's writing experience serves: the editor bundle, media, related-story search and preview. */
export const editorRoutes: RouteModule = (app, deps) => {
  const guard = deskGuard(deps.config);
  editorAssetRoutes(app, deps);
  relatedSearchRoutes(guard)(app, deps);
  mediaApiRoutes(guard)(app, deps);
  mediaDeskRoutes(guard)(app, deps);
  previewRoutes(guard)(app, deps);
};
