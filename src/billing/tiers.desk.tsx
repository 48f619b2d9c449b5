import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { CsrfField, DeskLayout, Notice, TableHead } from '../desk/desk-layout.js';
import { t } from '../desk/desk-words.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import { withFormErrors } from '../http/form-errors.js';
import { idParam } from '../http/params.js';
import { parseInput } from '../lib/parse-input.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import type { BillingSettings } from './billing.settings.js';
import { amountText, formatMoney } from './money.js';
import { BillingFormSchema, TierSchema } from './tier.input.js';
import {
  type TierView,
  allTiers,
  createTier,
  editTier,
  getTier,
  saveBillingSettings,
  setTierArchived,
} from './tier.service.js';

const TIERS_DESK = '/desk/tiers';
type User = ReturnType<typeof userOf>;
type Form = Record<string, string>;

function TierForm(p: { csrf: string; tier?: TierView; currency: string; form?: Form }) {
  const x = p.tier;
  const v = (name: string, stored: string | number | null | undefined) => p.form?.[name] ?? String(stored ?? '');
  const kind = v('kind', x?.kind ?? 'paid');
  return (
    <form method="post" action={x ? `${TIERS_DESK}/${x.id}` : TIERS_DESK} class="stack">
      <CsrfField token={p.csrf} />
      <div class="row">
        <div>
          <label for="tier-name">{t('desk.billing.name')}</label>
          <input id="tier-name" name="name" required maxlength={80} value={v('name', x?.name)} />
        </div>
        <div>
          <label for="tier-slug">{t('desk.billing.slug')}</label>
          <input id="tier-slug" name="slug" maxlength={60} value={v('slug', x?.slug)} />
        </div>
        <div>
          <label for="tier-kind">{t('desk.billing.kind')}</label>
          <select id="tier-kind" name="kind">
            <option value="paid" selected={kind === 'paid'}>
              {t('desk.billing.kind.paid')}
            </option>
            <option value="free" selected={kind === 'free'}>
              {t('desk.billing.kind.free')}
            </option>
          </select>
        </div>
      </div>
      <div class="row">
        <div>
          <label for="tier-monthly">{t('desk.billing.monthly', { currency: p.currency })}</label>
          <input
            id="tier-monthly"
            name="monthlyPrice"
            inputmode="decimal"
            maxlength={20}
            value={v('monthlyPrice', x ? amountText(x.monthlyPrice, p.currency) : '')}
          />
        </div>
        <div>
          <label for="tier-yearly">{t('desk.billing.yearly', { currency: p.currency })}</label>
          <input
            id="tier-yearly"
            name="yearlyPrice"
            inputmode="decimal"
            maxlength={20}
            value={v('yearlyPrice', x ? amountText(x.yearlyPrice, p.currency) : '')}
          />
        </div>
        <div>
          <label for="tier-position">{t('desk.billing.position')}</label>
          <input
            id="tier-position"
            name="position"
            type="number"
            min={0}
            max={10000}
            value={v('position', x?.position ?? 0)}
          />
        </div>
      </div>
      <div>
        <label for="tier-description">{t('desk.billing.description')}</label>
        <textarea id="tier-description" name="description" maxlength={500} rows={2}>
          {v('description', x?.description)}
        </textarea>
      </div>
      <div>
        <label for="tier-benefits">{t('desk.billing.benefits')}</label>
        <textarea id="tier-benefits" name="benefits" maxlength={2000} rows={4}>
          {v('benefits', x?.benefits.join('\n'))}
        </textarea>
      </div>
      <div>
        <button type="submit">{x ? t('desk.billing.save') : t('desk.billing.create')}</button>
      </div>
    </form>
  );
}

