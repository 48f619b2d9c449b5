import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { withFormErrors } from '../http/form-errors.js';
import { parseInput } from '../lib/parse-input.js';
import { SettingsSchema } from './settings.input.js';
import { getSettings, putSetting } from './settings.repo.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { CsrfField, DeskLayout, Notice } from '../desk/desk-layout.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';

/** The newsroom's settings (owners and admins): name, description, language of the reader site. */
export function deskSettingsRoutes(app: Hono, deps: AppDeps): void {
  app.use('/desk/settings', requireCan('settings.manage'));

  const page = async (c: Context, extra: { error?: string; values?: Record<string, string> } = {}, status = 200) => {
    const s = { ...(await getSettings(deps.db)), ...extra.values };
    return sendDeskPage(
      c,
      <DeskLayout title="Settings" csrf={csrfToken(c)} user={userOf(c)}>
        <h1>Settings</h1>
        {extra.error && <Notice kind="error">{extra.error}</Notice>}
        {c.req.query('done') && <Notice kind="ok">Settings saved.</Notice>}
        <form method="post" action="/desk/settings" class="stack">
          <CsrfField token={csrfToken(c)} />
          <div>
            <label for="s-name">Newsroom name</label>
            <input type="text" id="s-name" name="name" required maxlength={120} value={s.name} />
          </div>
          <div>
            <label for="s-desc">Description</label>
            <input type="text" id="s-desc" name="description" maxlength={300} value={s.description} />
          </div>
          <div>
            <label for="s-lang">Language code</label>
            <input type="text" id="s-lang" name="language" maxlength={20} value={s.language} />
          </div>
          <div>
            <button type="submit">Save settings</button>
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
        const v = parseInput(SettingsSchema, f);
        await putSetting(deps.db, 'site.name', v.name);
        await putSetting(deps.db, 'site.description', v.description);
        await putSetting(deps.db, 'site.language', v.language);
        deps.events.publish({ type: 'settings.updated', id: 0, actor: `user:${userOf(c).id}` });
        return c.redirect('/desk/settings?done=1', 303);
      },
      (err) => page(c, { error: err.message, values: f }, err.status),
    );
  });
}
