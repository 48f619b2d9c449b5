import type { AppDeps } from '../app.deps.js';
import { authorSlugsLike, insertBareAuthor, updateAuthorRow } from '../authors/author.repo.js';
import type { DbHandle, Invite, User, UserRole } from '../db/database.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../http/errors.js';
import { DESK_SETUP_KEY, insertSetting } from '../settings/settings.repo.js';
import { slugify } from '../stories/slug.js';
import { hashPassword } from './password.js';
import type { AcceptInviteValues, InviteValues, NewUser, SetupOwnerValues } from './user.input.js';
import { randomToken, tokenHash } from './session.service.js';
import { type PolicyUser, canAssignRole, canManageAccount } from './user.policy.js';
import {
  claimInvite,
  countUsers,
  deleteUserSessions,
  insertInvite,
  insertUser,
  inviteByHash,
  listOpenInvites,
  listUsers,
  updateUserRow,
  userByEmail,
  userById,
} from './user.repo.js';

type UserDeps = Pick<AppDeps, 'db' | 'clock'>;

/** How long an invite link works. */
export const INVITE_TTL_MS = 7 * 24 * 3600_000;

/** Whether the desk still needs its one-time setup: no account exists yet. */
export async function deskNeedsSetup(deps: Pick<UserDeps, 'db'>): Promise<boolean> {
  return (await countUsers(deps.db)) === 0;
}

/** The users page's data: every account by name, and the invites still open. */
export async function usersPageData(deps: UserDeps): Promise<{ users: User[]; invites: Invite[] }> {
  const [users, invites] = await Promise.all([listUsers(deps.db), listOpenInvites(deps.db, deps.clock())]);
  return { users, invites };
}

/** A free author-profile slug for a name: the name's slug, or it with -2, -3, … appended. */
export async function uniqueAuthorSlug(db: DbHandle, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(await authorSlugsLike(db, base));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Creates a desk account with argon2id-hashed password (typed values: the caller parsed them with NewUserSchema).
 * Unless an existing byline profile is given, a profile in the person's name is made too, so their stories carry
 * a byline from the start.
 */
export async function createUser(deps: UserDeps, v: NewUser, opts: { authorId?: number | null } = {}): Promise<User> {
  if (await userByEmail(deps.db, v.email)) throw conflict('An account with that email already exists.');
  const passwordHash = await hashPassword(v.password);
  const now = deps.clock();
  let authorId = opts.authorId ?? null;
  if (authorId === null) {
    const author = await insertBareAuthor(deps.db, {
      slug: await uniqueAuthorSlug(deps.db, v.name),
      name: v.name,
      roleTitle: '',
      now,
    });
    authorId = author.id;
  }
  try {
    const user = await insertUser(deps.db, {
      email: v.email,
      name: v.name,
      role: v.role,
      password_hash: passwordHash,
      author_id: authorId,
      disabled: 0,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    });
    await updateAuthorRow(deps.db, authorId, { user_id: user.id });
    return user;
  } catch (err) {
    if (await userByEmail(deps.db, v.email)) throw conflict('An account with that email already exists.');
    throw err;
  }
}

/**
 * The one-time setup: creates the owner while no account exists. A settings row with a fixed key
 * is the guard, so two simultaneous setups cannot both succeed.
 */
export async function setupOwner(deps: UserDeps, input: SetupOwnerValues): Promise<User> {
  if ((await countUsers(deps.db)) > 0)
    throw new AppError(409, 'already_set_up', 'The desk is already set up. Sign in instead.');
  try {
    await insertSetting(deps.db, DESK_SETUP_KEY, String(deps.clock()), 'fail');
  } catch {
    throw new AppError(409, 'already_set_up', 'The desk is already set up. Sign in instead.');
  }
  return createUser(deps, { ...input, role: 'owner' });
}

/** Creates an invite link token for an email and role; the token is shown once, only its hash is kept. */
export async function createInvite(
  deps: UserDeps,
  by: PolicyUser,
  v: InviteValues,
): Promise<{ invite: Invite; token: string }> {
  if (!canAssignRole(by, v.role)) throw forbidden('Only an owner can invite another owner.');
  if (await userByEmail(deps.db, v.email)) throw conflict('An account with that email already exists.');
  const token = randomToken();
  const now = deps.clock();
  const invite = await insertInvite(deps.db, {
    token_hash: tokenHash(token),
    email: v.email,
    role: v.role,
    invited_by: by.id,
    created_at: now,
    expires_at: now + INVITE_TTL_MS,
    used_at: null,
  });
  return { invite, token };
}

/** The invite a link names, if it is still usable; a clear 410 when it expired or was used. */
export async function openInvite(deps: UserDeps, token: string): Promise<Invite> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound('invite');
  const invite = await inviteByHash(deps.db, tokenHash(token));
  if (!invite) throw notFound('invite');
  if (invite.used_at !== null)
    throw new AppError(410, 'invite_used', 'This invite link has already been used. Sign in, or ask for a new invite.');
  if (invite.expires_at <= deps.clock())
    throw new AppError(410, 'invite_expired', 'This invite link has expired. Ask an admin for a new one.');
  return invite;
}

/** Accepts an invite: creates the account with the invited email and role. Works once. */
export async function acceptInvite(deps: UserDeps, token: string, v: AcceptInviteValues): Promise<User> {
  const invite = await openInvite(deps, token);
  if (!(await claimInvite(deps.db, invite.id, deps.clock())))
    throw new AppError(410, 'invite_used', 'This invite link has already been used.');
  return createUser(deps, { email: invite.email, role: invite.role, name: v.name, password: v.password });
}

/** The account `by` wants to act on: 404 when there is none, 403 when the policy does not let them act on it. */
async function accountToManage(deps: UserDeps, by: PolicyUser, id: number): Promise<User> {
  const target = await userById(deps.db, id);
  if (!target) throw notFound('user');
  if (!canManageAccount(by, target)) throw forbidden('Only an owner can change an owner’s account.');
  return target;
}

/** Changes a user's role or disables them (admin page). Disabling ends their sessions. */
export async function adminUpdateUser(
  deps: UserDeps,
  by: PolicyUser,
  id: number,
  patch: { role?: UserRole | undefined; disabled?: boolean | undefined },
): Promise<User> {
  const target = await accountToManage(deps, by, id);
  const role = patch.role ?? target.role;
  if (!canAssignRole(by, role)) throw forbidden('Only an owner can make someone an owner.');
  if (target.id === by.id && (role !== target.role || patch.disabled))
    throw badRequest('You cannot change your own role or disable yourself; ask another admin.');
  const updated = await updateUserRow(deps.db, id, {
    role,
    disabled: patch.disabled === undefined ? target.disabled : patch.disabled ? 1 : 0,
    updated_at: deps.clock(),
  });
  if (patch.disabled) await deleteUserSessions(deps.db, id);
  return updated!;
}

/** Ends every session of another user ("Sign out everywhere" on the users page); an owner's only by an owner. */
export async function endUserSessions(deps: UserDeps, by: PolicyUser, id: number): Promise<void> {
  await accountToManage(deps, by, id);
  await deleteUserSessions(deps.db, id);
}

/**
 * Sets a new password (the CLI's reset, a user's own change; parsed with PasswordSchema) and ends every session
 * of that user.
 */
export async function setPassword(deps: UserDeps, id: number, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await updateUserRow(deps.db, id, { password_hash: hash, updated_at: deps.clock() });
  await deleteUserSessions(deps.db, id);
}
