import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import type { Tag } from '../db/database.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import { parseLanguageNames } from '../editions/names.input.js';
import { NamesPage, type RefusedNames } from '../editions/names.view.js';
import { t } from '../desk/desk-words.js';
import { withFormErrors } from '../http/form-errors.js';
import { idParam } from '../http/params.js';
import { keysetPage } from '../lib/cursor.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { tagById, tagListCursor, tagWordsOf, tagsAfter } from './tag.repo.js';
import { setTagNames } from './tag.service.js';
import { rowIdFrom } from '../lib/row-id.js';

const BASE = '/desk/tags';
/** Tags on one page of the list. */
const PAGE = 50;

/** `/desk/tags`: editors and up name each tag, and describe it, in every edition's language; keyset-paged by id. */
export function deskTagRoutes(app: Hono, deps: AppDeps): void {
  app.use(BASE, requireCan('names.manage'));
  app.use(`${BASE}/*`, requireCan('names.manage'));

  const page = async (
    c: Context,
    after: string | undefined,
    extra: { saved?: string; failed?: RefusedNames },
    status = 200,
  ) => {
    const afterId = tagListCursor.decode(after)?.id ?? 0;
    const { items, next } = await keysetPage(
      tagListCursor,
      (r: Tag) => ({ id: r.id }),
      PAGE,
      (take) => tagsAfter(deps.db, afterId, take),
    );
    const [words, settings] = await Promise.all([
      tagWordsOf(
        deps.db,
        items.map((x) => x.id),
      ),
      deps.lookups.settings(),
    ]);
    return sendDeskPage(
      c,
      <NamesPage
        title={t('names.tags.title')}
        intro={t('names.tags.intro')}
        none={t('names.tags.none')}
        base={BASE}
        kind="tag"
        rows={items}
        words={words}
        editions={settings.editions}
        csrf={csrfToken(c)}
        user={userOf(c)}
        {...extra}
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
    const id = rowIdFrom(c.req.query('saved'));
    const saved = id === null ? undefined : await tagById(deps.db, id);
    return page(c, c.req.query('after'), { saved: saved?.name });
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
