import type { Context, Hono } from 'hono';
import { raw } from 'hono/html';
import type { AppDeps } from '../app.deps.js';
import type { User, UserRole } from '../db/database.js';
import { CsrfField, DeskLayout, Notice } from '../desk/desk-layout.js';
import { t } from '../desk/desk-words.js';
import { formFields, formList, sendDeskPage } from '../desk/desk.render.js';
import { withFormErrors } from '../http/form-errors.js';
import { updateSettings } from '../settings/settings.service.js';
import { clientAddress, csrfToken, currentUser, requireCan, requireUser, userOf } from './auth.middleware.js';
import { endPendingSignIn, findPendingSignIn } from './pending-sign-in.service.js';
import { pendingToken, rememberThisDevice, setPendingCookie, startSession } from './session.cookie.js';
import {
  accountNow,
  beginEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  twoFactorStatus,
  verifySecondFactor,
} from './two-factor.service.js';
import { ROLES, can } from './user.policy.js';

type Enrolment = Awaited<ReturnType<typeof beginEnrolment>>;

function CodeField() {
  return (
    <div>
      <label for="tf-code">{t('desk.tf.codeLabel')}</label>
      <input
        type="text"
        id="tf-code"
        name="code"
        required
        maxlength={40}
        autocomplete="one-time-code"
        inputmode="text"
        spellcheck={false}
      />
    </div>
  );
}

/** The QR code (SVG made by the qrcode library from our own otpauth:// text) and the key as text. */
function EnrolForm(props: { csrf: string; action: string; enrolment: Enrolment; button: string }) {
  return (
    <form method="post" action={props.action} class="stack">
      <p>{t('desk.tf.scan')}</p>
      <div class="qr" role="img" aria-label="QR code">
        {raw(props.enrolment.svg)}
      </div>
      <p>
        {t('desk.tf.key')}: <code data-totp-secret>{props.enrolment.secret}</code>
      </p>
      <CsrfField token={props.csrf} />
      <CodeField />
      <div>
        <button type="submit">{props.button}</button>
      </div>
    </form>
  );
}

function CodesPage(props: { csrf: string; user: User | null; codes: string[]; next: string }) {
  return (
    <DeskLayout title={t('desk.tf.codesTitle')} csrf={props.csrf} user={props.user}>
      <h1>{t('desk.tf.codesTitle')}</h1>
      <p>{t('desk.tf.codesText')}</p>
      <ul class="recovery-codes">
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href={props.next}>{t('desk.tf.continue')}</a>
      </p>
    </DeskLayout>
  );
}

/** The second step of a sign-in: a code, or (the role requires it) enrolling first. */
function SecondStepPage(props: { csrf: string; error?: string; enrolment?: Enrolment }) {
  return (
    <DeskLayout title={t('desk.tf.codeTitle')} csrf={props.csrf} user={null}>
      <h1>{props.enrolment ? t('desk.tf.title') : t('desk.tf.codeTitle')}</h1>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.enrolment ? (
        <>
          <Notice kind="warn">{t('desk.tf.required')}</Notice>
          <EnrolForm
            csrf={props.csrf}
            action="/desk/login/code"
            enrolment={props.enrolment}
            button={t('desk.tf.confirm')}
          />
        </>
      ) : (
        <form method="post" action="/desk/login/code" class="stack">
          <p>{t('desk.tf.codeText')}</p>
          <CsrfField token={props.csrf} />
          <CodeField />
          <div>
            <button type="submit">{t('desk.tf.verify')}</button>
          </div>
        </form>
      )}
    </DeskLayout>
  );
}

function RolesForm(props: { csrf: string; roles: readonly UserRole[] }) {
  return (
    <form method="post" action="/desk/two-factor/roles" class="panel stack">
      <h2>{t('desk.tf.rolesTitle')}</h2>
      <p>{t('desk.tf.rolesText')}</p>
      <CsrfField token={props.csrf} />
      <fieldset>
        <legend>{t('desk.tf.rolesTitle')}</legend>
        {ROLES.map((role) => (
          <label>
            <input type="checkbox" name="roles" value={role} checked={props.roles.includes(role)} /> {role}
          </label>
        ))}
      </fieldset>
      <div>
        <button type="submit">{t('desk.tf.rolesSave')}</button>
      </div>
    </form>
  );
}

const actorOf = (user: User) => `user:${user.id}`;

/**
 * Two-factor sign-in in the desk: the second step of signing in (/desk/login/code, after the password; enrolling
 * first when the role requires it), and each person's own page (/desk/two-factor): turn on with a scanned code,
 * new recovery codes, turn off with password and code; the owner's requirement per role.
 */
