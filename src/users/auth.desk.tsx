import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import type { SignInAlert } from './sign-in-trust.repo.js';
import { CsrfField, DeskLayout, Notice } from '../desk/desk-layout.js';
import { formFields, safeNext, sendDeskPage } from '../desk/desk.render.js';
import { DESK_MAX_BODY, deskBodyLimit } from '../desk/desk.http.js';
import { t } from '../desk/desk-words.js';
import { withFormErrors } from '../http/form-errors.js';
import {
  clientAddress,
  csrfProtect,
  csrfToken,
  currentUser,
  requireUser,
  sessionLoader,
  userOf,
} from './auth.middleware.js';
import { dismissSignInAlertsOf, signIn, signInAlertsOf } from './login.service.js';
import { MIN_PASSWORD_LENGTH } from './password.js';
import { secondStepOf, startPendingSignIn } from './pending-sign-in.service.js';
import { deviceToken, endSession, rememberThisDevice, setPendingCookie, startSession } from './session.cookie.js';
import { endEveryUserSession } from './session.service.js';
import { SignInAlerts } from './sign-in-alerts.view.js';
import { parseInput } from '../lib/parse-input.js';
import { AcceptInviteSchema, SetupOwnerSchema } from './user.input.js';
import { acceptInvite, deskNeedsSetup, openInvite, setupOwner } from './user.service.js';

function LoginPage(props: { csrf: string; next: string; email?: string; error?: string; info?: string }) {
  return (
    <DeskLayout title={t('desk.auth.signIn')} csrf={props.csrf} user={null}>
      <h1>{t('desk.auth.signInTitle')}</h1>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.info && <Notice kind="ok">{props.info}</Notice>}
      <form method="post" action="/desk/login" class="stack">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="next" value={props.next} />
        <div>
          <label for="email">{t('desk.auth.email')}</label>
          <input type="email" id="email" name="email" autocomplete="username" required value={props.email ?? ''} />
        </div>
        <div>
          <label for="password">{t('desk.auth.password')}</label>
          <input type="password" id="password" name="password" autocomplete="current-password" required />
        </div>
        <div>
          <button type="submit">{t('desk.auth.signIn')}</button>
        </div>
      </form>
    </DeskLayout>
  );
}

/** Fields shared by the setup and invite forms. */
function AccountFields(props: { email?: string; name?: string; emailReadonly?: boolean }) {
  return (
    <>
      <div>
        <label for="name">{t('desk.auth.yourName')}</label>
        <input
          type="text"
          id="name"
          name="name"
          required
          maxlength={120}
          value={props.name ?? ''}
          autocomplete="name"
        />
      </div>
      <div>
        <label for="email">{t('desk.auth.email')}</label>
        <input
          type="email"
          id="email"
          name="email"
          required
          value={props.email ?? ''}
          readonly={props.emailReadonly}
          autocomplete="username"
        />
      </div>
      <div>
        <label for="password">
          {t('desk.auth.password')}{' '}
          <span class="hint">{t('desk.auth.passwordHint', { count: MIN_PASSWORD_LENGTH })}</span>
        </label>
        <input
          type="password"
          id="password"
          name="password"
          required
          minlength={MIN_PASSWORD_LENGTH}
          autocomplete="new-password"
        />
      </div>
    </>
  );
}

function SetupPage(props: { csrf: string; error?: string; name?: string; email?: string }) {
  return (
    <DeskLayout title={t('desk.auth.setup')} csrf={props.csrf} user={null}>
      <h1>{t('desk.auth.setup')}</h1>
      <p>{t('desk.auth.setupText')}</p>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form method="post" action="/desk/setup" class="stack">
        <CsrfField token={props.csrf} />
        <AccountFields name={props.name} email={props.email} />
        <div>
          <button type="submit">{t('desk.auth.createOwner')}</button>
        </div>
      </form>
    </DeskLayout>
  );
}

