import type { AppDeps } from '../app.deps.js';
import type { DeskGuard } from '../desk/desk-guard.js';
import { idParam } from '../http/params.js';
import { libraryCursor } from './image.cursor.js';
import { DeleteImageSchema, confirmed } from './media.input.js';
import { deleteImage, imageView, libraryPage, uploadImage } from './media.service.js';
import { parseQuery } from '../http/input.js';
import { userOf } from '../users/auth.middleware.js';
import { readUpload, uploadLimit } from './media.upload.js';

/**
 * The desk's media API: upload (multipart `file` + alt/caption/credit → the image view, whose `id` goes into a
 * story body, a hero image or an author avatar), the library listing (keyset-paged), one image's view and its
 * deletion.
 * `guard` is the desk's sign-in (and CSRF, for writes) middleware.
 */
export function mediaApiRoutes(guard: DeskGuard) {
  return (app: import('hono').Hono, deps: AppDeps) => {
    app.post('/desk/api/media', guard.user, uploadLimit(), guard.csrf, async (c) => {
      const { bytes, meta } = await readUpload(c);
      const image = await uploadImage(deps, userOf(c), bytes, meta);
      return c.json(await imageView(deps, image.id), 201);
    });
    app.get('/desk/api/media', guard.user, async (c) =>
      c.json(await libraryPage(deps, libraryCursor.decode(c.req.query('before')))),
    );
    app.get('/desk/api/media/:id', guard.user, async (c) => c.json(await imageView(deps, idParam(c, 'image'))));
    // Editors and up. Refused with 409 and the stories that show it unless ?confirm=1.
    app.delete('/desk/api/media/:id', guard.user, guard.csrf, async (c) => {
      const id = idParam(c, 'image');
      const { removedFrom } = await deleteImage(deps, userOf(c), id, {
        confirm: confirmed(parseQuery(c, DeleteImageSchema)),
      });
      return c.json({ deleted: id, removedFrom });
    });
  };
}
