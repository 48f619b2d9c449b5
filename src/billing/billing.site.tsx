import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { formFields } from '../desk/desk.render.js';
import { editionPath } from '../editions/edition.js';
import { AppError } from '../http/errors.js';
import { AccountPage, Note } from '../readers/account.view.js';
import { readerFromRequest } from '../readers/reader-session.cookie.js';
import { loadChrome } from '../ui/chrome.js';
import type { Chrome } from '../ui/layout.js';
import { sendPage } from '../ui/render.js';
import { DonateForm, SubscribeForm } from './billing.input.js';
import { startDonationCheckout, startMembershipCheckout } from './checkout.service.js';
import { formatMoney, minorPerMajor, parseAmount } from './money.js';
import { type TierView, activeTiers } from './tier.service.js';

const noStore = (c: Context) => c.header('Cache-Control', 'private, no-store');

function TierCard(p: { chrome: Chrome; tier: TierView; currency: string; payments: boolean }) {
  const { t, edition } = p.chrome;
  const money = (a: number) => formatMoney(a, p.currency, edition.locale);
  const x = p.tier;
  const button = (interval: 'month' | 'year', label: string) => (
    <form method="post" action={editionPath(edition, '/membership/checkout')} class="tier-subscribe">
      <input type="hidden" name="tier" value={String(x.id)} />
      <input type="hidden" name="interval" value={interval} />
      <button class="button" type="submit">
        {label}
      </button>
    </form>
  );
  return (
    <li class="tier" data-tier={x.slug}>
      <h2>{x.name}</h2>
      {x.description && <p>{x.description}</p>}
      {x.kind === 'free' ? (
        <p class="tier-price">{t('membership.free')}</p>
      ) : (
        <p class="tier-price">
          {x.monthlyPrice !== null && <span>{t('membership.perMonth', { price: money(x.monthlyPrice) })}</span>}
          {x.monthlyPrice !== null && x.yearlyPrice !== null && ' · '}
          {x.yearlyPrice !== null && <span>{t('membership.perYear', { price: money(x.yearlyPrice) })}</span>}
        </p>
      )}
      {x.benefits.length > 0 && (
        <ul class="tier-benefits">
          {x.benefits.map((b) => (
            <li>{b}</li>
          ))}
        </ul>
      )}
      {x.kind === 'free' ? (
        <a class="button" href={editionPath(edition, '/account/sign-in')}>
          {t('membership.signUpFree')}
        </a>
      ) : (
        p.payments && (
          <>
            {x.monthlyPrice !== null && button('month', t('membership.subscribeMonthly'))}
            {x.yearlyPrice !== null && button('year', t('membership.subscribeYearly'))}
          </>
        )
      )}
    </li>
  );
}

/**
 * The reader's side of payments, in every edition: the pricing page (`/membership`, the same HTML for everyone:
 * it reads no session), Subscribe (a signed-in reader is sent to the provider's Checkout; anyone else to sign in
 * first, back here after), the pages Checkout returns to, and the Support page for donations. Without payment keys
 * the pages show no payment buttons, and the checkout routes answer 404.
 */
