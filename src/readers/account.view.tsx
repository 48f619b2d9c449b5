import type { Child } from 'hono/jsx';
import { editionPath } from '../editions/edition.js';
import { CSRF_FIELD } from '../users/auth.middleware.js';
import type { Chrome } from '../ui/layout.js';
import { Layout } from '../ui/layout.js';

// Rendering rule (ui/html.ts): pages put together once per request, off the hot path, so hono/jsx, escaped by the
// one escaper. None of them is cached: each is the reader's own (or answers one request).

/** A reader page of the account area: its own title, never indexed. */
export function AccountPage(props: { chrome: Chrome; title: string; children?: Child }) {
  return (
    <Layout chrome={props.chrome} title={props.title} head={<meta name="robots" content="noindex" />}>
      <section class="account">
        <h1 class="page-title">{props.title}</h1>
        {props.children}
      </section>
    </Layout>
  );
}

/** A notice at the top of a page: `ok` (done), `error` (what was refused). */
export function Note(props: { kind: 'ok' | 'error'; children?: Child }) {
  return (
    <p class={`account-note account-note-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.children}
    </p>
  );
}

/** The hidden field with the signed-in reader's CSRF token (account forms). */
export const Csrf = (props: { token: string }) => <input type="hidden" name={CSRF_FIELD} value={props.token} />;

/** What a sign-in or sign-up form shows again after a refusal. */
export interface SignInValues {
  email?: string;
  name?: string;
  next?: string;
  newsletters?: readonly number[];
}

/** The form that emails a sign-in link (on the sign-in page, and on the pages of an expired or used link). */
export function SignInForm(props: { chrome: Chrome; values?: SignInValues; error?: string }) {
  const { t, edition } = props.chrome;
  const v = props.values ?? {};
  return (
    <form method="post" action={editionPath(edition, '/account/sign-in')} class="account-form">
      {props.error && <Note kind="error">{props.error}</Note>}
      <input type="hidden" name="next" value={v.next ?? ''} />
      <label for="account-email">{t('account.field.email')}</label>
      <input
        id="account-email"
        type="email"
        name="email"
        required
        maxlength={254}
        autocomplete="email"
        value={v.email ?? ''}
      />
      <button class="button" type="submit">
        {t('account.signIn.button')}
      </button>
    </form>
  );
}

/** The sign-up form: name, address and the newsletters offered (each newsletter's default ticked). */
export function SignUpForm(props: {
  chrome: Chrome;
  newsletters: readonly { id: number; name: string; description: string; default_on: number }[];
  values?: SignInValues;
  error?: string;
}) {
  const { t, edition } = props.chrome;
  const v = props.values ?? {};
  const ticked = (n: { id: number; default_on: number }) =>
    v.newsletters ? v.newsletters.includes(n.id) : n.default_on === 1;
  return (
    <form method="post" action={editionPath(edition, '/account/sign-up')} class="account-form">
      {props.error && <Note kind="error">{props.error}</Note>}
      <input type="hidden" name="next" value={v.next ?? ''} />
      <label for="account-name">{t('account.field.nameOptional')}</label>
      <input id="account-name" type="text" name="name" maxlength={120} autocomplete="name" value={v.name ?? ''} />
      <label for="account-email">{t('account.field.email')}</label>
      <input
        id="account-email"
        type="email"
        name="email"
        required
        maxlength={254}
        autocomplete="email"
        value={v.email ?? ''}
      />
      {props.newsletters.length > 0 && (
        <fieldset>
          <legend>{t('account.field.newsletters')}</legend>
          {props.newsletters.map((n) => (
            <label class="account-check">
              <input type="checkbox" name="newsletter" value={String(n.id)} checked={ticked(n)} /> {n.name}
              {n.description && <span class="hint"> — {n.description}</span>}
            </label>
          ))}
        </fieldset>
      )}
      <button class="button" type="submit">
        {t('account.signUp.button')}
      </button>
    </form>
  );
}
