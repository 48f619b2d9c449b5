import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { editionPath } from '../editions/edition.js';
import { formFields, formList } from '../desk/desk.render.js';
import { withFormErrors } from '../http/form-errors.js';
import { parseInput } from '../lib/parse-input.js';
import { loadChrome } from '../ui/chrome.js';
import type { Chrome } from '../ui/layout.js';
import { sendPage } from '../ui/render.js';
import { SignInForm as SignInInput, type SignInFormValues as SignInValuesParsed } from './account.input.js';
import { signUpNewsletterChoices } from './account.service.js';
import { AccountPage, Note, SignInForm, SignUpForm, type SignInValues } from './account.view.js';
import { READER_LIMITS } from './rate-limit.js';
import { readerClientIp, startReaderSession } from './reader-session.cookie.js';
import { SIGN_IN_LINK_TTL_MS } from './reader.mail.js';
import { type LinkState, inspectSignInLink, redeemSignInLink, requestSignInLink, safeNext } from './sign-in.service.js';

/**
 * Headers of every page in the sign-in flow: personal to one request, never kept, not indexed, and never sending
 * its URL (an emailed link's token) to another site. `same-origin`, not `no-referrer`: with no referrer at all the
 * browser sends `Origin: null` with the page's own form, which the form guard rightly refuses.
 */
function personal(c: Context): void {
  c.header('Cache-Control', 'private, no-store');
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Robots-Tag', 'noindex');
}

const page = (c: Context, body: unknown, status = 200) => {
  personal(c);
  return sendPage(c, body, status as 200);
};

/** The form's fields: the plain ones, and the newsletter checkboxes (`newsletter`, repeated) as sent. */
async function signInFields(c: Context) {
  return { fields: await formFields(c), newsletter: await formList(c, 'newsletter') };
}

/**
 * The sign-in flow of reader accounts, in every edition (`/uk/account/sign-in`): the sign-in and sign-up forms
 * (plain forms: no script needed), the "check your email" page (the same words whether the address has an account
 * or not), the limits' 429 pages, and the page an emailed link opens: a button that POSTs, so mail scanners that
 * fetch links do not use them up, and clear pages for an expired, used or broken link.
 */
