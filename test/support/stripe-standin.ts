import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A local stand-in for the few Stripe API endpoints Broadsheet calls (these machines cannot reach Stripe), answering
 * with the objects Stripe documents (fields we and the `stripe` client read; ids with Stripe's prefixes):
 *   POST /v1/customers, POST /v1/checkout/sessions, POST /v1/billing_portal/sessions, GET /v1/subscriptions/:id.
 * Requests come from the real `stripe` client (STRIPE_API_BASE points it here), form-encoded as Stripe takes them.
 * What Stripe would do on its own side — a reader paying on the hosted page, a renewal failing, a cancellation
 * at period end — are the helpers below, each returning the events Stripe would send, which `signed` signs for
 * real with the library's test-header helper. Nothing here is shared with the code under test.
 */
export interface StripeStandin {
  /** `http://127.0.0.1:<port>`: STRIPE_API_BASE. */
  base: string;
  /** The environment that turns payments on against the stand-in. */
  env: Record<string, string>;
  customers: Map<string, Record<string, unknown>>;
  sessions: Map<string, Stripe.Checkout.Session>;
  subscriptions: Map<string, Stripe.Subscription>;
  /** Each request as the stand-in received it (method, path, decoded form). */
  requests: { method: string; path: string; body: Record<string, unknown> }[];
  /** The reader pays on the hosted page: the session completes; for a subscription one is made, with its invoice. */
  pay(sessionId: string, at?: number): Stripe.Event[];
  /** A state change of a subscription (a failed renewal, a cancellation at period end, the end): its event. */
  changeSubscription(
    id: string,
    patch: Partial<Stripe.Subscription>,
    type?: Stripe.Event['type'],
    at?: number,
  ): Stripe.Event;
  /** An invoice for the subscription's next period: paid or failed. */
  invoice(subscriptionId: string, paid: boolean, at?: number): Stripe.Event;
  /** The event's body and a real Stripe-Signature header for it. */
  signed(event: Stripe.Event): { body: string; signature: string };
  close(): Promise<void>;
}

export const STANDIN_WEBHOOK_SECRET = 'whsec_standin_test_secret';
const API_KEY = 'sk_test_standin';
const signer = new Stripe(API_KEY);

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding (`a[b][0][c]=v`) → nested objects and arrays. */
export function decodeStripeForm(text: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const parts = key.replace(/\]/g, '').split('[');
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1] as string);
      const slot = node as Record<string, unknown>;
      if (last) slot[part] = value;
      else {
        slot[part] ??= nextIsIndex ? [] : {};
        node = slot[part] as Record<string, unknown>;
      }
    });
  }
  return root;
}

