import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { cacheKeys } from '../cache/cache.keys.js';
import { cacheFor } from '../cache/cache.middleware.js';
import { formFields, formList } from '../desk/desk.render.js';
import { editionPath } from '../editions/edition.js';
import { withFormErrors } from '../http/form-errors.js';
import { parseInput } from '../lib/parse-input.js';
import { readerClientIp } from '../readers/reader-session.cookie.js';
import { signUpChoices } from '../ui/chrome.js';
import { loadChrome } from '../ui/chrome.js';
import { html } from '../ui/html.js';
import { Layout } from '../ui/layout.js';
import type { Chrome } from '../ui/layout.js';
import { sendPage } from '../ui/render.js';
import { assetUrl } from '../ui/assets.js';
import {
  recordClick,
  recordOpen,
  resubscribeByLink,
  type SignUpOutcome,
  refused,
  signUp,
  unsubscribeByLink,
  unsubscribeLinkState,
} from './signup.service.js';
import { SignUpSchema } from './newsletter.input.js';
import { SignUpForm, type SignUpSource } from './signup.form.js';

/** Pages about one reader's address (the unsubscribe link): never kept, never sending the link on. */
function personal(c: Context): void {
  c.header('Cache-Control', 'private, no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Robots-Tag', 'noindex');
}

/** The embeddable form may be framed by any site (it posts to this one, from this one). */
const EMBED_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  'frame-ancestors *',
].join('; ');

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** A short page in the site's shell. */
function MessagePage(p: { chrome: Chrome; title: string; children?: unknown }) {
  return (
    <Layout chrome={p.chrome} title={p.title} head={<meta name="robots" content="noindex" />}>
      <section class="newsletters-page">
        <h1 class="page-title">{p.title}</h1>
        {p.children}
      </section>
    </Layout>
  );
}

/** The embeddable form's document: the form alone, with the site's styles and script. */
function EmbedPage(p: { chrome: Chrome; form: ReturnType<typeof SignUpForm> }) {
  return html`<html lang="${p.chrome.language}">
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta name="robots" content="noindex"/>
      <title>${p.chrome.t('newsletters.embed.title', { site: p.chrome.name })}</title>
      <link rel="stylesheet" href="${assetUrl('site.css')}"/>
      <script src="${assetUrl('site.js')}" defer=""></script>
    </head>
    <body class="embed"><main>${p.form}</main></body>
  </html>`;
}

/**
 * The reader side of newsletters, in every edition (`/uk/newsletters`):
 * - `/newsletters`: every visible list with what it is, one form, and whether opens and clicks are counted;
 * - `POST /newsletters/sign-up`: every sign-up form posts here (under stories, the footer, this page, the embed):
 *   a honeypot, a per-network limit, then R's sign-in link with the lists chosen (double opt-in: the account is
 *   made now, the lists written when the link is followed). With `Accept: application/json` (site.js) it answers
 *   `{ ok, message }` to show in place; without, a page;
 * - `/newsletters/embed`: the form alone, for other sites to frame (`?lists=slug,slug` narrows it);
 * - `/newsletters/unsubscribe/:token`: a reader's signed link for one list. GET shows a confirm button, POST
 *   unsubscribes (the button, or a mail client's RFC 8058 one-click POST); no sign-in; other lists stay;
 * - `/newsletters/o/:token.gif`, `/newsletters/c/:delivery`: opens and clicks, counted only when the newsroom
 *   turned counting on (the links exist only in mail sent then).
 */
