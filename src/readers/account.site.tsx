import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { editionPath } from '../editions/edition.js';
import type { AppError } from '../http/errors.js';
import { withFormErrors } from '../http/form-errors.js';
import { formBody } from '../http/input.js';
import { parseInput } from '../lib/parse-input.js';
import { formFields } from '../desk/desk.render.js';
import { loadChrome } from '../ui/chrome.js';
import { sendPage } from '../ui/render.js';
import { formatTime } from '../ui/time.js';
import { EmailForm, NewsletterIds, ProfileForm } from './account.input.js';
import {
  accountPageData,
  eraseReader,
  exportReaderData,
  setReaderNewsletters,
  updateReaderProfile,
} from './account.service.js';
import { AccountPage, Csrf, Note } from './account.view.js';
import { accountMembership, portalUrl } from '../billing/checkout.service.js';
import { MembershipSection } from '../billing/account-membership.view.js';
import { readerCsrfToken } from './reader-csrf.js';
import {
  endEverySession,
  endReaderSession,
  readerFromRequest,
  requireReader,
  signedInReader,
} from './reader-session.cookie.js';
import { requestEmailChange } from './sign-in.service.js';

const noStore = (c: Context) => c.header('Cache-Control', 'private, no-store');

/**
 * A reader's own pages, in every edition (`/uk/account`): the account page (name, comment name, email change
 * confirmed on the new address, newsletters, download my data, sessions and "sign out everywhere", delete the
 * account), and `/account/state.json`, the small personal fragment site.js fetches so that every other page stays
 * the same HTML for everyone and cacheable. All of it `private, no-store`; never in the render cache (the path
 * is in NEVER_CACHED, and the cache never keeps an answer that read the reader's session).
 */
