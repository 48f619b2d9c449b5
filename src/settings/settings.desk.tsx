import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.deps.js';
import { AppError, badRequest } from '../http/errors.js';
import { getSettings, putSetting } from './settings.repo.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { CsrfField, DeskLayout, Notice } from '../desk/desk-layout.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';

const SettingsSchema = z.object({
  name: z.string().trim().min(1, 'The newsroom needs a name.').max(120),
  description: z.string().trim().max(300),
  language: z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'Language is a code such as en, uk or en-GB.'),
});

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
    const r = SettingsSchema.safeParse(f);
    try {
      if (!r.success) throw badRequest(r.error.issues.map((i) => i.message).join(' '));
      await putSetting(deps.db, 'site.name', r.data.name);
      await putSetting(deps.db, 'site.description', r.data.description);
      await putSetting(deps.db, 'site.language', r.data.language);
    } catch (err) {
      if (err instanceof AppError && err.status === 400) return page(c, { error: err.message, values: f }, 400);
      throw err;
    }
    deps.events.publish({ type: 'settings.updated', id: 0, actor: `user:${userOf(c).id}` });
    return c.redirect('/desk/settings?done=1', 303);
  });
}