function InvitePage(props: {
  csrf: string;
  token: string;
  email: string;
  role: string;
  error?: string;
  name?: string;
}) {
  return (
    <DeskLayout title={t('desk.auth.join')} csrf={props.csrf} user={null}>
      <h1>{t('desk.auth.join')}</h1>
      <p>
        {t('desk.auth.invitedAs')} <strong>{props.role}</strong>. {t('desk.auth.choose')}
      </p>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <form method="post" action={`/desk/invite/${props.token}`} class="stack">
        <CsrfField token={props.csrf} />
        <AccountFields email={props.email} name={props.name} emailReadonly />
        <div>
          <button type="submit">{t('desk.auth.createMine')}</button>
        </div>
      </form>
    </DeskLayout>
  );
}

function Dashboard(props: {
  csrf: string;
  user: NonNullable<ReturnType<typeof currentUser>>;
  info?: string;
  alerts: SignInAlert[];
  timeZone: string;
}) {
  return (
    <DeskLayout title={t('desk.nav.desk')} csrf={props.csrf} user={props.user}>
      <h1>{t('desk.home.greeting', { name: props.user.name })}</h1>
      {props.info && <Notice kind="ok">{props.info}</Notice>}
      <SignInAlerts alerts={props.alerts} csrf={props.csrf} timeZone={props.timeZone} />
      <ul>
        <li>
          <a href="/desk/stories">{t('desk.home.allStories')}</a>
        </li>
        <li>
          <a href="/desk/stories/new">{t('desk.home.write')}</a>
        </li>
        <li>
          <a href="/desk/profile">{t('desk.home.profile')}</a>
        </li>
      </ul>
      <div class="panel">
        <h2>{t('desk.home.security')}</h2>
        <p>{t('desk.home.securityText')}</p>
        <form method="post" action="/desk/logout-everywhere">
          <CsrfField token={props.csrf} />
          <button type="submit" class="secondary">
            {t('desk.home.signOutEverywhere')}
          </button>
        </form>
      </div>
    </DeskLayout>
  );
}

const meta = (c: Context, trustProxy: boolean) => ({
  ip: clientAddress(c, trustProxy),
  userAgent: c.req.header('user-agent') ?? '',
});

/**
 * The desk's front door: session loading and CSRF protection for every /desk path, the one-time
 * setup, sign-in (rate-limited), sign-out, sign-out everywhere and accepting an invite.
 * Must be registered before every other desk route module.
 */
