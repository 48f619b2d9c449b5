import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import type { Author } from '../db/database.js';
import { t as deskT } from '../desk/desk-words.js';
import { AppError } from '../http/errors.js';
import { csrfToken, requireUser, userOf } from '../users/auth.middleware.js';
import { CsrfField, DeskLayout, Notice } from '../desk/desk-layout.js';
import { jsonBody } from '../desk/desk.http.js';
import { idParam } from '../http/params.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import { withFormErrors } from '../http/form-errors.js';
import { parseInput } from '../lib/parse-input.js';
import { ProfileSchema } from './author-profile.input.js';
import {
  type OtherEditions,
  canEditProfile,
  otherEditions,
  parseLinkLines,
  profileTranslations,
  requireAuthor,
  updateProfile,
} from './author-profile.service.js';
import { rowIdFrom } from '../lib/row-id.js';

/** The profile's role title and bios in each other edition's language (`role_title.<code>` and so on). */
function EditionFields(props: { other: OtherEditions; values?: Record<string, string> }) {
  const t = deskT;
  return props.other.editions.map((e) => {
    const w = props.other.words.get(e.code);
    const field = (name: string) => `${name}.${e.code}`;
    const value = (name: 'role_title' | 'short_bio' | 'bio') => props.values?.[field(name)] ?? w?.[name] ?? '';
    return (
      <fieldset lang={e.code} class="stack">
        <legend>
          {t('names.author.inEdition', { edition: e.name })} <span class="hint">{t('names.author.inEditionHint')}</span>
        </legend>
        <div>
          <label for={`p-${field('role')}`}>{t('names.author.roleTitle')}</label>
          <input
            type="text"
            id={`p-${field('role')}`}
            name={field('role_title')}
            maxlength={120}
            value={value('role_title')}
          />
        </div>
        <div>
          <label for={`p-${field('short')}`}>{t('names.author.shortBio')}</label>
          <input
            type="text"
            id={`p-${field('short')}`}
            name={field('short_bio')}
            maxlength={300}
            value={value('short_bio')}
          />
        </div>
        <div>
          <label for={`p-${field('bio')}`}>{t('names.author.bio')}</label>
          <textarea id={`p-${field('bio')}`} name={field('bio')} maxlength={4000} rows={4}>
            {value('bio')}
          </textarea>
        </div>
      </fieldset>
    );
  });
}

function ProfilePage(props: {
  c: Context;
  author: Author;
  other: OtherEditions;
  own: boolean;
  error?: string;
  info?: string;
  values?: Record<string, string>;
}) {
  const a = props.author;
  const v = props.values;
  const links = (JSON.parse(a.links) as { label: string; url: string }[])
    .map((l) => `${l.label} | ${l.url}`)
    .join('\n');
  return (
    <DeskLayout
      title={props.own ? 'Your profile' : `Profile: ${a.name}`}
      csrf={csrfToken(props.c)}
      user={userOf(props.c)}
      head={<script type="module" src="/desk/assets/editor.js"></script>}
    >
      <h1>{props.own ? 'Your author profile' : `Author profile: ${a.name}`}</h1>
      <p>
        Readers see this on <a href={`/authors/${a.slug}`}>the author page</a> and under stories.
      </p>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.info && <Notice kind="ok">{props.info}</Notice>}
      <form
        method="post"
        action={`/desk/authors/${a.id}`}
        class="stack"
        id="profile-form"
        data-author-id={String(a.id)}
      >
        <CsrfField token={csrfToken(props.c)} />
        <div>
          <label for="p-name">Name</label>
          <input type="text" id="p-name" name="name" required maxlength={120} value={v?.name ?? a.name} />
        </div>
        <div>
          <label for="p-role">Role title</label>
          <input type="text" id="p-role" name="role_title" maxlength={120} value={v?.role_title ?? a.role_title} />
        </div>
        <div>
          <label for="p-short">
            Short bio <span class="hint">on author cards</span>
          </label>
          <input type="text" id="p-short" name="short_bio" maxlength={300} value={v?.short_bio ?? a.short_bio} />
        </div>
        <div>
          <label for="p-bio">Bio</label>
          <textarea id="p-bio" name="bio" maxlength={4000} rows={6}>
            {v?.bio ?? a.bio}
          </textarea>
        </div>
        <EditionFields other={props.other} values={v} />
        <div>
          <label for="p-links">
            Links <span class="hint">one a line: Label | https://…</span>
          </label>
          <textarea id="p-links" name="links" rows={3}>
            {v?.links ?? links}
          </textarea>
        </div>
        <div>
          <label for="p-avatar">
            Avatar image id <span class="hint">from the media library</span>
          </label>
          <input
            type="number"
            id="p-avatar"
            name="avatar_image_id"
            min={1}
            value={v?.avatar_image_id ?? (a.avatar_image_id === null ? '' : String(a.avatar_image_id))}
          />
        </div>
        <div>
          <button type="submit">Save profile</button>
        </div>
      </form>
    </DeskLayout>
  );
}

