import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import type { Story, User } from '../db/database.js';
import { CsrfField, DeskLayout, Notice } from '../desk/desk-layout.js';
import { idParam } from '../http/params.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import { t } from '../desk/desk-words.js';
import { markdownToDocument } from '../document/markdown.js';
import { forbidden } from '../http/errors.js';
import { withFormErrors } from '../http/form-errors.js';
import { parseInput } from '../lib/parse-input.js';
import { storyUrl } from '../stories/story.url.js';
import { Time } from '../ui/time.js';
import { csrfToken, requireUser, userOf } from '../users/auth.middleware.js';
import { lowerBanner, raiseBanner } from './banner.js';
import { BannerInputSchema } from './banner.input.js';
import { EntryInputSchema } from './liveblog.input.js';
import type { EntryRow } from './liveblog.repo.js';
import {
  addEntry,
  deleteEntry,
  isLiveEditor,
  liveblogAccess,
  liveblogDeskPage,
  pinEntry,
  requireEntry,
  setCoverage,
} from './liveblog.service.js';
import { rowIdFrom } from '../lib/row-id.js';

/** The live blog named in the path, if the signed-in user may write in it. */
async function access(deps: AppDeps, c: Context): Promise<{ user: User; blog: Story; editor: boolean }> {
  const user = userOf(c);
  return { user, ...(await liveblogAccess(deps.db, user, idParam(c, 'live blog'))) };
}

function LiveblogDeskPage(props: {
  blog: Story;
  entries: EntryRow[];
  user: User;
  csrf: string;
  editor: boolean;
  tz: string;
  error?: string;
  values?: Record<string, string>;
}) {
  const { blog, csrf, editor } = props;
  const base = `/desk/liveblogs/${blog.id}`;
  const ended = blog.coverage_ended_at != null;
  return (
    <DeskLayout title={t('desk.live.title', { headline: blog.headline })} csrf={csrf} user={props.user}>
      <h1>{blog.headline}</h1>
      <p>
        {ended ? t('desk.live.ended') : t('desk.live.live')}{' '}
        {blog.status === 'published' ? (
          <a href={storyUrl(blog.slug)}>{t('desk.live.open')}</a>
        ) : (
          t('desk.live.notYet', { status: blog.status })
        )}
      </p>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {!ended && (
        <form method="post" action={`${base}/entries`} class="entry-form">
          <CsrfField token={csrf} />
          <label>
            {t('desk.live.headline')} <input name="headline" maxlength={300} value={props.values?.headline ?? ''} />
          </label>
          <label>
            {t('desk.live.update')}{' '}
            <textarea name="body" rows={6} required>
              {props.values?.body ?? ''}
            </textarea>
          </label>
          {editor && (
            <label>
              <input type="checkbox" name="pinned" value="1" /> {t('desk.live.pinTop')}
            </label>
          )}
          <button type="submit">{t('desk.live.post')}</button>
        </form>
      )}
      {editor && (
        <form method="post" action={`${base}/coverage`} class="inline">
          <CsrfField token={csrf} />
          <input type="hidden" name="ended" value={ended ? '0' : '1'} />
          <button type="submit">{ended ? t('desk.live.reopen') : t('desk.live.end')}</button>
        </form>
      )}
      <h2>{t('desk.live.entries', { count: props.entries.length })}</h2>
      <ol class="desk-entries">
        {props.entries.map((e) => (
          <li id={`entry-${e.id}`}>
            <p>
              {e.pinned === 1 && <strong>{t('desk.live.pinned')} · </strong>}
              <Time ms={e.created_at} tz={props.tz} kind="short" /> {e.headline && <strong>{e.headline}</strong>}
            </p>
            {editor && (
              <>
                <form method="post" action={`${base}/entries/${e.id}/pin`} class="inline">
                  <CsrfField token={csrf} />
                  <input type="hidden" name="pinned" value={e.pinned === 1 ? '0' : '1'} />
                  <button type="submit">{e.pinned === 1 ? t('desk.live.unpin') : t('desk.live.pin')}</button>
                </form>
                <form method="post" action={`${base}/entries/${e.id}/delete`} class="inline">
                  <CsrfField token={csrf} />
                  <button type="submit">{t('desk.media.delete')}</button>
                </form>
              </>
            )}
          </li>
        ))}
      </ol>
    </DeskLayout>
  );
}

function BannerDeskPage(props: { user: User; csrf: string; current: string | null; error?: string }) {
  return (
    <DeskLayout title={t('desk.banner.title')} csrf={props.csrf} user={props.user}>
      <h1>{t('desk.banner.title')}</h1>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      <p>{props.current ? t('desk.banner.raised', { banner: props.current }) : t('desk.banner.none')}</p>
      <form method="post" action="/desk/banner">
        <CsrfField token={props.csrf} />
        <label>
          {t('desk.banner.storyId')} <input name="storyId" inputmode="numeric" required />
        </label>
        <label>
          {t('desk.banner.label')} <input name="label" value={t('desk.banner.defaultLabel')} maxlength={40} />
        </label>
        <button type="submit">{t('desk.banner.raise')}</button>
      </form>
      {props.current && (
        <form method="post" action="/desk/banner/lower">
          <CsrfField token={props.csrf} />
          <button type="submit">{t('desk.banner.lower')}</button>
        </form>
      )}
    </DeskLayout>
  );
}

