import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { CsrfField, DeskLayout, Notice, TableHead } from '../desk/desk-layout.js';
import { sendDeskPage } from '../desk/desk.render.js';
import { t } from '../desk/desk-words.js';
import type { DeskGuard } from '../desk/desk-guard.js';
import { withFormErrors } from '../http/form-errors.js';
import type { CursorOf } from '../lib/cursor.js';
import { csrfToken, currentUser, userOf } from '../users/auth.middleware.js';
import { can } from '../users/user.policy.js';
import { formBody, presentValues } from '../http/input.js';
import { idParam } from '../http/params.js';
import { parseInput } from '../lib/parse-input.js';
import { DeleteImageSchema, confirmed } from './media.input.js';
import { MAX_UPLOAD_BYTES } from './image.pipeline.js';
import type { ImageView } from './image.present.js';
import { readUpload, uploadLimit } from './media.upload.js';
import { libraryCursor } from './image.cursor.js';
import { deleteImage, libraryPage, uploadImage } from './media.service.js';

const textFields = (body: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));

function LibraryPage(props: {
  csrf: string;
  user: ReturnType<typeof currentUser>;
  images: ImageView[];
  /** Ids of the images the viewer uploaded. */
  mine: number[];
  next: string | null;
  notice?: { kind: 'ok' | 'error'; text: string };
  /** A refused delete of an image stories show: the reason and a button that deletes it anyway. */
  confirmDelete?: { id: number; text: string };
  /** The configured pixel limit (IMAGE_MAX_MEGAPIXELS), in pixels. */
  maxPixels: number;
}) {
  const mine = new Set(props.mine);
  // Editors delete any image; others their own uploads (refused with the reason if a story uses one meanwhile).
  const mayDelete = (id: number) =>
    can(props.user, 'media.delete', { uploadedBy: mine.has(id) ? (props.user?.id ?? null) : null, inUse: false });
  return (
    <DeskLayout title={t('desk.media.title')} csrf={props.csrf} user={props.user}>
      <h1>{t('desk.media.title')}</h1>
      {props.notice && <Notice kind={props.notice.kind}>{props.notice.text}</Notice>}
      {props.confirmDelete && (
        <form
          class="panel stack"
          method="post"
          action={`/desk/media/${props.confirmDelete.id}/delete`}
          aria-labelledby="confirm-delete-title"
        >
          <h2 id="confirm-delete-title">{t('desk.media.confirmDelete', { id: props.confirmDelete.id })}</h2>
          <p>{props.confirmDelete.text}</p>
          <CsrfField token={props.csrf} />
          <input type="hidden" name="confirm" value="1" />
          <div>
            <button type="submit" class="danger">
              {t('desk.media.deleteAnyway')}
            </button>{' '}
            <a href="/desk/media">{t('desk.media.keep')}</a>
          </div>
        </form>
      )}
      <form
        class="panel stack"
        method="post"
        action="/desk/media"
        enctype="multipart/form-data"
        aria-labelledby="upload-title"
      >
        <h2 id="upload-title">{t('desk.media.upload')}</h2>
        <CsrfField token={props.csrf} />
        <div>
          <label for="media-file">
            {t('desk.media.file')}{' '}
            <span class="hint">
              {t('desk.media.fileHint', {
                mb: MAX_UPLOAD_BYTES / 1024 / 1024,
                megapixels: Math.round(props.maxPixels / 100_000) / 10,
              })}
            </span>
          </label>
          <input id="media-file" type="file" name="file" accept="image/jpeg,image/png,image/webp,image/avif" required />
        </div>
        <div>
          <label for="media-alt">
            {t('desk.media.alt')} <span class="hint">{t('desk.media.altHint')}</span>
          </label>
          <input id="media-alt" type="text" name="alt" maxlength={1000} required />
        </div>
        <div class="row">
          <div>
            <label for="media-caption">{t('desk.media.caption')}</label>
            <input id="media-caption" type="text" name="caption" maxlength={2000} />
          </div>
          <div>
            <label for="media-credit">{t('desk.media.credit')}</label>
            <input id="media-credit" type="text" name="credit" maxlength={500} />
          </div>
        </div>
        <div>
          <button type="submit">{t('desk.media.uploadButton')}</button>
        </div>
      </form>
      <h2>{t('desk.media.uploads')}</h2>
      {props.images.length === 0 ? (
        <p class="muted">{t('desk.media.none')}</p>
      ) : (
        <table class="media-library">
          <TableHead
            columns={[t('desk.media.image'), t('desk.media.id'), t('desk.media.texts'), t('desk.media.size')]}
          />
          <tbody>
            {props.images.map((img) => (
              <tr data-image-id={String(img.id)}>
                <td>
                  <img
                    src={img.src}
                    alt={img.alt}
                    width={160}
                    height={Math.round((160 * img.height) / img.width)}
                    loading="lazy"
                  />
                </td>
                <td>
                  <code>{img.id}</code>
                </td>
                <td>
                  <div>{img.alt || <span class="muted">{t('desk.media.noAlt')}</span>}</div>
                  {img.caption && <div>{img.caption}</div>}
                  {img.credit && <div class="muted">{img.credit}</div>}
                </td>
                <td>
                  {img.width}×{img.height}
                  <div>
                    <a href={img.original}>{t('desk.media.fullSize')}</a>
                  </div>
                  {mayDelete(img.id) && (
                    <form method="post" action={`/desk/media/${img.id}/delete`}>
                      <CsrfField token={props.csrf} />
                      <button
                        type="submit"
                        class="link danger"
                        aria-label={t('desk.media.deleteImage', { id: img.id })}
                      >
                        {t('desk.media.delete')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.next && (
        <p>
          <a href={`/desk/media?before=${props.next}`} rel="next">
            {t('desk.media.older')}
          </a>
        </p>
      )}
    </DeskLayout>
  );
}

/**
 * The media library page: every upload, newest first and keyset-paged, with its id for reuse as a body image,
 * hero image or avatar, and a plain upload form that works without JavaScript.
 */
export function mediaDeskRoutes(guard: DeskGuard) {
  return (app: Hono, deps: AppDeps) => {
    const render = async (
      c: Context,
      before: CursorOf<typeof libraryCursor> | null,
      notice?: { kind: 'ok' | 'error'; text: string },
      status = 200,
      confirmDelete?: { id: number; text: string },
    ) => {
      const page = await libraryPage(deps, before, undefined, userOf(c));
      return sendDeskPage(
        c,
        <LibraryPage
          csrf={csrfToken(c)}
          user={currentUser(c)}
          images={page.images}
          mine={page.mine ?? []}
          next={page.next}
          notice={notice}
          confirmDelete={confirmDelete}
          maxPixels={deps.config.images.maxPixels}
        />,
        status,
      );
    };
    app.get('/desk/media', guard.user, async (c) => {
      const uploaded = c.req.query('uploaded');
      const deleted = c.req.query('deleted');
      const notice =
        uploaded && /^\d{1,12}$/.test(uploaded)
          ? { kind: 'ok' as const, text: t('desk.media.uploaded', { id: uploaded }) }
          : deleted && /^\d{1,12}$/.test(deleted)
            ? { kind: 'ok' as const, text: t('desk.media.deleted', { id: deleted }) }
            : undefined;
      return render(c, libraryCursor.decode(c.req.query('before')), notice);
    });
    app.post('/desk/media', guard.user, uploadLimit(), guard.csrf, async (c) => {
      // A refused file is shown on the library page itself, with the reason, and the right status.
      return withFormErrors(
        async () => {
          const { bytes, meta } = await readUpload(c);
          const image = await uploadImage(deps, userOf(c), bytes, meta);
          return c.redirect(`/desk/media?uploaded=${image.id}`, 303);
        },
        (err) =>
          render(c, null, { kind: 'error', text: t('desk.media.notUploaded', { reason: err.message }) }, err.status),
      );
    });
    // Editors delete an image; one that stories show is first refused with the list and a button to go ahead.
    app.post('/desk/media/:id/delete', guard.user, guard.csrf, async (c) => {
      const id = idParam(c, 'image');
      return withFormErrors(
        async () => {
          const form = parseInput(DeleteImageSchema, presentValues(textFields(await formBody(c))));
          await deleteImage(deps, userOf(c), id, { confirm: confirmed(form) });
          return c.redirect(`/desk/media?deleted=${id}`, 303);
        },
        (err) =>
          err.code === 'image_in_use'
            ? render(c, null, undefined, 409, { id, text: err.message })
            : render(c, null, { kind: 'error', text: t('desk.media.notDeleted', { reason: err.message }) }, err.status),
      );
    });
  };
}
