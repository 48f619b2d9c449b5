import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import { parseLanguageNames } from '../editions/names.input.js';
import { NamesPage, type RefusedNames } from '../editions/names.view.js';
import { t } from '../desk/desk-words.js';
import { withFormErrors } from '../http/form-errors.js';
import { idParam } from '../http/params.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { sectionNamesPage, setSectionNames } from './section.service.js';

const BASE = '/desk/sections';

/** `/desk/sections`: editors and up name each section, and describe it, in every edition's language. */
export function deskSectionRoutes(app: Hono, deps: AppDeps): void {
  app.use(BASE, requireCan('names.manage'));
  app.use(`${BASE}/*`, requireCan('names.manage'));

  const page = async (c: Context, extra: { savedId?: number; failed?: RefusedNames }, status = 200) => {
    const { sections, words, editions } = await sectionNamesPage(deps);
    const { savedId, failed } = extra;
    const saved = savedId === undefined ? undefined : sections.find((s) => s.id === savedId)?.name;
    return sendDeskPage(
      c,
      <NamesPage
        title={t('names.sections.title')}
        intro={t('names.sections.intro')}
        none={t('names.sections.none')}
        base={BASE}
        kind="section"
        rows={sections}
        words={words}
        editions={editions}
        csrf={csrfToken(c)}
        user={userOf(c)}
        saved={saved}
        failed={failed}
      />,
      status,
    );
  };

  app.get(BASE, async (c) => {
    const id = Number(c.req.query('saved'));
    return page(c, { savedId: Number.isSafeInteger(id) ? id : undefined });
  });

  app.post(`${BASE}/:id`, async (c) => {
    const id = idParam(c, 'section');
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        const { editions } = await deps.lookups.settings();
        const names = parseLanguageNames(f, editions);
        await setSectionNames(deps, id, names, `user:${userOf(c).id}`);
        return c.redirect(`${BASE}?saved=${id}#section-${id}`, 303);
      },
      (err) => page(c, { failed: { id, message: err.message, values: f } }, err.status),
    );
  });
}