/** The desk's live pages: `/desk/liveblogs/:id` (entries, pins, end of coverage) and `/desk/banner`. */
export function liveDeskRoutes(app: Hono, deps: AppDeps): void {
  const tz = deps.config.timeZone;
  const actor = (u: User) => `user:${u.id}`;
  const page = async (c: Context, refusal?: { message: string; status: number }, values?: Record<string, string>) => {
    const user = userOf(c);
    const { blog, editor, entries } = await liveblogDeskPage(deps.db, user, idParam(c, 'live blog'));
    return sendDeskPage(
      c,
      <LiveblogDeskPage
        blog={blog}
        entries={entries}
        user={user}
        csrf={csrfToken(c)}
        editor={editor}
        tz={tz}
        error={refusal?.message}
        values={values}
      />,
      refusal?.status,
    );
  };
  const editorsOnly = (editor: boolean) => {
    if (!editor) throw forbidden('Only editors can pin, delete or end a live blog.');
  };
  app.use('/desk/liveblogs/*', requireUser());
  app.use('/desk/banner', requireUser());
  app.use('/desk/banner/*', requireUser());

  app.get('/desk/liveblogs/:id', (c) => page(c));

  app.post('/desk/liveblogs/:id/entries', async (c) => {
    const { user, blog, editor } = await access(deps, c);
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        const input = {
          headline: f.headline ?? '',
          body: markdownToDocument((f.body ?? '').slice(0, 100_000)),
          authorIds: user.author_id ? [user.author_id] : [],
          pinned: editor && f.pinned === '1',
        };
        const entry = await addEntry(deps, blog.id, parseInput(EntryInputSchema, input), actor(user));
        return c.redirect(`/desk/liveblogs/${blog.id}#entry-${entry.id}`, 303);
      },
      (err) => page(c, err, f),
    );
  });

  app.post('/desk/liveblogs/:id/entries/:entryId/pin', async (c) => {
    const { user, blog, editor } = await access(deps, c);
    editorsOnly(editor);
    const entry = await requireEntry(deps.db, idParam(c, 'entry', 'entryId'), blog.id);
    await pinEntry(deps, entry.id, (await formFields(c)).pinned === '1', actor(user));
    return c.redirect(`/desk/liveblogs/${blog.id}#entry-${entry.id}`, 303);
  });

  app.post('/desk/liveblogs/:id/entries/:entryId/delete', async (c) => {
    const { user, blog, editor } = await access(deps, c);
    editorsOnly(editor);
    const entry = await requireEntry(deps.db, idParam(c, 'entry', 'entryId'), blog.id);
    await deleteEntry(deps, entry.id, actor(user));
    return c.redirect(`/desk/liveblogs/${blog.id}`, 303);
  });

  app.post('/desk/liveblogs/:id/coverage', async (c) => {
    const { user, blog, editor } = await access(deps, c);
    editorsOnly(editor);
    await setCoverage(deps, blog.id, (await formFields(c)).ended === '1', actor(user));
    return c.redirect(`/desk/liveblogs/${blog.id}`, 303);
  });

  const bannerPage = (c: Context, refusal?: { message: string; status: number }) => {
    const user = userOf(c);
    if (!isLiveEditor(user)) throw forbidden('Only editors can raise or lower the banner.');
    const b = deps.live.banner();
    return sendDeskPage(
      c,
      <BannerDeskPage
        user={user}
        csrf={csrfToken(c)}
        current={b ? `${b.label}: ${b.headline}` : null}
        error={refusal?.message}
      />,
      refusal?.status,
    );
  };
  app.get('/desk/banner', (c) => bannerPage(c));
  app.post('/desk/banner', async (c) => {
    const user = userOf(c);
    if (!isLiveEditor(user)) throw forbidden('Only editors can raise or lower the banner.');
    const f = await formFields(c);
    const storyId = rowIdFrom(f.storyId) ?? -1;
    return withFormErrors(
      async () => {
        await raiseBanner(
          deps,
          parseInput(BannerInputSchema, { storyId, label: f.label || t('desk.banner.defaultLabel') }),
          actor(user),
        );
        await deps.live.pull();
        return c.redirect('/desk/banner', 303);
      },
      (err) => bannerPage(c, err),
    );
  });
  app.post('/desk/banner/lower', async (c) => {
    const user = userOf(c);
    if (!isLiveEditor(user)) throw forbidden('Only editors can raise or lower the banner.');
    await lowerBanner(deps, actor(user));
    await deps.live.pull();
    return c.redirect('/desk/banner', 303);
  });
}
