import { editionPath } from '../editions/edition.js';
import { Csrf } from '../readers/account.view.js';
import type { Chrome } from '../ui/layout.js';
import type { AccountMembership } from './checkout.service.js';

/** The account page's membership: tier, status, renewal or the end of access, and "Manage membership". */
export function MembershipSection(p: {
  chrome: Chrome;
  csrf: string;
  membership: AccountMembership | null;
  timeZone: string;
}) {
  const { t, edition } = p.chrome;
  const m = p.membership;
  const date = (ms: number | null) =>
    ms === null ? '' : new Intl.DateTimeFormat(edition.locale, { dateStyle: 'long', timeZone: p.timeZone }).format(ms);
  const status = !m
    ? ''
    : m.source !== 'subscription'
      ? m.accessUntil === null
        ? t('account.membership.status.complimentaryOpen')
        : t('account.membership.status.complimentary', { date: date(m.accessUntil) })
      : t(`account.membership.status.${m.status}`, { date: date(m.accessUntil) });
  return (
    <section class="account-membership">
      <h2>{t('account.membership.heading')}</h2>
      {m ? (
        <>
          <p data-membership-status={m.status}>
            {t('account.membership.tier', { tier: m.tierName })} · {status}
          </p>
          {m.renewsAt !== null && <p>{t('account.membership.renews', { date: date(m.renewsAt) })}</p>}
          {m.canManage && (
            <form method="post" action={editionPath(edition, '/account/membership/portal')} class="account-inline">
              <Csrf token={p.csrf} />
              <button class="button" type="submit">
                {t('account.membership.manage')}
              </button>
            </form>
          )}
        </>
      ) : (
        <p>
          {t('account.membership.none')}{' '}
          <a href={editionPath(edition, '/membership')}>{t('account.membership.join')}</a>
        </p>
      )}
    </section>
  );
}
