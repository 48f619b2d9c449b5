import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { CsrfField, DeskLayout, Notice } from '../desk/desk-layout.js';
import { formFields, formList, sendDeskPage } from '../desk/desk.render.js';
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

/** A table's header row from its column names. */
function Head(props: { cols: string[] }) {
  return (
    <thead>
      <tr>
        {props.cols.map((c) => (
          <th scope="col">{c}</th>
        ))}
      </tr>
    </thead>
  );
}

function Deliveries(props: { deliveries: DeliveryView[] }) {
  if (props.deliveries.length === 0) return <p class="hint">No deliveries yet.</p>;
  return (
    <table>
      <Head cols={['#', 'Webhook', 'Event', 'Status', 'Attempts']} />
      <tbody>
        {props.deliveries.map((d) => (
          <tr data-delivery-id={String(d.id)}>
            <td>{d.id}</td>
            <td>{d.webhookId}</td>
            <td>{d.event}</td>
            <td>
              {d.status}
              {d.status === 'pending' && d.attempts > 0 && (
                <span class="hint"> — next try {when(d.nextAttemptAt)}</span>
              )}
            </td>
            <td>
              <ol>
                {d.log.map((a) => (
                  <li>
                    {a.statusCode ?? 'no answer'} in {a.durationMs} ms{a.error && ` — ${a.error}`}{' '}
                    <span class="hint">({when(a.at)})</span>
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
      <td>{h.active ? 'active' : 'off'}</td>
      <td>{h.secretHint}</td>
      <td>
        {h.active ? action('disable', 'Turn off', 'secondary') : action('enable', 'Turn on', 'secondary')}{' '}
        {action('remove', 'Remove', 'danger')}
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
    <DeskLayout title="Webhooks" csrf={p.csrf} user={p.user}>
      <h1>Webhooks</h1>
      <p>
        Broadsheet POSTs a JSON message to each active webhook when a story is published, updated or unpublished, signed
        in the <code>X-Broadsheet-Signature</code> header (<code>sha256=</code> and the hex HMAC-SHA256 of the body with
        the webhook’s secret). Failed deliveries are retried with growing waits.
      </p>
      {p.error && <Notice kind="error">{p.error}</Notice>}
      {p.created && (
        <Notice kind="ok">
          Webhook {p.created.id} added. Its secret is <code>{p.created.secret}</code> — copy it now, it is not shown
          again.
        </Notice>
      )}
      {p.hooks.length > 0 && (
        <table>
          <Head cols={['#', 'Address', 'Events', 'State', 'Secret', 'Actions']} />
          <tbody>
            {p.hooks.map((h) => (
              <Hook hook={h} csrf={p.csrf} />
            ))}
          </tbody>
        </table>
      )}
      <h2>Add a webhook</h2>
      <form method="post" action={BASE} class="stack">
        <CsrfField token={p.csrf} />
        <div>
          <label for="url">Address</label>
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
          <legend>Events</legend>
          {WEBHOOK_EVENTS.map((e) => (
            <label>
              <input type="checkbox" name="events" value={e} checked={checked.has(e)} /> {e}
            </label>
          ))}
        </fieldset>
        <div>
          <label for="secret">
            Secret <span class="hint">leave empty to generate one; at least 16 characters</span>
          </label>
          <input type="text" id="secret" name="secret" maxlength={200} autocomplete="off" />
        </div>
        <div>
          <button type="submit">Add webhook</button>
        </div>
      </form>
      <h2>Recent deliveries</h2>
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