export function deskTwoFactorRoutes(app: Hono, deps: AppDeps): void {
  const ip = (c: Context) => clientAddress(c, deps.config.trustProxy);
  const meta = (c: Context) => ({ ip: ip(c), userAgent: c.req.header('user-agent') ?? '' });
  const pendingOf = (c: Context) => findPendingSignIn(deps, pendingToken(c));

  const secondStep = async (c: Context, error?: string, status = 200) => {
    const found = await pendingOf(c);
    if (!found) return c.redirect('/desk/login', 303);
    const enrolment = found.pending.stage === 'enrol' ? await beginEnrolment(deps, found.user) : undefined;
    return sendDeskPage(c, <SecondStepPage csrf={csrfToken(c)} error={error} enrolment={enrolment} />, status);
  };

  app.get('/desk/login/code', (c) => (currentUser(c) ? c.redirect('/desk', 303) : secondStep(c)));

  app.post('/desk/login/code', async (c) => {
    const f = await formFields(c);
    const found = await pendingOf(c);
    if (!found) return sendDeskPage(c, <SecondStepPage csrf={csrfToken(c)} error={t('desk.tf.expired')} />, 401);
    const { pending, user } = found;
    return withFormErrors(
      async () => {
        let codes: string[] | null = null;
        if (pending.stage === 'enrol')
          codes = await confirmEnrolment(deps, await accountNow(deps, user.id), f.code ?? '', ip(c), actorOf(user));
        else await verifySecondFactor(deps, user, f.code ?? '', ip(c));
        await endPendingSignIn(deps, pending);
        setPendingCookie(deps, c, null);
        await startSession(deps, c, user, meta(c));
        await rememberThisDevice(deps, c, user, ip(c));
        if (codes)
          return sendDeskPage(c, <CodesPage csrf={csrfToken(c)} user={null} codes={codes} next={pending.next} />);
        return c.redirect(pending.next, 303);
      },
      (err) => secondStep(c, err.message, err.status),
    );
  });

  app.use('/desk/two-factor', requireUser());
  app.use('/desk/two-factor/*', requireUser());

  const page = async (c: Context, extra: { error?: string; info?: string } = {}, status = 200) => {
    const user = await accountNow(deps, userOf(c).id);
    const status2 = await twoFactorStatus(deps, user);
    const enrolment = status2.enabled ? undefined : await beginEnrolment(deps, user);
    const csrf = csrfToken(c);
    return sendDeskPage(
      c,
      <DeskLayout title={t('desk.tf.title')} csrf={csrf} user={userOf(c)}>
        <h1>{t('desk.tf.title')}</h1>
        {extra.error && <Notice kind="error">{extra.error}</Notice>}
        {extra.info && <Notice kind="ok">{extra.info}</Notice>}
        {status2.enabled ? (
          <>
            <p>{t('desk.tf.on', { count: status2.recoveryLeft })}</p>
            <form method="post" action="/desk/two-factor/recovery-codes" class="panel">
              <CsrfField token={csrf} />
              <p>{t('desk.tf.regenerateText')}</p>
              <button type="submit" class="secondary">
                {t('desk.tf.regenerate')}
              </button>
            </form>
            {!status2.required && (
              <form method="post" action="/desk/two-factor/disable" class="panel stack">
                <p>{t('desk.tf.disableText')}</p>
                <CsrfField token={csrf} />
                <div>
                  <label for="tf-password">{t('desk.auth.password')}</label>
                  <input type="password" id="tf-password" name="password" required autocomplete="current-password" />
                </div>
                <CodeField />
                <div>
                  <button type="submit" class="secondary">
                    {t('desk.tf.disable')}
                  </button>
                </div>
              </form>
            )}
          </>
        ) : (
          <>
            <p>{status2.required ? t('desk.tf.required') : t('desk.tf.off')}</p>
            {enrolment && (
              <EnrolForm
                csrf={csrf}
                action="/desk/two-factor/enable"
                enrolment={enrolment}
                button={t('desk.tf.confirm')}
              />
            )}
          </>
        )}
        {can(userOf(c), 'security.require-2fa') && (
          <RolesForm csrf={csrf} roles={(await deps.lookups.settings()).twoFactorRoles} />
        )}
      </DeskLayout>,
      status,
    );
  };

  app.get('/desk/two-factor', (c) =>
    page(c, {
      info:
        c.req.query('done') === 'off' ? t('desk.tf.disabled') : c.req.query('done') ? t('desk.tf.saved') : undefined,
    }),
  );

  const me = async (c: Context) => await accountNow(deps, userOf(c).id);

  app.post('/desk/two-factor/enable', async (c) => {
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        const codes = await confirmEnrolment(deps, await me(c), f.code ?? '', ip(c), actorOf(userOf(c)));
        return sendDeskPage(
          c,
          <CodesPage csrf={csrfToken(c)} user={userOf(c)} codes={codes} next="/desk/two-factor" />,
        );
      },
      (err) => page(c, { error: err.message }, err.status),
    );
  });

  app.post('/desk/two-factor/recovery-codes', async (c) =>
    withFormErrors(
      async () => {
        const codes = await regenerateRecoveryCodes(deps, await me(c), actorOf(userOf(c)));
        return sendDeskPage(
          c,
          <CodesPage csrf={csrfToken(c)} user={userOf(c)} codes={codes} next="/desk/two-factor" />,
        );
      },
      (err) => page(c, { error: err.message }, err.status),
    ),
  );

  app.post('/desk/two-factor/disable', async (c) => {
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        await disableTwoFactor(
          deps,
          await me(c),
          { password: f.password ?? '', code: f.code ?? '' },
          ip(c),
          actorOf(userOf(c)),
        );
        return c.redirect('/desk/two-factor?done=off', 303);
      },
      (err) => page(c, { error: err.message }, err.status),
    );
  });

  app.post('/desk/two-factor/roles', requireCan('security.require-2fa'), async (c) => {
    const roles = (await formList(c, 'roles')).filter((r): r is UserRole => (ROLES as string[]).includes(r));
    await updateSettings(deps, { twoFactorRoles: [...new Set(roles)] }, actorOf(userOf(c)));
    return c.redirect('/desk/two-factor?done=1', 303);
  });
}