export async function startStripeStandin(): Promise<StripeStandin> {
  const customers = new Map<string, Record<string, unknown>>();
  const sessions = new Map<string, Stripe.Checkout.Session>();
  const subscriptions = new Map<string, Stripe.Subscription>();
  const requests: StripeStandin['requests'] = [];
  let base = '';

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
    res.end(JSON.stringify(body));
  };
  const missing = (res: ServerResponse, what: string, value: string) =>
    send(res, 404, {
      error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${what}: '${value}'` },
    });
  const invalid = (res: ServerResponse, param: string) =>
    send(res, 400, {
      error: {
        type: 'invalid_request_error',
        code: 'parameter_missing',
        param,
        message: `Missing required param: ${param}.`,
      },
    });

  const handle = (req: IncomingMessage, res: ServerResponse, text: string) => {
    if (req.headers.authorization !== `Bearer ${API_KEY}`)
      return send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } });
    const url = new URL(req.url ?? '/', base);
    const body = decodeStripeForm(text);
    requests.push({ method: req.method ?? '', path: url.pathname, body });
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /v1/customers') {
      const customer = {
        id: id('cus'),
        object: 'customer',
        created: now(),
        email: (body.email as string) ?? null,
        name: (body.name as string) ?? null,
        metadata: body.metadata ?? {},
        livemode: false,
      };
      customers.set(customer.id, customer);
      return send(res, 200, customer);
    }
    if (route === 'POST /v1/checkout/sessions') {
      for (const param of ['mode', 'success_url', 'line_items']) if (!(param in body)) return invalid(res, param);
      const item = (body.line_items as Record<string, unknown>[])[0] as Record<string, Record<string, unknown>>;
      const data = item.price_data;
      if (body.customer && !customers.has(body.customer as string))
        return missing(res, 'customer', body.customer as string);
      const sessionId = id('cs_test');
      const session = {
        id: sessionId,
        object: 'checkout.session',
        created: now(),
        expires_at: now() + 86_400,
        livemode: false,
        mode: body.mode,
        status: 'open',
        payment_status: 'unpaid',
        url: `${base}/c/pay/${sessionId}`,
        success_url: body.success_url,
        cancel_url: body.cancel_url ?? null,
        customer: (body.customer as string) ?? null,
        customer_email: null,
        customer_details: null,
        locale: body.locale ?? null,
        metadata: body.metadata ?? {},
        amount_total: data ? Number(data.unit_amount) : 0,
        amount_subtotal: data ? Number(data.unit_amount) : 0,
        currency: data ? (data.currency as string) : 'eur',
        subscription: null,
        payment_intent: null,
        // Kept for `pay`: what Stripe holds as the session's line items and subscription_data.
        _line: item,
        _subscription_data: body.subscription_data ?? {},
      } as unknown as Stripe.Checkout.Session;
      sessions.set(sessionId, session);
      const { _line, _subscription_data, ...shown } = session as unknown as Record<string, unknown>;
      return send(res, 200, shown);
    }
    if (route === 'POST /v1/billing_portal/sessions') {
      if (!body.customer) return invalid(res, 'customer');
      if (!customers.has(body.customer as string)) return missing(res, 'customer', body.customer as string);
      const portalId = id('bps');
      return send(res, 200, {
        id: portalId,
        object: 'billing_portal.session',
        created: now(),
        customer: body.customer,
        livemode: false,
        return_url: body.return_url ?? null,
        url: `${base}/p/session/${portalId}`,
      });
    }
    const sub = /^GET \/v1\/subscriptions\/([A-Za-z0-9_]+)$/.exec(route);
    if (sub) {
      const found = subscriptions.get(sub[1] as string);
      return found ? send(res, 200, found) : missing(res, 'subscription', sub[1] as string);
    }
    return send(res, 404, {
      error: { type: 'invalid_request_error', message: `Unrecognized request URL (${route}).` },
    });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const event = (type: Stripe.Event['type'], object: unknown, at = now()): Stripe.Event =>
    ({
      id: id('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: at,
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    }) as unknown as Stripe.Event;

  const invoiceOf = (sub: Stripe.Subscription, paid: boolean, at: number) => {
    const item = sub.items.data[0] as Stripe.SubscriptionItem;
    const amount = item.price.unit_amount ?? 0;
    return {
      id: id('in'),
      object: 'invoice',
      created: at,
      customer: sub.customer,
      customer_email: (customers.get(sub.customer as string)?.email as string) ?? null,
      currency: sub.currency,
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      status: paid ? 'paid' : 'open',
      parent: {
        type: 'subscription_details',
        quote_details: null,
        subscription_details: { subscription: sub.id, metadata: sub.metadata },
      },
      lines: {
        object: 'list',
        has_more: false,
        url: '/v1/invoices/lines',
        data: [
          {
            id: id('il'),
            object: 'line_item',
            amount,
            currency: sub.currency,
            period: { start: item.current_period_start, end: item.current_period_end },
            parent: { type: 'subscription_item_details', subscription_item_details: { subscription: sub.id } },
          },
        ],
      },
    };
  };

  const standin: StripeStandin = {
    base,
    env: { STRIPE_SECRET_KEY: API_KEY, STRIPE_WEBHOOK_SECRET: STANDIN_WEBHOOK_SECRET, STRIPE_API_BASE: base },
    customers,
    sessions,
    subscriptions,
    requests,
    pay(sessionId, at = now()) {
      const s = sessions.get(sessionId) as unknown as Record<string, unknown>;
      if (!s) throw new Error(`no session ${sessionId}`);
      const line = s._line as Record<string, Record<string, unknown>>;
      const data = line.price_data as Record<string, unknown> | undefined;
      const customer = (s.customer as string | null) ?? id('cus');
      if (!customers.has(customer))
        customers.set(customer, { id: customer, object: 'customer', email: 'donor@readers.test', metadata: {} });
      s.customer = customer;
      s.status = 'complete';
      s.payment_status = 'paid';
      s.customer_details = { email: customers.get(customer)?.email ?? null };
      const events: Stripe.Event[] = [];
      if (s.mode === 'subscription') {
        const interval = ((data?.recurring as Record<string, string>)?.interval ?? 'month') as 'month' | 'year';
        const end = at + (interval === 'year' ? 365 : 30) * 86_400;
        const subId = id('sub');
        const sub = {
          id: subId,
          object: 'subscription',
          created: at,
          start_date: at,
          customer,
          currency: s.currency,
          status: 'active',
          cancel_at_period_end: false,
          cancel_at: null,
          canceled_at: null,
          ended_at: null,
          livemode: false,
          metadata: (s._subscription_data as Record<string, unknown>).metadata ?? {},
          items: {
            object: 'list',
            has_more: false,
            url: `/v1/subscription_items?subscription=${subId}`,
            data: [
              {
                id: id('si'),
                object: 'subscription_item',
                quantity: 1,
                subscription: subId,
                current_period_start: at,
                current_period_end: end,
                price: {
                  id: (line.price as unknown as string) ?? id('price'),
                  object: 'price',
                  currency: s.currency,
                  unit_amount: Number(data?.unit_amount ?? 0),
                  recurring: { interval, interval_count: 1 },
                  type: 'recurring',
                },
              },
            ],
          },
        } as unknown as Stripe.Subscription;
        subscriptions.set(subId, sub);
        s.subscription = subId;
        events.push(event('customer.subscription.created', sub, at));
        events.push(event('invoice.paid', invoiceOf(sub, true, at), at));
      } else s.payment_intent = id('pi');
      const { _line, _subscription_data, ...shown } = s;
      events.push(event('checkout.session.completed', shown, at));
      return events;
    },
    changeSubscription(subId, patch, type = 'customer.subscription.updated', at = now()) {
      const sub = subscriptions.get(subId);
      if (!sub) throw new Error(`no subscription ${subId}`);
      Object.assign(sub, patch);
      return event(type, sub, at);
    },
    invoice(subId, paid, at = now()) {
      const sub = subscriptions.get(subId);
      if (!sub) throw new Error(`no subscription ${subId}`);
      return event(paid ? 'invoice.paid' : 'invoice.payment_failed', invoiceOf(sub, paid, at), at);
    },
    signed(e) {
      const body = JSON.stringify(e);
      return {
        body,
        signature: signer.webhooks.generateTestHeaderString({ payload: body, secret: STANDIN_WEBHOOK_SECRET }),
      };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return standin;
}
