import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { CsrfField, DeskLayout, Notice, TableHead } from '../desk/desk-layout.js';
import { t } from '../desk/desk-words.js';
import { idParam } from '../http/params.js';
import { optionalJsonObject } from '../desk/desk.http.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import { withFormErrors } from '../http/form-errors.js';
import { formatTime } from '../ui/time.js';
import { csrfToken, requireCan, userOf } from './auth.middleware.js';
import { ROLES, canAssignRole, canManageAccount } from './user.policy.js';
import { parseInput } from '../lib/parse-input.js';
import { InviteSchema, RoleSchema } from './user.input.js';
import { adminUpdateUser, createInvite, endUserSessions, usersPageData } from './user.service.js';

async function UsersPage(props: { c: Context; deps: AppDeps; error?: string; info?: string; inviteLink?: string }) {
  const { c, deps } = props;
  const me = userOf(c);
  const csrf = csrfToken(c);
  const { users, invites } = await usersPageData(deps);
  const roles = ROLES.filter((r) => canAssignRole(me, r));
  return (
    <DeskLayout title={t('desk.nav.users')} csrf={csrf} user={me}>
      <h1>{t('desk.nav.users')}</h1>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.info && <Notice kind="ok">{props.info}</Notice>}
      {props.inviteLink && (
        <div class="notice ok" role="status">
          <p>{t('desk.users.inviteLink')}</p>
          <p>
            <code id="invite-link">{props.inviteLink}</code>
          </p>
        </div>
      )}
      <div class="panel">
        <h2>{t('desk.users.invite')}</h2>
        <form method="post" action="/desk/users/invite" class="row">
          <CsrfField token={csrf} />
          <div>
            <label for="inv-email">{t('desk.auth.email')}</label>
            <input type="email" id="inv-email" name="email" required maxlength={254} />
          </div>
          <div>
            <label for="inv-role">{t('desk.users.role')}</label>
            <select id="inv-role" name="role">
              {roles.map((r) => (
                <option value={r} selected={r === 'author'}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit">{t('desk.users.createInvite')}</button>
          </div>
        </form>
        {invites.length > 0 && (
          <p class="muted">
            {t('desk.users.openInvites')}{' '}
            {invites
              .map((i) =>
                t('desk.users.openInvite', {
                  email: i.email,
                  role: i.role,
                  until: formatTime(i.expires_at, deps.config.timeZone, 'short'),
                }),
              )
              .join('; ')}
          </p>
        )}
      </div>
      <table>
        <TableHead
          columns={[
            t('desk.users.name'),
            t('desk.auth.email'),
            t('desk.users.role'),
            t('desk.users.lastSignIn'),
            t('desk.users.actions'),
          ]}
        />
        <tbody>
          {users.map((u) => (
            <tr data-user-id={String(u.id)}>
              <td>
                {u.name}
                {u.disabled ? ` ${t('desk.users.disabled')}` : ''}
                {u.author_id && (
                  <>
                    {' '}
                    · <a href={`/desk/authors/${u.author_id}/edit`}>{t('desk.users.profile')}</a>
                  </>
                )}
              </td>
              <td>{u.email}</td>
              <td>
                {u.id === me.id || !canManageAccount(me, u) ? (
                  u.role
                ) : (
                  <form method="post" action={`/desk/users/${u.id}`} class="inline">
                    <CsrfField token={csrf} />
                    <label for={`role-${u.id}`} class="hint">
                      {t('desk.users.roleOf', { name: u.name })}
                    </label>
                    <select id={`role-${u.id}`} name="role">
                      {roles.map((r) => (
                        <option value={r} selected={r === u.role}>
                          {r}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit" class="secondary">
                      {t('desk.users.change')}
                    </button>
                  </form>
                )}
              </td>
              <td>
                {u.last_login_at ? formatTime(u.last_login_at, deps.config.timeZone, 'short') : t('desk.users.never')}
              </td>
              <td>
                {u.id !== me.id && canManageAccount(me, u) && (
                  <>
                    <form method="post" action={`/desk/users/${u.id}`} class="inline">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="disabled" value={u.disabled ? '0' : '1'} />
                      <button type="submit" class={u.disabled ? 'secondary' : 'danger'}>
                        {u.disabled ? t('desk.users.enable') : t('desk.users.disable')}
                      </button>
                    </form>{' '}
                    <form method="post" action={`/desk/users/${u.id}/sessions`} class="inline">
                      <CsrfField token={csrf} />
                      <button type="submit" class="secondary">
                        {t('desk.home.signOutEverywhere')}
                      </button>
                    </form>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </DeskLayout>
  );
}

/** The users admin page (owners and admins): roles, disabling, invites by link, ending someone's sessions. */
export function deskUserRoutes(app: Hono, deps: AppDeps): void {
  app.use('/desk/users', requireCan('users.manage'));
  app.use('/desk/users/*', requireCan('users.manage'));
  app.use('/desk/api/users', requireCan('users.manage'));
  app.use('/desk/api/users/*', requireCan('users.manage'));

  const page = async (c: Context, extra: { error?: string; info?: string; inviteLink?: string } = {}, status = 200) =>
    sendDeskPage(c, await UsersPage({ c, deps, ...extra }), status);

  app.get('/desk/users', (c) => page(c, { info: c.req.query('done') ? t('desk.saved') : undefined }));

  app.post('/desk/users/invite', async (c) => {
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        const { token } = await createInvite(
          deps,
          userOf(c),
          parseInput(InviteSchema, { email: f.email, role: f.role }),
        );
        return page(c, { inviteLink: `${deps.config.publicUrl}/desk/invite/${token}` });
      },
      (err) => page(c, { error: err.message }, err.status),
    );
  });

  app.post('/desk/users/:id', async (c) => {
    const f = await formFields(c);
    const id = idParam(c, 'user');
    return withFormErrors(
      async () => {
        await adminUpdateUser(deps, userOf(c), id, {
          role: f.role === undefined ? undefined : parseInput(RoleSchema, f.role),
          disabled: f.disabled === undefined ? undefined : f.disabled === '1',
        });
        return c.redirect('/desk/users?done=1', 303);
      },
      (err) => page(c, { error: err.message }, err.status),
    );
  });

  app.post('/desk/users/:id/sessions', async (c) => {
    const id = idParam(c, 'user');
    return withFormErrors(
      async () => {
        await endUserSessions(deps, userOf(c), id);
        return c.redirect('/desk/users?done=1', 303);
      },
      (err) => page(c, { error: err.message }, err.status),
    );
  });

  app.post('/desk/api/users/invites', async (c) => {
    const body = await optionalJsonObject(c);
    const { invite, token } = await createInvite(
      deps,
      userOf(c),
      parseInput(InviteSchema, { email: body.email, role: body.role }),
    );
    return c.json(
      {
        email: invite.email,
        role: invite.role,
        expiresAt: invite.expires_at,
        link: `${deps.config.publicUrl}/desk/invite/${token}`,
      },
      201,
    );
  });
}