export function readerAccountRoutes(app: Hono, deps: AppDeps): void {
  const chromeOf = (c: Context) => loadChrome(deps, c.get('edition'));
  const accountPath = (c: Context, query = '') => `${editionPath(c.get('edition'), '/account')}${query}`;

  /** The signed-in state, for site.js: who, where their account is, and the token their forms on cached pages send. */
  app.get('/account/state.json', async (c) => {
    noStore(c);
    c.header('Vary', 'Cookie');
    const auth = await readerFromRequest(deps, c);
    if (!auth) return c.json({ signedIn: false });
    const { reader, session } = auth;
    return c.json({
      signedIn: true,
      name: reader.comment_name || reader.name,
      account: accountPath(c),
      csrf: readerCsrfToken(session),
      canComment: reader.comments_banned_at === null,
    });
  });

  app.use('/account', requireReader(deps));
  app.use('/account/profile', requireReader(deps));
  app.use('/account/email', requireReader(deps));
  app.use('/account/newsletters', requireReader(deps));
  app.use('/account/data.json', requireReader(deps));
  app.use('/account/sign-out', requireReader(deps));
  app.use('/account/sign-out-everywhere', requireReader(deps));
  app.use('/account/delete', requireReader(deps));
  app.use('/account/membership/portal', requireReader(deps));

  const accountPage = async (c: Context, notice?: { kind: 'ok' | 'error'; text: string }, status = 200) => {
    const { reader, session } = signedInReader(c);
    const chrome = await chromeOf(c);
    const { t, edition } = chrome;
    const csrf = readerCsrfToken(session);
    const [{ newsletters, sessions, eraseComments }, membership] = await Promise.all([
      accountPageData(deps, reader, edition.code),
      accountMembership(deps, reader.id),
    ]);
    const done = c.req.query('done');
    const shown =
      notice ??
      (done === 'profile'
        ? { kind: 'ok' as const, text: t('account.saved') }
        : done === 'newsletters'
          ? { kind: 'ok' as const, text: t('account.newsletters.saved') }
          : c.req.query('changed') === '1'
            ? { kind: 'ok' as const, text: t('account.email.changed') }
            : undefined);
    const at = (path: string) => editionPath(edition, path);
    noStore(c);
    return sendPage(
      c,
      <AccountPage chrome={chrome} title={t('account.title')}>
        {shown && <Note kind={shown.kind}>{shown.text}</Note>}
        <h2>{t('account.profile')}</h2>
        <form method="post" action={at('/account/profile')} class="account-form">
          <Csrf token={csrf} />
          <label for="account-name">{t('account.field.name')}</label>
          <input id="account-name" type="text" name="name" maxlength={120} autocomplete="name" value={reader.name} />
          <label for="account-comment-name">{t('account.commentName')}</label>
          <input
            id="account-comment-name"
            type="text"
            name="comment_name"
            maxlength={120}
            value={reader.comment_name}
            aria-describedby="account-comment-hint"
          />
          <p class="hint" id="account-comment-hint">
            {t('account.commentNameHint')}
          </p>
          <button class="button" type="submit">
            {t('account.save')}
          </button>
        </form>
        <MembershipSection chrome={chrome} csrf={csrf} membership={membership} timeZone={deps.config.timeZone} />
        <h2>{t('account.email.heading')}</h2>
        <p>{t('account.email.current', { email: reader.email })}</p>
        <form method="post" action={at('/account/email')} class="account-form">
          <Csrf token={csrf} />
          <label for="account-new-email">{t('account.email.new')}</label>
          <input id="account-new-email" type="email" name="email" required maxlength={254} autocomplete="email" />
          <button class="button" type="submit">
            {t('account.email.button')}
          </button>
        </form>
        <h2>{t('account.newsletters.heading')}</h2>
        {newsletters.length ? (
          <form method="post" action={at('/account/newsletters')} class="account-form">
            <Csrf token={csrf} />
            {newsletters.map((n) => (
              <label class="account-check">
                <input type="checkbox" name="newsletter" value={String(n.id)} checked={n.subscribed} /> {n.name}
                {n.description && <span class="hint"> — {n.description}</span>}
              </label>
            ))}
            <button class="button" type="submit">
              {t('account.newsletters.save')}
            </button>
          </form>
        ) : (
          <p>{t('account.newsletters.none')}</p>
        )}
        <h2>{t('account.data.heading')}</h2>
        <p>
          {t('account.data.text')}{' '}
          <a href={at('/account/data.json')} download="my-data.json">
            {t('account.data.download')}
          </a>
        </p>
        <h2>{t('account.sessions.heading')}</h2>
        <p>{t('account.sessions.count', { count: sessions.length })}</p>
        <ul class="account-sessions">
          {sessions.map((s) => (
            <li>
              {s.user_agent.slice(0, 80) || '—'} ·{' '}
              {t('account.sessions.lastSeen', {
                time: formatTime(s.last_seen_at, deps.config.timeZone, 'short', edition.locale),
              })}
              {s.id === session.id && <strong> · {t('account.sessions.this')}</strong>}
            </li>
          ))}
        </ul>
        <form method="post" action={at('/account/sign-out')} class="account-inline">
          <Csrf token={csrf} />
          <button class="button" type="submit">
            {t('account.signOut')}
          </button>
        </form>{' '}
        <form method="post" action={at('/account/sign-out-everywhere')} class="account-inline">
          <Csrf token={csrf} />
          <button class="button" type="submit">
            {t('account.signOutEverywhere')}
          </button>
        </form>
        <h2>{t('account.delete.heading')}</h2>
        <p>{t('account.delete.text')}</p>
        <p>{t(eraseComments === 'delete' ? 'account.delete.erase' : 'account.delete.keep')}</p>
        <p>
          <a href={at('/account/delete')}>{t('account.delete.link')}</a>
        </p>
      </AccountPage>,
      status as 200,
    );
  };

  app.get('/account', (c) => accountPage(c));

  // "Manage membership": the payment provider's portal (card, tier, cancelling), back to this page after.
  app.post('/account/membership/portal', async (c) => {
    const { reader } = signedInReader(c);
    const url = await portalUrl(deps, reader, `${deps.config.publicUrl}${accountPath(c)}`);
    noStore(c);
    return c.redirect(url, 303);
  });

  /** A refused form: the account page again, with the refusal in the edition's words and its status. */
  const refusedForm = (c: Context) => (err: AppError) =>
    accountPage(c, { kind: 'error', text: err.message }, err.status);

  app.post('/account/profile', async (c) => {
    const { t } = await chromeOf(c);
    const fields = await formFields(c);
    return withFormErrors(async () => {
      await updateReaderProfile(deps, signedInReader(c).reader, parseInput(ProfileForm, fields, 'field', t));
      return c.redirect(accountPath(c, '?done=profile'), 303);
    }, refusedForm(c));
  });

  app.post('/account/email', async (c) => {
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const { reader } = signedInReader(c);
    const fields = await formFields(c);
    return withFormErrors(async () => {
      const { email } = parseInput(EmailForm, fields, 'field', t);
      if (email === reader.email) return accountPage(c, { kind: 'error', text: t('account.email.same') }, 400);
      const out = await requestEmailChange(deps, reader, email, chrome.edition.code);
      if (out.outcome === 'limited') {
        c.header('Retry-After', '3600');
        return accountPage(c, { kind: 'error', text: t('account.limited.email') }, 429);
      }
      return accountPage(c, { kind: 'ok', text: t('account.email.sent', { email }) });
    }, refusedForm(c));
  });

  app.post('/account/newsletters', async (c) => {
    const raw = (await formBody(c)).newsletter;
    const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (x): x is string => typeof x === 'string',
    );
    const { t } = await chromeOf(c);
    return withFormErrors(async () => {
      const ids = parseInput(NewsletterIds, list, 'field', t);
      await setReaderNewsletters(deps, signedInReader(c).reader, ids);
      return c.redirect(accountPath(c, '?done=newsletters'), 303);
    }, refusedForm(c));
  });

  app.get('/account/data.json', async (c) => {
    noStore(c);
    const data = await exportReaderData(deps, signedInReader(c).reader);
    c.header('Content-Disposition', 'attachment; filename="my-data.json"');
    return c.json(data);
  });

  app.post('/account/sign-out', async (c) => {
    await endReaderSession(deps, c);
    noStore(c);
    return c.redirect(`${editionPath(c.get('edition'), '/account/sign-in')}?out=1`, 303);
  });

  app.post('/account/sign-out-everywhere', async (c) => {
    await endEverySession(deps, c, signedInReader(c).reader.id);
    noStore(c);
    return c.redirect(`${editionPath(c.get('edition'), '/account/sign-in')}?out=all`, 303);
  });

  const deletePage = async (c: Context, error?: string, status = 200) => {
    const { session } = signedInReader(c);
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const settings = await deps.lookups.settings();
    noStore(c);
    return sendPage(
      c,
      <AccountPage chrome={chrome} title={t('account.delete.heading')}>
        {error && <Note kind="error">{error}</Note>}
        <p>{t('account.delete.text')}</p>
        <p>{t(settings.eraseComments === 'delete' ? 'account.delete.erase' : 'account.delete.keep')}</p>
        <form method="post" action={editionPath(chrome.edition, '/account/delete')} class="account-form">
          <Csrf token={readerCsrfToken(session)} />
          <label class="account-check">
            <input type="checkbox" name="confirm" value="yes" required /> {t('account.delete.confirm')}
          </label>
          <button class="button button-danger" type="submit">
            {t('account.delete.button')}
          </button>
        </form>
      </AccountPage>,
      status as 200,
    );
  };

  app.get('/account/delete', (c) => deletePage(c));

  app.post('/account/delete', async (c) => {
    const chrome = await chromeOf(c);
    const { t } = chrome;
    if ((await formFields(c)).confirm !== 'yes') return deletePage(c, t('account.delete.unconfirmed'), 400);
    await eraseReader(deps, signedInReader(c).reader);
    await endReaderSession(deps, c);
    noStore(c);
    return sendPage(
      c,
      <AccountPage chrome={chrome} title={t('account.deleted.title')}>
        <p>{t('account.deleted.text')}</p>
      </AccountPage>,
    );
  });
}