export function deskAuthRoutes(app: Hono, deps: AppDeps): void {
  // The outer size limit comes before the CSRF check reads a form; story routes set a tighter one.
  app.use('/desk', sessionLoader(deps), deskBodyLimit(DESK_MAX_BODY), csrfProtect(deps.config));
  app.use('/desk/*', sessionLoader(deps), deskBodyLimit(DESK_MAX_BODY), csrfProtect(deps.config));

  app.get('/desk', async (c) => {
    const user = currentUser(c);
    if (!user) {
      if (await deskNeedsSetup(deps)) return sendDeskPage(c, <SetupPage csrf={csrfToken(c)} />);
      return c.redirect('/desk/login', 303);
    }
    return sendDeskPage(
      c,
      <Dashboard
        csrf={csrfToken(c)}
        user={user}
        info={c.req.query('done') === 'signed-out-elsewhere' ? t('desk.home.signedOutElsewhere') : undefined}
        alerts={await signInAlertsOf(deps, user.id)}
        timeZone={deps.config.timeZone}
      />,
    );
  });

  app.post('/desk/sign-in-alerts/dismiss', requireUser(), async (c) => {
    await dismissSignInAlertsOf(deps, userOf(c).id);
    return c.redirect('/desk', 303);
  });

  app.post('/desk/setup', async (c) => {
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        const user = await setupOwner(
          deps,
          parseInput(SetupOwnerSchema, { name: f.name ?? '', email: f.email ?? '', password: f.password ?? '' }),
        );
        await startSession(deps, c, user, meta(c, deps.config.trustProxy));
        await rememberThisDevice(deps, c, user, clientAddress(c, deps.config.trustProxy));
        return c.redirect('/desk', 303);
      },
      (err) =>
        sendDeskPage(
          c,
          <SetupPage csrf={csrfToken(c)} error={err.message} name={f.name} email={f.email} />,
          err.status,
        ),
    );
  });

  app.get('/desk/login', (c) => {
    if (currentUser(c)) return c.redirect(safeNext(c.req.query('next')), 303);
    return sendDeskPage(
      c,
      <LoginPage
        csrf={csrfToken(c)}
        next={safeNext(c.req.query('next'))}
        info={c.req.query('signed-out') ? t('desk.auth.signedOut') : undefined}
      />,
    );
  });

  app.post('/desk/login', async (c) => {
    const f = await formFields(c);
    const next = safeNext(f.next);
    return withFormErrors(
      async () => {
        const ip = clientAddress(c, deps.config.trustProxy);
        const user = await signIn(
          deps,
          String(f.email ?? '').slice(0, 300),
          String(f.password ?? '').slice(0, 300),
          ip,
          deviceToken(c),
        );
        // Two-factor: the password alone makes no session, only a pending sign-in waiting for its code.
        const stage = await secondStepOf(deps, user);
        if (stage) {
          setPendingCookie(deps, c, await startPendingSignIn(deps, user, stage, next));
          return c.redirect('/desk/login/code', 303);
        }
        await startSession(deps, c, user, meta(c, deps.config.trustProxy));
        await rememberThisDevice(deps, c, user, ip);
        // Someone locked the account while its owner was away: the dashboard says who tried, first.
        return c.redirect((await signInAlertsOf(deps, user.id)).length ? '/desk' : next, 303);
      },
      (err) =>
        sendDeskPage(c, <LoginPage csrf={csrfToken(c)} next={next} email={f.email} error={err.message} />, err.status),
    );
  });

  app.post('/desk/logout', async (c) => {
    await endSession(deps, c);
    return c.redirect('/desk/login?signed-out=1', 303);
  });

  app.post('/desk/logout-everywhere', requireUser(), async (c) => {
    await endEveryUserSession(deps, userOf(c).id);
    await endSession(deps, c);
    return c.redirect('/desk/login?signed-out=1', 303);
  });

  /** Who is signed in, for the editor script: id, name, role, byline profile. */
  app.get('/desk/api/me', requireUser(), (c) => {
    const u = userOf(c);
    return c.json({ id: u.id, name: u.name, email: u.email, role: u.role, authorId: u.author_id });
  });

  app.get('/desk/invite/:token', async (c) => {
    const invite = await openInvite(deps, c.req.param('token'));
    return sendDeskPage(
      c,
      <InvitePage csrf={csrfToken(c)} token={c.req.param('token')} email={invite.email} role={invite.role} />,
    );
  });

  app.post('/desk/invite/:token', async (c) => {
    const token = c.req.param('token');
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        const user = await acceptInvite(
          deps,
          token,
          parseInput(AcceptInviteSchema, { name: f.name, password: f.password }),
        );
        // A role the owner requires two-factor of enrols before anything else.
        if ((await secondStepOf(deps, user)) === 'enrol') {
          setPendingCookie(deps, c, await startPendingSignIn(deps, user, 'enrol', '/desk'));
          return c.redirect('/desk/login/code', 303);
        }
        await startSession(deps, c, user, meta(c, deps.config.trustProxy));
        await rememberThisDevice(deps, c, user, clientAddress(c, deps.config.trustProxy));
        return c.redirect('/desk', 303);
      },
      async (err) => {
        // An invite that no longer works (used, expired) is its own error page, not this form.
        const invite = await openInvite(deps, token);
        return sendDeskPage(
          c,
          <InvitePage
            csrf={csrfToken(c)}
            token={token}
            email={invite.email}
            role={invite.role}
            name={f.name}
            error={err.message}
          />,
          err.status,
        );
      },
    );
  });
}