function SettingsForm(p: { csrf: string; billing: BillingSettings; form?: Form }) {
  const b = p.billing;
  const v = (name: string, stored: string | number) => p.form?.[name] ?? String(stored);
  const prompt = v('donationPrompt', b.donationPrompt);
  return (
    <form method="post" action={`${TIERS_DESK}/settings`} class="stack">
      <CsrfField token={p.csrf} />
      <div class="row">
        <div>
          <label for="billing-currency">{t('desk.billing.currency')}</label>
          <input id="billing-currency" name="currency" maxlength={3} required value={v('currency', b.currency)} />
        </div>
        <div>
          <label for="billing-grace">{t('desk.billing.graceDays')}</label>
          <input
            id="billing-grace"
            name="graceDays"
            type="number"
            min={0}
            max={60}
            value={v('graceDays', b.graceDays)}
          />
        </div>
      </div>
      <div class="row">
        <div>
          <label for="billing-prompt">{t('desk.billing.prompt')}</label>
          <select id="billing-prompt" name="donationPrompt">
            {(['off', 'always', 'after'] as const).map((m) => (
              <option value={m} selected={prompt === m}>
                {t(`desk.billing.prompt.${m}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="billing-after">{t('desk.billing.promptAfter')}</label>
          <input
            id="billing-after"
            name="promptAfter"
            type="number"
            min={1}
            max={100}
            value={v('promptAfter', b.promptAfter)}
          />
        </div>
        <div>
          <label for="billing-presets">{t('desk.billing.presets')}</label>
          <input
            id="billing-presets"
            name="donationPresets"
            maxlength={200}
            value={v('donationPresets', b.donationPresets.map((a) => amountText(a, b.currency)).join(' '))}
          />
        </div>
      </div>
      <div>
        <button type="submit">{t('desk.billing.saveSettings')}</button>
      </div>
    </form>
  );
}

/**
 * `/desk/tiers` (owners and admins, `tiers.manage`): the tiers readers can join, their prices in the newsroom's
 * currency, archiving, and the billing settings; says whether payments are on and how to turn them on.
 */
export function deskTierRoutes(app: Hono, deps: AppDeps): void {
  app.use(TIERS_DESK, requireCan('tiers.manage'));
  app.use(`${TIERS_DESK}/*`, requireCan('tiers.manage'));
  const webhookUrl = `${deps.config.publicUrl}/webhooks/stripe`;
  const stripe = deps.config.stripe;

  const list = async (c: Context, extra: { error?: string; form?: Form; settingsForm?: Form } = {}, status = 200) => {
    const [tiers, settings] = await Promise.all([allTiers(deps), deps.lookups.settings()]);
    const { currency } = settings.billing;
    const user: User = userOf(c);
    const done = c.req.query('done') === 'saved' ? t('desk.billing.saved') : undefined;
    const price = (a: number | null) => (a === null ? '—' : formatMoney(a, currency, 'en'));
    const mode = stripe?.secretKey.startsWith('sk_live_') ? 'live mode' : 'test mode';
    return sendDeskPage(
      c,
      <DeskLayout title={t('desk.billing.title')} csrf={csrfToken(c)} user={user}>
        <h1>{t('desk.billing.title')}</h1>
        <p>{t('desk.billing.intro')}</p>
        {stripe ? (
          <Notice kind="ok">{t('desk.billing.paymentsOn', { mode, url: webhookUrl })}</Notice>
        ) : (
          <p class="payments-off">
            <strong>{t('desk.billing.paymentsOff', { url: webhookUrl })}</strong>
          </p>
        )}
        {done && <Notice kind="ok">{done}</Notice>}
        {extra.error && <Notice kind="error">{extra.error}</Notice>}
        {tiers.length === 0 ? (
          <p class="hint">{t('desk.billing.none')}</p>
        ) : (
          <table>
            <TableHead
              columns={[
                t('desk.billing.name'),
                t('desk.billing.kind'),
                t('desk.billing.monthly', { currency }),
                t('desk.billing.yearly', { currency }),
                t('desk.billing.state'),
                '',
              ]}
            />
            <tbody>
              {tiers.map((x) => (
                <tr data-tier-id={String(x.id)}>
                  <td>
                    <strong>{x.name}</strong> <span class="hint">{x.slug}</span>
                  </td>
                  <td>{t(`desk.billing.kind.${x.kind}`)}</td>
                  <td>{price(x.monthlyPrice)}</td>
                  <td>{price(x.yearlyPrice)}</td>
                  <td>{x.archived ? t('desk.billing.archived') : t('desk.billing.active')}</td>
                  <td>
                    <a href={`${TIERS_DESK}/${x.id}`}>{t('desk.billing.edit')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>{t('desk.billing.add')}</h2>
        <TierForm csrf={csrfToken(c)} currency={currency} form={extra.form} />
        <h2>{t('desk.billing.settings')}</h2>
        <SettingsForm csrf={csrfToken(c)} billing={settings.billing} form={extra.settingsForm} />
      </DeskLayout>,
      status,
    );
  };

  const edit = async (c: Context, id: number, extra: { error?: string; form?: Form } = {}, status = 200) => {
    const [tier, settings] = await Promise.all([getTier(deps, id), deps.lookups.settings()]);
    const done = c.req.query('done');
    return sendDeskPage(
      c,
      <DeskLayout title={tier.name} csrf={csrfToken(c)} user={userOf(c)}>
        <p>
          <a href={TIERS_DESK}>← {t('desk.billing.title')}</a>
        </p>
        <h1>{tier.name}</h1>
        {done && <Notice kind="ok">{done === 'created' ? t('desk.billing.created') : t('desk.billing.saved')}</Notice>}
        {extra.error && <Notice kind="error">{extra.error}</Notice>}
        <TierForm csrf={csrfToken(c)} tier={tier} currency={settings.billing.currency} form={extra.form} />
        <p class="hint">{t('desk.billing.archiveHint')}</p>
        <form method="post" action={`${TIERS_DESK}/${tier.id}/archive`} class="inline">
          <CsrfField token={csrfToken(c)} />
          <input type="hidden" name="archived" value={tier.archived ? '0' : '1'} />
          <button type="submit" class={tier.archived ? '' : 'danger'}>
            {tier.archived ? t('desk.billing.restore') : t('desk.billing.archive')}
          </button>
        </form>
      </DeskLayout>,
      status,
    );
  };

  const actor = (c: Context) => `user:${userOf(c).id}`;
  app.get(TIERS_DESK, (c) => list(c));
  app.post(TIERS_DESK, async (c) => {
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        const tier = await createTier(deps, parseInput(TierSchema, { position: '0', ...f }), actor(c));
        return c.redirect(`${TIERS_DESK}/${tier.id}?done=created`, 303);
      },
      (err) => list(c, { error: err.message, form: f }, err.status),
    );
  });
  app.post(`${TIERS_DESK}/settings`, async (c) => {
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        await saveBillingSettings(deps, parseInput(BillingFormSchema, f), actor(c));
        return c.redirect(`${TIERS_DESK}?done=saved`, 303);
      },
      (err) => list(c, { error: err.message, settingsForm: f }, err.status),
    );
  });
  app.get(`${TIERS_DESK}/:id`, (c) => edit(c, idParam(c, 'tier')));
  app.post(`${TIERS_DESK}/:id`, async (c) => {
    const id = idParam(c, 'tier');
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        await editTier(deps, id, parseInput(TierSchema, { position: '0', ...f }), actor(c));
        return c.redirect(`${TIERS_DESK}/${id}?done=saved`, 303);
      },
      (err) => edit(c, id, { error: err.message, form: f }, err.status),
    );
  });
  app.post(`${TIERS_DESK}/:id/archive`, async (c) => {
    const id = idParam(c, 'tier');
    const f = await formFields(c);
    await setTierArchived(deps, id, f.archived !== '0', actor(c));
    return c.redirect(`${TIERS_DESK}/${id}?done=saved`, 303);
  });
}
