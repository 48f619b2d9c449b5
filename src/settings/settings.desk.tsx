import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { withFormErrors } from '../http/form-errors.js';
import { parseInput } from '../lib/parse-input.js';
import { SettingsSchema, editionLines } from './settings.input.js';
import { updateSettings } from './settings.service.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { CsrfField, DeskLayout, Notice } from '../desk/desk-layout.js';
import { t } from '../desk/desk-words.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import type { Edition } from '../editions/edition.js';
import type { NewsroomWords } from './newsroom-words.js';

/**
 * The newsroom's words in one edition other than the primary: `name.<code>`, `description.<code>`,
 * `address.<code>` (what SettingsSchema gathers), empty where the primary's show.
 */
function EditionWordsFields(p: {
  edition: Edition;
  stored: NewsroomWords | undefined;
  typed?: Record<string, string>;
}) {
  const code = p.edition.code;
  const value = (field: keyof NewsroomWords) => p.typed?.[`${field}.${code}`] ?? p.stored?.[field] ?? '';
  const id = (field: keyof NewsroomWords) => `s-${field}-${code}`;
  return (
    <fieldset lang={code}>
      <legend>{t('desk.settings.inEdition', { edition: p.edition.name })}</legend>
      <p class="hint">{t('desk.settings.inEditionHint')}</p>
      <div>
        <label for={id('name')}>{t('desk.settings.name')}</label>
        <input type="text" id={id('name')} name={`name.${code}`} maxlength={120} value={value('name')} />
      </div>
      <div>
        <label for={id('description')}>{t('desk.settings.description')}</label>
        <input
          type="text"
          id={id('description')}
          name={`description.${code}`}
          maxlength={300}
          value={value('description')}
        />
      </div>
      <div>
        <label for={id('address')}>{t('desk.settings.address')}</label>
        <textarea id={id('address')} name={`address.${code}`} rows={3} maxlength={500}>
          {value('address')}
        </textarea>
      </div>
    </fieldset>
  );
}

/**
 * The newsroom's settings (owners and admins): name, description, the editions of the reader site, and the
 * name, description and address in each other edition.
 */
export function deskSettingsRoutes(app: Hono, deps: AppDeps): void {
  app.use('/desk/settings', requireCan('settings.manage'));

  const page = async (c: Context, extra: { error?: string; values?: Record<string, string> } = {}, status = 200) => {
    const stored = await deps.lookups.settings();
    const s = { ...stored, editions: editionLines(stored.editions), ...extra.values };
    return sendDeskPage(
      c,
      <DeskLayout title={t('desk.nav.settings')} csrf={csrfToken(c)} user={userOf(c)}>
        <h1>{t('desk.nav.settings')}</h1>
        {extra.error && <Notice kind="error">{extra.error}</Notice>}
        {c.req.query('done') && <Notice kind="ok">{t('desk.settings.saved')}</Notice>}
        <form method="post" action="/desk/settings" class="stack">
          <CsrfField token={csrfToken(c)} />
          <div>
            <label for="s-name">{t('desk.settings.name')}</label>
            <input type="text" id="s-name" name="name" required maxlength={120} value={s.name} />
          </div>
          <div>
            <label for="s-desc">{t('desk.settings.description')}</label>
            <input type="text" id="s-desc" name="description" maxlength={300} value={s.description} />
          </div>
          <div>
            <label for="s-editions">{t('desk.settings.editions')}</label>
            <p class="hint" id="s-editions-hint">
              {t('desk.settings.editionsHint')} <code>uk | uk-UA | Українська | uk</code>.
            </p>
            <textarea id="s-editions" name="editions" rows={4} aria-describedby="s-editions-hint">
              {s.editions}
            </textarea>
          </div>
          {stored.editions.slice(1).map((e) => (
            <EditionWordsFields edition={e} stored={stored.editionWords[e.code]} typed={extra.values} />
          ))}
          <fieldset>
            <legend>{t('desk.settings.newsletters')}</legend>
            <label>
              <input
                type="checkbox"
                name="newsletterTracking"
                value="1"
                checked={extra.values ? extra.values.newsletterTracking === '1' : stored.newsletterTracking}
              />{' '}
              {t('desk.settings.newsletterTracking')}
            </label>
            <p class="hint">{t('desk.settings.newsletterTrackingHint')}</p>
          </fieldset>
          <div>
            <label for="s-address">{t('desk.settings.address')}</label>
            <p class="hint" id="s-address-hint">
              {t('desk.settings.addressHint')}
            </p>
            <textarea id="s-address" name="address" rows={3} maxlength={500} aria-describedby="s-address-hint">
              {s.address}
            </textarea>
          </div>
          <fieldset>
            <legend>{t('desk.settings.eraseComments')}</legend>
            <label>
              <input type="radio" name="eraseComments" value="keep" checked={s.eraseComments !== 'delete'} />{' '}
              {t('desk.settings.eraseKeep')}
            </label>
            <label>
              <input type="radio" name="eraseComments" value="delete" checked={s.eraseComments === 'delete'} />{' '}
              {t('desk.settings.eraseDelete')}
            </label>
          </fieldset>
          <div>
            <button type="submit">{t('desk.settings.save')}</button>
          </div>
        </form>
      </DeskLayout>,
      status,
    );
  };

  app.get('/desk/settings', (c) => page(c));

  app.post('/desk/settings', async (c) => {
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        await updateSettings(deps, parseInput(SettingsSchema, f), `user:${userOf(c).id}`);
        return c.redirect('/desk/settings?done=1', 303);
      },
      (err) => page(c, { error: err.message, values: f }, err.status),
    );
  });
}