export function billingSiteRoutes(app: Hono, deps: AppDeps): void {
  const chromeOf = (c: Context) => loadChrome(deps, c.get('edition'));
  // The edition comes from the chrome: a post has no edition on the context (the edition middleware is for pages).
  const abs = (chrome: Chrome, path: string) => `${deps.config.publicUrl}${editionPath(chrome.edition, path)}`;
  const signInTo = (c: Context, chrome: Chrome, next: string) =>
    c.redirect(
      `${editionPath(chrome.edition, '/account/sign-in')}?next=${encodeURIComponent(editionPath(chrome.edition, next))}`,
      303,
    );
  const message = (c: Context, chrome: Chrome, title: string, text: string, link?: { href: string; label: string }) => {
    noStore(c);
    return sendPage(
      c,
      <AccountPage chrome={chrome} title={title}>
        <p>{text}</p>
        {link && (
          <p>
            <a href={link.href}>{link.label}</a>
          </p>
        )}
      </AccountPage>,
    );
  };

  app.get('/membership', async (c) => {
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const [tiers, settings] = await Promise.all([activeTiers(deps), deps.lookups.settings()]);
    const payments = deps.payments !== null;
    return sendPage(
      c,
      <AccountPage chrome={chrome} title={t('membership.title')}>
        <p>{t('membership.intro')}</p>
        {!payments && tiers.some((x) => x.kind === 'paid') && <p class="hint">{t('membership.paymentsOff')}</p>}
        {tiers.length === 0 ? (
          <p>{t('membership.none')}</p>
        ) : (
          <ul class="tiers">
            {tiers.map((tier) => (
              <TierCard chrome={chrome} tier={tier} currency={settings.billing.currency} payments={payments} />
            ))}
          </ul>
        )}
        {payments && <p class="hint">{t('membership.signInFirst')}</p>}
      </AccountPage>,
    );
  });

  app.post('/membership/checkout', async (c) => {
    if (!deps.payments) throw new AppError(404, 'payments_off', 'Payments are not open on this site.');
    const f = await formFields(c);
    const parsed = SubscribeForm.safeParse(f);
    if (!parsed.success) throw new AppError(400, 'bad_request', 'That membership cannot be joined.');
    const chrome = await chromeOf(c);
    const auth = await readerFromRequest(deps, c);
    if (!auth) return signInTo(c, chrome, '/membership');
    const url = await startMembershipCheckout(
      deps,
      auth.reader,
      { tierId: parsed.data.tier, interval: parsed.data.interval },
      {
        success: abs(chrome, '/membership/welcome'),
        cancel: abs(chrome, '/membership/cancelled'),
        locale: chrome.edition.code,
      },
    );
    noStore(c);
    return c.redirect(url, 303);
  });

  app.get('/membership/welcome', async (c) => {
    const chrome = await chromeOf(c);
    const { t } = chrome;
    return message(c, chrome, t('membership.success.title'), t('membership.success.text'), {
      href: editionPath(chrome.edition, '/account'),
      label: t('membership.success.account'),
    });
  });

  app.get('/membership/cancelled', async (c) => {
    const chrome = await chromeOf(c);
    const { t } = chrome;
    return message(c, chrome, t('membership.cancel.title'), t('membership.cancel.text'), {
      href: editionPath(chrome.edition, '/membership'),
      label: t('membership.back'),
    });
  });

  const supportPage = async (c: Context, error?: string, status: 200 | 400 = 200) => {
    const chrome = await chromeOf(c);
    const { t, edition } = chrome;
    const { billing } = await deps.lookups.settings();
    const money = (a: number) => formatMoney(a, billing.currency, edition.locale);
    const step = 1 / minorPerMajor(billing.currency);
    if (error) noStore(c);
    return sendPage(
      c,
      <AccountPage chrome={chrome} title={t('support.title')}>
        <p>{t('support.intro')}</p>
        {error && <Note kind="error">{error}</Note>}
        {deps.payments ? (
          <form method="post" action={editionPath(edition, '/support/checkout')} class="account-form support-form">
            <fieldset>
              <legend>{t('support.amount')}</legend>
              {billing.donationPresets.map((a, i) => (
                <label class="account-check">
                  <input type="radio" name="preset" value={String(a)} checked={i === 1} /> {money(a)}
                </label>
              ))}
              <label for="support-custom">{t('support.custom', { currency: billing.currency })}</label>
              <input
                id="support-custom"
                name="custom"
                inputmode="decimal"
                type="number"
                min={step}
                step={step}
                maxlength={12}
              />
            </fieldset>
            <fieldset>
              <label class="account-check">
                <input type="radio" name="interval" value="once" checked /> {t('support.once')}
              </label>
              <label class="account-check">
                <input type="radio" name="interval" value="month" /> {t('support.monthly')}
              </label>
            </fieldset>
            <label class="account-check">
              <input type="checkbox" name="join" value="1" /> {t('support.join')}
            </label>
            <button class="button" type="submit">
              {t('support.button')}
            </button>
          </form>
        ) : (
          <p class="hint">{t('support.paymentsOff')}</p>
        )}
      </AccountPage>,
      status,
    );
  };

  app.get('/support', (c) => supportPage(c));

  app.post('/support/checkout', async (c) => {
    if (!deps.payments) throw new AppError(404, 'payments_off', 'Payments are not open on this site.');
    const chrome = await chromeOf(c);
    const { billing } = await deps.lookups.settings();
    const parsed = DonateForm.safeParse(await formFields(c));
    if (!parsed.success) return supportPage(c, chrome.t('support.error.amount'), 400);
    const { custom, preset, interval, join } = parsed.data;
    const typed = custom?.trim() ? parseAmount(custom, billing.currency) : null;
    const fromPreset = preset && /^\d{1,12}$/.test(preset) ? Number(preset) : null;
    const amount = typed
      ? typed.ok
        ? typed.amount
        : null
      : fromPreset !== null && billing.donationPresets.includes(fromPreset)
        ? fromPreset
        : null;
    if (amount === null) return supportPage(c, chrome.t('support.error.amount'), 400);
    const auth = await readerFromRequest(deps, c);
    const url = await startDonationCheckout(
      deps,
      auth?.reader ?? null,
      { amount, interval, join: join === '1' },
      {
        success: abs(chrome, '/support/thanks'),
        cancel: abs(chrome, '/support'),
        locale: chrome.edition.code,
        name: `${chrome.t('support.title')} — ${chrome.name}`,
      },
    );
    noStore(c);
    return c.redirect(url, 303);
  });

  app.get('/support/thanks', async (c) => {
    const chrome = await chromeOf(c);
    return message(c, chrome, chrome.t('support.thanks.title'), chrome.t('support.thanks.text'));
  });
}