/** Author profiles: each user edits their own; owners and admins edit anyone's (guest bylines too). */
export function deskProfileRoutes(app: Hono, deps: AppDeps): void {
  app.use('/desk/profile', requireUser());
  app.use('/desk/authors/*', requireUser());
  app.use('/desk/api/authors/*', requireUser());

  app.get('/desk/profile', async (c) => {
    const user = userOf(c);
    if (!user.author_id)
      throw new AppError(404, 'not_found', 'Your account has no author profile yet. Ask an admin to link one.');
    const author = await requireAuthor(deps.db, user.author_id);
    return sendDeskPage(
      c,
      <ProfilePage
        c={c}
        author={author}
        other={await otherEditions(deps, author.id)}
        own
        info={c.req.query('done') ? 'Profile saved.' : undefined}
      />,
    );
  });

  app.get('/desk/authors/:id/edit', async (c) => {
    const author = await requireAuthor(deps.db, idParam(c, 'author'));
    if (!canEditProfile(userOf(c), author)) throw new AppError(403, 'forbidden', 'You can edit only your own profile.');
    return sendDeskPage(
      c,
      <ProfilePage
        c={c}
        author={author}
        other={await otherEditions(deps, author.id)}
        own={userOf(c).author_id === author.id}
        info={c.req.query('done') ? 'Profile saved.' : undefined}
      />,
    );
  });

  app.post('/desk/authors/:id', async (c) => {
    const user = userOf(c);
    const author = await requireAuthor(deps.db, idParam(c, 'author'));
    const f = await formFields(c);
    const avatar = f.avatar_image_id?.trim();
    const other = await otherEditions(deps, author.id);
    return withFormErrors(
      async () => {
        const values = parseInput(ProfileSchema, {
          name: f.name ?? '',
          roleTitle: f.role_title ?? '',
          shortBio: f.short_bio ?? '',
          bio: f.bio ?? '',
          links: parseLinkLines(f.links ?? ''),
          avatarImageId: avatar ? (rowIdFrom(avatar) ?? -1) : null,
          translations: other.editions.map(({ code }) => ({
            language: code,
            roleTitle: f[`role_title.${code}`] ?? '',
            shortBio: f[`short_bio.${code}`] ?? '',
            bio: f[`bio.${code}`] ?? '',
          })),
        });
        await updateProfile(deps, user, author.id, values);
        return c.redirect(
          user.author_id === author.id ? '/desk/profile?done=1' : `/desk/authors/${author.id}/edit?done=1`,
          303,
        );
      },
      (err) =>
        sendDeskPage(
          c,
          <ProfilePage
            c={c}
            author={author}
            other={other}
            own={user.author_id === author.id}
            error={err.message}
            values={f}
          />,
          err.status,
        ),
    );
  });

  app.post('/desk/api/authors/:id', async (c) => {
    const id = idParam(c, 'author');
    const a = await updateProfile(deps, userOf(c), id, parseInput(ProfileSchema, await jsonBody(c)));
    return c.json({
      id: a.id,
      name: a.name,
      roleTitle: a.role_title,
      bio: a.bio,
      shortBio: a.short_bio,
      links: JSON.parse(a.links),
      avatarImageId: a.avatar_image_id,
      translations: await profileTranslations(deps.db, a.id),
    });
  });
}
