import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { DeskLayout, TableHead } from '../desk/desk-layout.js';
import { sendDeskPage } from '../desk/desk.render.js';
import { t } from '../desk/desk-words.js';
import { idParam } from '../http/params.js';
import { isoTime } from '../lib/iso-date.js';
import { normalizeEmail } from '../readers/reader.email.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { outboxCursor } from './outbox.cursor.js';
import { outboxMail, outboxPage } from './outbox.service.js';

const BASE = '/desk/outbox';
const when = (ms: number) => `${isoTime(ms).replace('T', ' ').slice(0, 19)} UTC`;

/** A kept message's own HTML, shown in a sandboxed frame: no script, no form, nothing fetched but its images. */
const MAIL_HTML_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; frame-ancestors 'self'; sandbox";

/**
 * `/desk/outbox` (owners and admins: `mail.outbox`): the mail an installation without SMTP_URL kept instead of
 * sending — sign-in links (so a laptop or the demo works end to end), newsletter issues and tests. Newest first,
 * keyset-paged, filtered by recipient; a message shows its headers, its plain text with the links in it, and its
 * HTML in a sandboxed frame.
 */
export function outboxDeskRoutes(app: Hono, deps: AppDeps): void {
  app.use(BASE, requireCan('mail.outbox'));
  app.use(`${BASE}/*`, requireCan('mail.outbox'));

  app.get(BASE, async (c: Context) => {
    const before = outboxCursor.decode(c.req.query('before'));
    const to = (c.req.query('to') ?? '').slice(0, 254);
    const page = await outboxPage(deps, before, to ? normalizeEmail(to) : undefined);
    const query = (extra: Record<string, string>) => `?${new URLSearchParams({ ...(to ? { to } : {}), ...extra })}`;
    return sendDeskPage(
      c,
      <DeskLayout title={t('desk.outbox.title')} csrf={csrfToken(c)} user={userOf(c)}>
        <h1>{t('desk.outbox.title')}</h1>
        <p>{deps.mailer.kind === 'outbox' ? t('desk.outbox.intro') : t('desk.outbox.sending')}</p>
        <form method="get" action={BASE} class="inline">
          <label for="outbox-to">{t('desk.outbox.filter')}</label>{' '}
          <input id="outbox-to" type="email" name="to" value={to} maxlength={254} />{' '}
          <button type="submit" class="secondary">
            {t('desk.outbox.show')}
          </button>
        </form>
        {page.items.length === 0 ? (
          <p class="hint">{t('desk.outbox.none')}</p>
        ) : (
          <table>
            <TableHead
              columns={[t('desk.outbox.when'), t('desk.outbox.kind'), t('desk.outbox.to'), t('desk.outbox.subject')]}
            />
            <tbody>
              {page.items.map((m) => (
                <tr data-outbox-id={String(m.id)}>
                  <td>{when(m.created_at)}</td>
                  <td>
                    <code>{m.kind}</code>
                  </td>
                  <td>{m.to_address}</td>
                  <td>
                    <a href={`${BASE}/${m.id}`}>{m.subject}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {page.next && (
          <p>
            <a href={`${BASE}${query({ before: page.next })}`} rel="next">
              {t('desk.outbox.older')}
            </a>
          </p>
        )}
      </DeskLayout>,
    );
  });

  app.get(`${BASE}/:id`, async (c) => {
    const mail = await outboxMail(deps, idParam(c, 'message'));
    const headers = Object.entries(JSON.parse(mail.headers || '{}') as Record<string, string>);
    const links = [...new Set(mail.text.match(/https?:\/\/[^\s<>"]+/g) ?? [])];
    return sendDeskPage(
      c,
      <DeskLayout title={mail.subject} csrf={csrfToken(c)} user={userOf(c)}>
        <p>
          <a href={BASE}>{t('desk.outbox.back')}</a>
        </p>
        <h1>{mail.subject}</h1>
        <dl>
          <dt>{t('desk.outbox.when')}</dt>
          <dd>{when(mail.created_at)}</dd>
          <dt>{t('desk.outbox.from')}</dt>
          <dd>{mail.from_address}</dd>
          <dt>{t('desk.outbox.to')}</dt>
          <dd>{mail.to_address}</dd>
          <dt>{t('desk.outbox.kind')}</dt>
          <dd>
            <code>{mail.kind}</code>
          </dd>
        </dl>
        {links.length > 0 && (
          <>
            <h2>{t('desk.outbox.links')}</h2>
            <ul>
              {links.map((href) => (
                <li>
                  <a href={href} rel="noreferrer">
                    {href}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
        <h2>{t('desk.outbox.text')}</h2>
        <pre class="outbox-text">{mail.text}</pre>
        <h2>{t('desk.outbox.html')}</h2>
        <iframe
          title={t('desk.outbox.html')}
          src={`${BASE}/${mail.id}/html`}
          sandbox=""
          width="100%"
          height="600"
          referrerpolicy="no-referrer"
        />
        <h2>{t('desk.outbox.headers')}</h2>
        <dl>
          {headers.map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{String(v)}</dd>
            </>
          ))}
        </dl>
      </DeskLayout>,
    );
  });

  app.get(`${BASE}/:id/html`, async (c) => {
    const mail = await outboxMail(deps, idParam(c, 'message'));
    c.header('Content-Security-Policy', MAIL_HTML_POLICY);
    c.header('Referrer-Policy', 'no-referrer');
    return c.html(mail.html);
  });
}