export function readerSignInRoutes(app: Hono, deps: AppDeps): void {
  const chromeOf = (c: Context) => loadChrome(deps, c.get('edition'));
  // Where a link takes the reader: the page they came from, or their account page.
  const nextOf = (chrome: Chrome, next: string | undefined) =>
    next ? safeNext(next) : editionPath(chrome.edition, '/account');

  const signInPage = async (c: Context, values: SignInValues = {}, error?: string, status = 200) => {
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const notice = c.req.query('out');
    return page(
      c,
      <AccountPage chrome={chrome} title={t('account.signIn.title')}>
        {notice === '1' && <Note kind="ok">{t('account.signedOut')}</Note>}
        {notice === 'all' && <Note kind="ok">{t('account.signedOutEverywhere')}</Note>}
        <p>{t('account.signIn.intro')}</p>
        <SignInForm chrome={chrome} values={values} {...(error ? { error } : {})} />
        <p>
          {t('account.signIn.new')}{' '}
          <a
            href={`${editionPath(chrome.edition, '/account/sign-up')}${values.next ? `?next=${encodeURIComponent(values.next)}` : ''}`}
          >
            {t('account.signIn.toSignUp')}
          </a>
        </p>
      </AccountPage>,
      status,
    );
  };

  const signUpPage = async (c: Context, values: SignInValues = {}, error?: string, status = 200) => {
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const newsletters = await signUpNewsletterChoices(deps, chrome.edition.code);
    return page(
      c,
      <AccountPage chrome={chrome} title={t('account.signUp.title')}>
        <p>{t('account.signUp.intro')}</p>
        <SignUpForm chrome={chrome} newsletters={newsletters} values={values} {...(error ? { error } : {})} />
        <p>
          {t('account.signUp.have')}{' '}
          <a
            href={`${editionPath(chrome.edition, '/account/sign-in')}${values.next ? `?next=${encodeURIComponent(values.next)}` : ''}`}
          >
            {t('account.signUp.toSignIn')}
          </a>
        </p>
      </AccountPage>,
      status,
    );
  };

  const queryNext = (c: Context) => {
    const next = c.req.query('next');
    return next && safeNext(next) === next ? next : undefined;
  };
  app.get('/account/sign-in', (c) => signInPage(c, { ...(queryNext(c) ? { next: queryNext(c) } : {}) }));
  app.get('/account/sign-up', (c) => signUpPage(c, { ...(queryNext(c) ? { next: queryNext(c) } : {}) }));

  /** Asks for the link; answers "check your email", the form again (a bad address) or the limit's 429 page. */
  const ask = async (c: Context, kind: 'signIn' | 'signUp') => {
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const { fields, newsletter } = await signInFields(c);
    const again = kind === 'signIn' ? signInPage : signUpPage;
    const shown = newsletter.map(Number).filter((n) => Number.isSafeInteger(n));
    return withFormErrors(
      () => sendLink(c, kind, parseInput(SignInInput, { ...fields, newsletter }, 'field', t)),
      (err) => again(c, { ...fields, newsletters: shown }, err.message, err.status),
    );
  };

  /** Sends the link the form asked for (typed values); answers "check your email" or the limit's 429 page. */
  const sendLink = async (c: Context, kind: 'signIn' | 'signUp', form: SignInValuesParsed) => {
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const next = nextOf(chrome, form.next);
    const out = await requestSignInLink(deps, {
      email: form.email,
      ...(kind === 'signUp' && form.name ? { name: form.name } : {}),
      language: chrome.edition.code,
      source: kind === 'signUp' ? 'sign-up' : 'account',
      sourceDetail: next,
      newsletters: kind === 'signUp' ? form.newsletter : [],
      next,
      ip: readerClientIp(deps, c),
    });
    if (out.outcome === 'limited') {
      const limit = out.by === 'ip' ? READER_LIMITS.signInPerIp : READER_LIMITS.signInPerEmail;
      c.header('Retry-After', String(Math.ceil(limit.windowMs / 1000)));
      return page(
        c,
        <AccountPage chrome={chrome} title={t('account.limited.title')}>
          <p>{t(out.by === 'ip' ? 'account.limited.ip' : 'account.limited.email')}</p>
        </AccountPage>,
        429,
      );
    }
    return page(
      c,
      <AccountPage chrome={chrome} title={t('account.check.title')}>
        <p>{t('account.check.text', { email: form.email })}</p>
        <p>{t('email.expires', { count: Math.round(SIGN_IN_LINK_TTL_MS / 60_000) })}</p>
        <p>{t('account.check.spam')}</p>
        <p>
          <a href={`${editionPath(chrome.edition, '/account/sign-in')}?next=${encodeURIComponent(next)}`}>
            {t('account.check.again')}
          </a>
        </p>
      </AccountPage>,
    );
  };
  app.post('/account/sign-in', (c) => ask(c, 'signIn'));
  app.post('/account/sign-up', (c) => ask(c, 'signUp'));

  /** A link that cannot be used (expired, used, broken, or an address taken): why, and a form for a new one. */
  const linkProblem = async (c: Context, state: Exclude<LinkState['state'], 'valid'> | 'taken') => {
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const status = state === 'invalid' ? 404 : state === 'taken' ? 409 : 410;
    return page(
      c,
      <AccountPage chrome={chrome} title={t(`account.link.${state}.title`)}>
        <p>{t(`account.link.${state}.text`)}</p>
        {state !== 'taken' && <SignInForm chrome={chrome} />}
      </AccountPage>,
      status,
    );
  };

  app.get('/account/link/:token', async (c) => {
    const link = await inspectSignInLink(deps, c.req.param('token'));
    if (link.state !== 'valid') return linkProblem(c, link.state);
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const kind = link.purpose === 'email-change' ? 'change' : link.reader.confirmed_at === null ? 'signUp' : 'signIn';
    return page(
      c,
      <AccountPage chrome={chrome} title={t(`account.link.${kind}.title`, { site: chrome.name })}>
        <p>{t('account.link.text')}</p>
        <form method="post" action={editionPath(chrome.edition, `/account/link/${c.req.param('token')}`)}>
          <button class="button" type="submit">
            {t(`account.link.${kind}.button`)}
          </button>
        </form>
      </AccountPage>,
    );
  });

  app.post('/account/link/:token', async (c) => {
    const result = await redeemSignInLink(deps, c.req.param('token'));
    if (result.state !== 'signed-in') return linkProblem(c, result.state);
    await startReaderSession(deps, c, result.reader);
    personal(c);
    const chrome = await chromeOf(c);
    const to =
      result.purpose === 'email-change' ? `${editionPath(chrome.edition, '/account')}?changed=1` : result.payload.next;
    return c.redirect(to, 303);
  });
}