export function newsletterSiteRoutes(app: Hono, deps: AppDeps): void {
  const chromeOf = (c: Context) => loadChrome(deps, c.get('edition'));
  const action = (chrome: Chrome) => editionPath(chrome.edition, '/newsletters/sign-up');

  const listPage = async (
    c: Context,
    extra: { values?: { email?: string; newsletters?: number[] }; error?: string; message?: string } = {},
    status: 200 | 400 = 200,
  ) => {
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const tracking = (await deps.lookups.settings()).newsletterTracking;
    const choices = chrome.newsletters ?? [];
    if (!extra.values && !extra.error && !extra.message) cacheFor(c, [cacheKeys.chrome]);
    return sendPage(
      c,
      <Layout chrome={chrome} title={t('newsletters.title')} footerSignUp={false}>
        <section class="newsletters-page">
          <h1 class="page-title">{t('newsletters.title')}</h1>
          <p>{t('newsletters.intro')}</p>
          {choices.length === 0 ? (
            <p class="empty">{t('newsletters.none')}</p>
          ) : (
            SignUpForm({
              t,
              action: action(chrome),
              choices,
              source: 'newsletters',
              detailed: true,
              disclosure: `${t('newsletters.form.privacy')} ${t(tracking ? 'newsletters.tracking.on' : 'newsletters.tracking.off')}`,
              ...extra,
            })
          )}
        </section>
      </Layout>,
      status,
    );
  };

  app.get('/newsletters', (c) => listPage(c));

  app.get('/newsletters/embed', async (c) => {
    const chrome = await chromeOf(c);
    const wanted = (c.req.query('lists') ?? '').split(',').filter(Boolean);
    const all = await deps.lookups.newsletters();
    const chosen = wanted.length ? all.filter((n) => wanted.includes(n.slug)) : all;
    const choices = signUpChoices(chosen.length ? chosen : all, chrome.edition.code);
    c.header('Content-Security-Policy', EMBED_POLICY);
    // The framing site is the sign-up's source detail, as its Referer says (an origin, never a whole URL).
    const from = /^https?:\/\/[^/\s]+/.exec(c.req.header('referer') ?? '')?.[0] ?? '';
    c.header('Cache-Control', 'private, no-store');
    return sendPage(
      c,
      EmbedPage({
        chrome,
        form: SignUpForm({
          t: chrome.t,
          action: action(chrome),
          choices,
          source: 'embed',
          detailed: true,
          ...(from ? { from } : {}),
        }),
      }),
    );
  });

  app.post('/newsletters/sign-up', async (c) => {
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const f = await formFields(c);
    const list = await formList(c, 'newsletters');
    const newsletters = list.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
    /** The form's answer: JSON for the script, else the page (or the embed) with the message or the refusal. */
    const answer = async (out: SignUpOutcome) => {
      const json = (c.req.header('accept') ?? '').includes('application/json');
      const status = out.ok ? 200 : out.limited ? 429 : 400;
      if (out.limited) c.header('Retry-After', String(out.retryAfter));
      c.header('Cache-Control', 'private, no-store');
      if (json) return c.json({ ok: out.ok, message: out.message }, status);
      const source = f.source as SignUpSource;
      if (source === 'embed') {
        const choices = chrome.newsletters ?? [];
        return sendPage(
          c,
          EmbedPage({
            chrome,
            form: SignUpForm({
              t,
              action: action(chrome),
              choices,
              source: 'embed',
              detailed: true,
              ...(out.ok
                ? { message: out.message }
                : { error: out.message, values: { email: f.email ?? '', newsletters } }),
            }),
          }),
          status === 429 ? 400 : status,
        );
      }
      if (out.ok) return listPage(c, { message: out.message });
      return listPage(c, { error: out.message, values: { email: f.email ?? '', newsletters } }, 400).then((res) =>
        status === 429 ? new Response(res.body, { status: 429, headers: res.headers }) : res,
      );
    };
    // The one parse, at the face and in the edition's words; its refusal is answered as the form's.
    return withFormErrors(
      async () =>
        answer(
          await signUp(deps, {
            values: parseInput(SignUpSchema, { ...f, newsletters: list }, 'field', t),
            edition: chrome.edition,
            choices: chrome.newsletters ?? [],
            ip: readerClientIp(deps, c),
          }),
        ),
      (err) => answer(refused(err.message)),
    );
  });

  app.get('/newsletters/unsubscribe/:token', async (c) => {
    personal(c);
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const link = await unsubscribeLinkState(deps, c.req.param('token'));
    if (!link)
      return sendPage(
        c,
        <MessagePage chrome={chrome} title={t('newsletters.unsubscribe.title')}>
          <p>{t('newsletters.unsubscribe.invalid')}</p>
        </MessagePage>,
        404,
      );
    const words = { newsletter: link.newsletter, email: link.email };
    return sendPage(
      c,
      <MessagePage chrome={chrome} title={t('newsletters.unsubscribe.title')}>
        {link.subscribed ? (
          <>
            <p>{t('newsletters.unsubscribe.question', words)}</p>
            <form
              method="post"
              action={editionPath(chrome.edition, `/newsletters/unsubscribe/${c.req.param('token')}`)}
            >
              <button class="button" type="submit">
                {t('newsletters.unsubscribe.button')}
              </button>
            </form>
            <p class="hint">{t('newsletters.unsubscribe.others')}</p>
          </>
        ) : (
          <p>{t('newsletters.unsubscribe.already', words)}</p>
        )}
        <p>
          <a href={editionPath(chrome.edition, '/account')}>{t('newsletters.unsubscribe.manage')}</a>
        </p>
      </MessagePage>,
    );
  });

  // The confirm button and a mail client's one-click POST (body `List-Unsubscribe=One-Click`) both land here.
  app.post('/newsletters/unsubscribe/:token', async (c) => {
    personal(c);
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const token = c.req.param('token');
    const done = await unsubscribeByLink(deps, token);
    if (!done)
      return sendPage(
        c,
        <MessagePage chrome={chrome} title={t('newsletters.unsubscribe.title')}>
          <p>{t('newsletters.unsubscribe.invalid')}</p>
        </MessagePage>,
        404,
      );
    const words = { newsletter: done.newsletter, email: done.email };
    return sendPage(
      c,
      <MessagePage chrome={chrome} title={t('newsletters.unsubscribe.title')}>
        <p role="status">{t('newsletters.unsubscribe.done', words)}</p>
        <p class="hint">{t('newsletters.unsubscribe.others')}</p>
        <form method="post" action={editionPath(chrome.edition, `/newsletters/resubscribe/${token}`)}>
          <button class="button secondary" type="submit">
            {t('newsletters.unsubscribe.resubscribe')}
          </button>
        </form>
      </MessagePage>,
    );
  });

  app.post('/newsletters/resubscribe/:token', async (c) => {
    personal(c);
    const chrome = await chromeOf(c);
    const { t } = chrome;
    const done = await resubscribeByLink(deps, c.req.param('token'));
    return sendPage(
      c,
      <MessagePage chrome={chrome} title={t('newsletters.title')}>
        <p role="status">
          {done
            ? t('newsletters.unsubscribe.resubscribed', { newsletter: done.newsletter, email: done.email })
            : t('newsletters.unsubscribe.invalid')}
        </p>
      </MessagePage>,
      done ? 200 : 404,
    );
  });

  app.get('/newsletters/o/:file', async (c) => {
    await recordOpen(deps, c.req.param('file').replace(/\.gif$/, ''));
    c.header('Cache-Control', 'private, no-store');
    c.header('Content-Type', 'image/gif');
    return c.body(GIF);
  });

  app.get('/newsletters/c/:delivery', async (c) => {
    const to = await recordClick(deps, c.req.param('delivery'), c.req.query('u') ?? '', c.req.query('s') ?? '');
    c.header('Cache-Control', 'private, no-store');
    c.header('Referrer-Policy', 'no-referrer');
    if (to) return c.redirect(to, 302);
    const chrome = await chromeOf(c);
    return sendPage(
      c,
      <MessagePage chrome={chrome} title={chrome.t('newsletters.title')}>
        <p>{chrome.t('newsletters.linkInvalid')}</p>
      </MessagePage>,
      404,
    );
  });
}
