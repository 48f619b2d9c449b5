import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { withFormErrors } from '../http/form-errors.js';
import { parseInput } from '../lib/parse-input.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { CsrfField, DeskLayout, Notice } from '../desk/desk-layout.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import { MenusFormSchema } from './menu.input.js';
import { editionMenuLines, saveEditionMenus } from './menu.service.js';

const BASE = '/desk/menus';

/**
 * The navigation and footer menus of each edition (editors and up): one link a line, in order, `-` for a link
 * under the one above. The pages and sections it may link are listed beside the form with the line to type.
 */
export function deskMenuRoutes(app: Hono, deps: AppDeps): void {
  app.use(BASE, requireCan('menus.manage'));

  const page = async (
    c: Context,
    extra: { error?: string; values?: Record<string, string>; edition?: string } = {},
    status = 200,
  ) => {
    const settings = await deps.lookups.settings();
    const asked = extra.edition ?? c.req.query('edition');
    const edition = settings.editions.find((e) => e.code === asked) ?? settings.editions[0]!;
    const lines = await editionMenuLines(deps, settings.menus[edition.code]);
    const header = extra.values?.header ?? lines.header;
    const footer = extra.values?.footer ?? lines.footer;
    return sendDeskPage(
      c,
      <DeskLayout title="Menus" csrf={csrfToken(c)} user={userOf(c)}>
        <h1>Menus</h1>
        {extra.error && <Notice kind="error">{extra.error}</Notice>}
        {c.req.query('done') && <Notice kind="ok">Menus saved: the site shows them now.</Notice>}
        {settings.editions.length > 1 && (
          <nav aria-label="Editions">
            <ul class="inline">
              {settings.editions.map((e) => (
                <li>
                  <a href={`${BASE}?edition=${e.code}`} aria-current={e.code === edition.code ? 'page' : undefined}>
                    {e.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <p class="hint" id="menu-hint">
          One link a line, in order: <code>Label | target</code>. The target is <code>section:slug</code>,{' '}
          <code>page:slug</code> or an address (<code>https://…</code>, <code>mailto:…</code>, <code>/path</code>).
          Leave the label out to show the section’s or page’s own name. Start a line with <code>-</code> to put it under
          the link above it. An empty navigation menu shows the top-level sections.
        </p>
        <form method="post" action={BASE} class="stack">
          <CsrfField token={csrfToken(c)} />
          <input type="hidden" name="edition" value={edition.code} />
          <div>
            <label for="m-header">Navigation ({edition.name})</label>
            <textarea id="m-header" name="header" rows={10} aria-describedby="menu-hint">
              {header}
            </textarea>
          </div>
          <div>
            <label for="m-footer">Footer ({edition.name})</label>
            <textarea id="m-footer" name="footer" rows={8} aria-describedby="menu-hint">
              {footer}
            </textarea>
          </div>
          <div>
            <button type="submit">Save menus</button>
          </div>
        </form>
        <h2>Pages</h2>
        {lines.pages.length === 0 ? (
          <p class="muted">
            No pages yet. <a href="/desk/stories/new?kind=page">Write one</a>.
          </p>
        ) : (
          <ul>
            {lines.pages.map((p) => (
              <li>
                <code>page:{p.slug}</code> — {p.headline} ({p.language}
                {p.status === 'published' ? '' : `, ${p.status}: not shown until published`})
              </li>
            ))}
          </ul>
        )}
        <h2>Sections</h2>
        <ul>
          {lines.sections.map((s) => (
            <li>
              <code>section:{s.slug}</code> — {s.name}
            </li>
          ))}
        </ul>
      </DeskLayout>,
      status,
    );
  };

  app.get(BASE, (c) => page(c));

  app.post(BASE, async (c) => {
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        const form = parseInput(MenusFormSchema, f);
        await saveEditionMenus(deps, userOf(c), form);
        return c.redirect(`${BASE}?edition=${encodeURIComponent(form.edition)}&done=1`, 303);
      },
      (err) => page(c, { error: err.message, values: f, edition: f.edition }, err.status),
    );
  });
}
