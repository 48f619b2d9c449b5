import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import { parseLanguageNames } from '../editions/names.input.js';
import { NamesPage, type RefusedNames } from '../editions/names.view.js';
import { t } from '../desk/desk-words.js';
import { withFormErrors } from '../http/form-errors.js';
import { idParam } from '../http/params.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { tagListCursor } from './tag.cursor.js';
import { setTagNames, tagNamesPage } from './tag.service.js';
import { rowIdFrom } from '../lib/row-id.js';

const BASE = '/desk/tags';

/** `/desk/tags`: editors and up name each tag, and describe it, in every edition's language; keyset-paged by id. */
export function deskTagRoutes(app: Hono, deps: AppDeps): void {
  app.use(BASE, requireCan('names.manage'));
  app.use(`${BASE}/*`, requireCan('names.manage'));

  const page = async (
    c: Context,
    after: string | undefined,
    extra: { savedId?: number; failed?: RefusedNames },
    status = 200,
  ) => {
    const { tags, next, words, editions, saved } = await tagNamesPage(deps, tagListCursor.decode(after), extra.savedId);
    return sendDeskPage(
      c,
      <NamesPage
        title={t('names.tags.title')}
        intro={t('names.tags.intro')}
        none={t('names.tags.none')}
        base={BASE}
        kind="tag"
        rows={tags}
        words={words}
        editions={editions}
        csrf={csrfToken(c)}
        user={userOf(c)}
        saved={saved}
        failed={extra.failed}
      >
        {next && (
          <p>
            <a href={`${BASE}?after=${encodeURIComponent(next)}`}>{t('names.tags.more')}</a>
          </p>
        )}
      </NamesPage>,
      status,
    );
  };

  app.get(BASE, async (c) => {
    return page(c, c.req.query('after'), { savedId: rowIdFrom(c.req.query('saved')) ?? undefined });
  });

  app.post(`${BASE}/:id`, async (c) => {
    const id = idParam(c, 'tag');
    const f = await formFields(c);
    // Shown again on the page it is on: the tags from just before it.
    const here = id > 1 ? tagListCursor.encode({ id: id - 1 }) : undefined;
    return withFormErrors(
      async () => {
        const { editions } = await deps.lookups.settings();
        const names = parseLanguageNames(f, editions);
        await setTagNames(deps, id, names, `user:${userOf(c).id}`);
        return c.redirect(`${BASE}?saved=${id}${here ? `&after=${encodeURIComponent(here)}` : ''}#tag-${id}`, 303);
      },
      (err) => page(c, here, { failed: { id, message: err.message, values: f } }, err.status),
    );
  });
}
