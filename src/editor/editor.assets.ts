import type { RouteModule } from '../http/route-module.js';
import { type BuiltAsset, buildEditorBundle, loadEditorCss, once } from './editor.bundle.js';

/**
 * Serves the editor's script and stylesheet at fixed URLs (the desk page links them by name), built
 * lazily once per app and revalidated by ETag so a new deploy is picked up on the next page load.
 */
export const editorAssetRoutes: RouteModule = (app) => {
  const js = once(() => buildEditorBundle());
  const css = once(loadEditorCss);
  const send = (asset: BuiltAsset, ifNoneMatch: string | undefined, acceptEncoding: string | undefined) => {
    const headers: Record<string, string> = { 'Content-Type': asset.type, 'Cache-Control': 'no-cache', ETag: asset.etag, Vary: 'Accept-Encoding' };
    if (ifNoneMatch === asset.etag) return new Response(null, { status: 304, headers });
    const gzip = /\bgzip\b/.test(acceptEncoding ?? '');
    if (gzip) headers['Content-Encoding'] = 'gzip';
    return new Response(new Uint8Array(gzip ? asset.gzip : asset.body), { status: 200, headers });
  };
  app.get('/desk/assets/editor.js', async (c) => send(await js(), c.req.header('if-none-match'), c.req.header('accept-encoding')));
  app.get('/desk/assets/editor.css', async (c) => send(await css(), c.req.header('if-none-match'), c.req.header('accept-encoding')));
};
