import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { CsrfField, DeskLayout, Notice, TableHead } from '../desk/desk-layout.js';
import { formFields, formList, sendDeskPage } from '../desk/desk.render.js';
import { t } from '../desk/desk-words.js';
import { notFound } from '../http/errors.js';
import { withFormErrors } from '../http/form-errors.js';
import { parseInput } from '../lib/parse-input.js';
import { idParam } from '../http/params.js';
import { isoTime } from '../lib/iso-date.js';
import { csrfToken, requireRole, userOf } from '../users/auth.middleware.js';
import { WEBHOOK_EVENTS, WebhookSchema } from './webhook.input.js';
import {
  type DeliveryView,
  type WebhookView,
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  setWebhookActive,
} from './webhook.service.js';

const BASE = '/desk/settings/webhooks';
const when = (ms: number) => `${isoTime(ms).replace('T', ' ').slice(0, 19)} UTC`;

function Deliveries(props: { deliveries: DeliveryView[] }) {
  if (props.deliveries.length === 0) return <p class="hint">{t('desk.webhooks.noDeliveries')}</p>;
  return (
    <table>
      <TableHead
        columns={[
          '#',
          t('desk.webhooks.webhook'),
          t('desk.webhooks.event'),
          t('desk.webhooks.status'),
          t('desk.webhooks.attempts'),
        ]}
      />
      <tbody>
        {props.deliveries.map((d) => (
          <tr data-delivery-id={String(d.id)}>
            <td>{d.id}</td>
            <td>{d.webhookId}</td>
            <td>{d.event}</td>
            <td>
              {d.status}
              {d.status === 'pending' && d.attempts > 0 && (
                <span class="hint"> — {t('desk.webhooks.nextTry', { when: when(d.nextAttemptAt) })}</span>
              )}
            </td>
            <td>
              <ol>
                {d.log.map((a) => (
                  <li>
                    {t('desk.webhooks.attempt', {
                      answer: a.statusCode ?? t('desk.webhooks.noAnswer'),
                      ms: a.durationMs,
                    })}
                    {a.error && ` — ${a.error}`} <span class="hint">({when(a.at)})</span>
                  </li>
                ))}
              </ol>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Hook(props: { hook: WebhookView; csrf: string }) {
  const h = props.hook;
  const action = (name: string, label: string, cls?: string) => (
    <form method="post" action={`${BASE}/${h.id}/${name}`} class="inline">
      <CsrfField token={props.csrf} />
      <button type="submit" class={cls}>
        {label}
      </button>
    </form>
  );
  return (
    <tr data-webhook-id={String(h.id)}>
      <td>{h.id}</td>
      <td>{h.url}</td>
      <td>{h.events.join(', ')}</td>
      <td>{h.active ? t('desk.webhooks.active') : t('desk.webhooks.off')}</td>
      <td>{h.secretHint}</td>
      <td>
        {h.active
          ? action('disable', t('desk.webhooks.turnOff'), 'secondary')
          : action('enable', t('desk.webhooks.turnOn'), 'secondary')}{' '}
        {action('remove', t('desk.webhooks.remove'), 'danger')}
      </td>
    </tr>
  );
}

interface PageProps {
  csrf: string;
  user: ReturnType<typeof userOf>;
  hooks: WebhookView[];
  deliveries: DeliveryView[];
  error?: string;
  created?: { id: number; secret: string };
  form?: { url?: string; events?: string[] };
}

function WebhooksPage(p: PageProps) {
  const checked = new Set(p.form?.events ?? WEBHOOK_EVENTS);
  return (
    <DeskLayout title={t('desk.nav.webhooks')} csrf={p.csrf} user={p.user}>
      <h1>{t('desk.nav.webhooks')}</h1>
      <p>
        {t('desk.webhooks.introPosts')} <code>X-Broadsheet-Signature</code> {t('desk.webhooks.introHeader')} (
        <code>sha256=</code> {t('desk.webhooks.introHmac')}). {t('desk.webhooks.introRetries')}
      </p>
      {p.error && <Notice kind="error">{p.error}</Notice>}
      {p.created && (
        <Notice kind="ok">
          {t('desk.webhooks.added', { id: p.created.id })} <code>{p.created.secret}</code> —{' '}
          {t('desk.webhooks.copyNow')}
        </Notice>
      )}
      {p.hooks.length > 0 && (
        <table>
          <TableHead
            columns={[
              '#',
              t('desk.webhooks.address'),
              t('desk.webhooks.events'),
              t('desk.webhooks.state'),
              t('desk.webhooks.secret'),
              t('desk.users.actions'),
            ]}
          />
          <tbody>
            {p.hooks.map((h) => (
              <Hook hook={h} csrf={p.csrf} />
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('desk.webhooks.add')}</h2>
      <form method="post" action={BASE} class="stack">
        <CsrfField token={p.csrf} />
        <div>
          <label for="url">{t('desk.webhooks.address')}</label>
          <input
            type="url"
            id="url"
            name="url"
            required
            maxlength={2000}
            placeholder="https://example.org/broadsheet-hook"
            value={p.form?.url ?? ''}
          />
        </div>
        <fieldset>
          <legend>{t('desk.webhooks.events')}</legend>
          {WEBHOOK_EVENTS.map((e) => (
            <label>
              <input type="checkbox" name="events" value={e} checked={checked.has(e)} /> {e}
            </label>
          ))}
        </fieldset>
        <div>
          <label for="secret">
            {t('desk.webhooks.secret')} <span class="hint">{t('desk.webhooks.secretHint')}</span>
          </label>
          <input type="text" id="secret" name="secret" maxlength={200} autocomplete="off" />
        </div>
        <div>
          <button type="submit">{t('desk.webhooks.addButton')}</button>
        </div>
      </form>
      <h2>{t('desk.webhooks.recent')}</h2>
      <Deliveries deliveries={p.deliveries} />
    </DeskLayout>
  );
}

/** `/desk/settings/webhooks`: owners and admins add, switch off and remove webhooks and read the delivery log. */
export function webhookDeskRoutes(app: Hono, deps: AppDeps): void {
  app.use(BASE, requireRole('owner', 'admin'));
  app.use(`${BASE}/*`, requireRole('owner', 'admin'));

  const page = async (c: Context, extra: Partial<PageProps> = {}, status = 200) =>
    sendDeskPage(
      c,
      <WebhooksPage
        csrf={csrfToken(c)}
        user={userOf(c)}
        hooks={await listWebhooks(deps.db)}
        deliveries={await listDeliveries(deps.db, { limit: 30 })}
        {...extra}
      />,
      status,
    );

  app.get(BASE, (c) => page(c));

  app.post(BASE, async (c) => {
    const f = await formFields(c);
    const events = await formList(c, 'events');
    return withFormErrors(
      async () => {
        const hook = await createWebhook(
          deps,
          parseInput(WebhookSchema, { url: f.url ?? '', events, secret: f.secret || undefined }),
        );
        return page(c, { created: { id: hook.id, secret: hook.secret } });
      },
      (err) => page(c, { error: err.message, form: { url: f.url, events } }, err.status),
    );
  });

  app.post(`${BASE}/:id/:action`, async (c) => {
    const id = idParam(c, 'webhook');
    const action = c.req.param('action');
    if (action === 'enable' || action === 'disable') await setWebhookActive(deps, id, action === 'enable');
    else if (action === 'remove') await deleteWebhook(deps.db, id);
    else throw notFound('page');
    return c.redirect(BASE, 303);
  });
}
