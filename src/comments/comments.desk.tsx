import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { CsrfField, DeskLayout, Notice, TableHead } from '../desk/desk-layout.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import { t } from '../desk/desk-words.js';
import { type Edition, editionOf } from '../editions/edition.js';
import { type AppError, notFound } from '../http/errors.js';
import { withFormErrors } from '../http/form-errors.js';
import { parseQuery } from '../http/input.js';
import { idParam } from '../http/params.js';
import { isoTime } from '../lib/iso-date.js';
import { parseInput } from '../lib/parse-input.js';
import { updateSettings } from '../settings/settings.service.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { can } from '../users/user.policy.js';
import {
  BanSchema,
  COMMENT_ACTIONS,
  type CommentAction,
  CommentRulesFormSchema,
  CommentsModeSchema,
  QUEUES,
  type Queue,
  QueueQuerySchema,
} from './comment.input.js';
import { commentPaths } from './comment.paths.js';
import { commentCursor, moderationLogCursor } from './comment.cursor.js';
import type { QueueRow } from './comment.repo.js';
import { CommentText } from './comments.view.js';
import {
  moderateComment,
  moderationLogPage,
  moderationQueuePage,
  setCommentsMode,
  setReaderBan,
} from './moderation.service.js';

const BASE = '/desk/comments';
const PER_PAGE = 30;
const when = (ms: number) => `${isoTime(ms).replace('T', ' ').slice(0, 19)} UTC`;

/** Where a desk form goes back to: a page of the comments desk, never anywhere else. */
function backTo(value: string | undefined): string {
  return value &&
    /^\/desk\/comments(?:[/?]|$)/.test(value) &&
    !/[\u0000-\u001f\u007f]/.test(value) &&
    value.length < 600
    ? value
    : BASE;
}

const withDone = (back: string, done: string) => `${back}${back.includes('?') ? '&' : '?'}done=${done}`;

/** The actions that make sense for a comment in its state. */
function actionsFor(row: QueueRow): CommentAction[] {
  const reported = row.open_reports > 0;
  switch (row.status) {
    case 'pending':
      return ['approve', 'hide', 'spam'];
    case 'approved':
      return [...(reported ? (['dismiss'] as const) : []), 'hide', 'spam'];
    case 'hidden':
      return ['restore', 'spam'];
    case 'spam':
      return ['restore'];
  }
}

function ActionButton(props: { id: number; action: CommentAction; csrf: string; back: string; label?: string }) {
  return (
    <form method="post" action={`${BASE}/${props.id}/${props.action}`} class="inline">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="back" value={props.back} />
      <button
        type="submit"
        class={
          props.action === 'delete'
            ? 'danger'
            : props.action === 'approve' || props.action === 'restore'
              ? undefined
              : 'secondary'
        }
      >
        {props.label ?? t(`desk.comments.${props.action}`)}
      </button>
    </form>
  );
}

function ReaderCell(props: { row: QueueRow; csrf: string; back: string }) {
  const r = props.row;
  if (r.reader_id === null || r.reader_deleted_at !== null) return <em>{t('desk.comments.formerReader')}</em>;
  const banned = r.reader_banned_at !== null;
  return (
    <>
      <a href={`${BASE}?queue=approved&reader=${r.reader_id}`}>
        {r.reader_comment_name || r.reader_name || t('desk.comments.aReader')}
      </a>
      <br />
      <span class="hint">{r.reader_email}</span>
      {banned && (
        <>
          <br />
          <span class="status status-draft">{t('desk.comments.banned')}</span>
        </>
      )}
      <details>
        <summary>{banned ? t('desk.comments.unban') : t('desk.comments.ban')}</summary>
        <form method="post" action={`${BASE}/readers/${r.reader_id}/${banned ? 'unban' : 'ban'}`} class="stack">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="back" value={props.back} />
          <label for={`ban-note-${r.id}`}>{t('desk.comments.banNote')}</label>
          <input type="text" id={`ban-note-${r.id}`} name="note" maxlength={500} />
          <button type="submit" class={banned ? undefined : 'danger'}>
            {banned ? t('desk.comments.unban') : t('desk.comments.ban')}
          </button>
        </form>
      </details>
    </>
  );
}

function QueueTable(props: {
  rows: QueueRow[];
  reasons: Map<number, string[]>;
  csrf: string;
  back: string;
  editions: readonly Edition[];
}) {
  return (
    <table class="comments-queue">
      <TableHead
        columns={[
          t('desk.comments.column.comment'),
          t('desk.comments.column.reader'),
          t('desk.comments.column.when'),
          t('desk.comments.column.actions'),
        ]}
      />
      <tbody>
        {props.rows.map((r) => {
          const paths = commentPaths(editionOf(props.editions, r.story_language), r.story_slug);
          const reasons = props.reasons.get(r.id) ?? [];
          return (
            <tr data-comment-id={String(r.id)} data-status={r.status}>
              <td>
                <p class="hint">
                  {t('desk.comments.on')} <a href={`${paths.page}#comment-${r.id}`}>{r.story_headline}</a>
                  {r.parent_id !== null && <> · {t('desk.comments.replyTo', { id: r.parent_id })}</>}
                  {' · '}
                  <a href={`${BASE}?queue=${r.status}&story=${r.story_id}`}>#{r.story_id}</a>
                </p>
                <CommentText text={r.body} />
                {r.open_reports > 0 && (
                  <p class="notice warn">
                    {t('desk.comments.reports', { count: r.open_reports })}: {reasons.join(', ')}
                  </p>
                )}
              </td>
              <td>
                <ReaderCell row={r} csrf={props.csrf} back={props.back} />
              </td>
              <td>{when(r.created_at)}</td>
              <td>
                {actionsFor(r).map((a) => (
                  <ActionButton id={r.id} action={a} csrf={props.csrf} back={props.back} />
                ))}
                <details>
                  <summary>{t('desk.comments.delete')}</summary>
                  <ActionButton
                    id={r.id}
                    action="delete"
                    csrf={props.csrf}
                    back={props.back}
                    label={t('desk.comments.deleteConfirm')}
                  />
                </details>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The actions a moderator may take, each a path segment. */
const isAction = (v: string): v is CommentAction => (COMMENT_ACTIONS as readonly string[]).includes(v);

/**
 * The comments desk (`comments.moderate`: editors and up): the queues (waiting, approved, hidden, spam, reported),
 * each keyset-paged newest first and narrowed to a story or a reader; an action per comment and a ban per reader,
 * each recorded with who did it (the moderation log); the site-wide rules (`settings.manage`); and a story's own
 * mode, set from the story editor's settings panel.
 */
export function commentDeskRoutes(app: Hono, deps: AppDeps): void {
  app.use(BASE, requireCan('comments.moderate'));
  app.use(`${BASE}/rules`, requireCan('settings.manage'));
  app.use(`${BASE}/*`, requireCan('comments.moderate'));

  app.get(BASE, async (c) => {
    const q = parseQuery(c, QueueQuerySchema);
    const after = commentCursor.decode(q.before);
    const [{ page, counts, reasons }, settings] = await Promise.all([
      moderationQueuePage(deps, { queue: q.queue, storyId: q.story, readerId: q.reader, after, limit: PER_PAGE }),
      deps.lookups.settings(),
    ]);
    const filter = (queue: Queue) =>
      `${BASE}?queue=${queue}${q.story ? `&story=${q.story}` : ''}${q.reader ? `&reader=${q.reader}` : ''}`;
    const here = `${filter(q.queue)}${q.before ? `&before=${q.before}` : ''}`;
    const user = userOf(c);
    const done = q.done && /^[a-z]+$/.test(q.done) ? q.done : undefined;
    return sendDeskPage(
      c,
      <DeskLayout title={t('desk.comments.title')} csrf={csrfToken(c)} user={user}>
        <h1>{t('desk.comments.title')}</h1>
        <p>{t('desk.comments.intro')}</p>
        {!settings.comments.enabled && <Notice kind="warn">{t('desk.comments.siteOff')}</Notice>}
        {done && (COMMENT_ACTIONS as readonly string[]).concat(['ban', 'unban', 'rules']).includes(done) && (
          <Notice kind="ok">{t(`desk.comments.done.${done as CommentAction | 'ban' | 'unban' | 'rules'}`)}</Notice>
        )}
        <nav aria-label={t('desk.comments.title')}>
          <ul class="desk-nav">
            {QUEUES.map((queue) => (
              <li>
                <a href={filter(queue)} aria-current={queue === q.queue ? 'page' : undefined}>
                  {t('desk.comments.queueCount', { name: t(`desk.comments.queue.${queue}`), count: counts[queue] })}
                </a>
              </li>
            ))}
            <li>
              <a href={`${BASE}/log`}>{t('desk.comments.log')}</a>
            </li>
            {can(user, 'settings.manage') && (
              <li>
                <a href={`${BASE}/rules`}>{t('desk.comments.rules')}</a>
              </li>
            )}
          </ul>
        </nav>
        {(q.story || q.reader) && (
          <p class="hint">
            {q.story && t('desk.comments.onlyStory', { id: q.story })}{' '}
            {q.reader && t('desk.comments.onlyReader', { id: q.reader })}{' '}
            <a href={`${BASE}?queue=${q.queue}`}>{t('desk.comments.showAll')}</a>
          </p>
        )}
        {page.items.length === 0 ? (
          <p class="hint">{t('desk.comments.empty')}</p>
        ) : (
          <QueueTable
            rows={page.items}
            reasons={reasons}
            csrf={csrfToken(c)}
            back={here}
            editions={settings.editions}
          />
        )}
        {page.next && (
          <p>
            <a class="button secondary" href={`${filter(q.queue)}&before=${page.next}`}>
              {t('desk.comments.older')}
            </a>
          </p>
        )}
      </DeskLayout>,
    );
  });

  app.post(`${BASE}/:id/:action`, async (c) => {
    const id = idParam(c, 'comment');
    const action = c.req.param('action');
    if (!isAction(action)) throw notFound('page');
    const f = await formFields(c);
    await moderateComment(deps, userOf(c), id, action);
    return c.redirect(withDone(backTo(f.back), action), 303);
  });

  for (const banned of [true, false])
    app.post(`${BASE}/readers/:id/${banned ? 'ban' : 'unban'}`, async (c) => {
      const id = idParam(c, 'reader');
      const f = await formFields(c);
      await setReaderBan(deps, userOf(c), id, banned, parseInput(BanSchema, f).note);
      return c.redirect(withDone(backTo(f.back), banned ? 'ban' : 'unban'), 303);
    });

  app.get(`${BASE}/log`, async (c) => {
    const after = moderationLogCursor.decode(c.req.query('before'));
    const page = await moderationLogPage(deps, after, PER_PAGE);
    return sendDeskPage(
      c,
      <DeskLayout title={t('desk.comments.log')} csrf={csrfToken(c)} user={userOf(c)}>
        <h1>{t('desk.comments.log')}</h1>
        <p>
          {t('desk.comments.logIntro')} <a href={BASE}>{t('desk.comments.title')}</a>
        </p>
        {page.items.length === 0 ? (
          <p class="hint">{t('desk.comments.empty')}</p>
        ) : (
          <table class="moderation-log">
            <TableHead
              columns={[
                t('desk.comments.column.when'),
                t('desk.comments.column.action'),
                t('desk.comments.column.comment'),
                t('desk.comments.column.reader'),
                t('desk.comments.column.note'),
              ]}
            />
            <tbody>
              {page.items.map((m) => (
                <tr data-action={m.action}>
                  <td>{when(m.created_at)}</td>
                  <td>
                    {/* People's names are their own words, never put into a message. */}
                    {m.user_name ?? t('desk.comments.aReader')}: {m.action}
                  </td>
                  <td>{m.comment_id !== null ? `#${m.comment_id}` : ''}</td>
                  <td>
                    {m.reader_id !== null && (
                      <a href={`${BASE}?queue=approved&reader=${m.reader_id}`}>
                        {m.reader_name || m.reader_email || `#${m.reader_id}`}
                      </a>
                    )}
                  </td>
                  <td>{m.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {page.next && (
          <p>
            <a class="button secondary" href={`${BASE}/log?before=${page.next}`}>
              {t('desk.comments.older')}
            </a>
          </p>
        )}
      </DeskLayout>,
    );
  });

  const rulesPage = async (c: Context, error?: string, status = 200) => {
    const { comments: r } = await deps.lookups.settings();
    return sendDeskPage(
      c,
      <DeskLayout title={t('desk.comments.rules')} csrf={csrfToken(c)} user={userOf(c)}>
        <h1>{t('desk.comments.rules')}</h1>
        <p>{t('desk.comments.rulesIntro')}</p>
        {error && <Notice kind="error">{error}</Notice>}
        {c.req.query('done') && <Notice kind="ok">{t('desk.comments.done.rules')}</Notice>}
        <form method="post" action={`${BASE}/rules`} class="stack">
          <CsrfField token={csrfToken(c)} />
          <label>
            <input type="checkbox" name="enabled" checked={r.enabled} /> {t('desk.comments.enabled')}
          </label>
          <div>
            <label for="close-after">{t('desk.comments.closeAfter')}</label>
            <input
              type="number"
              id="close-after"
              name="close_after_days"
              min={0}
              max={3650}
              value={String(r.closeAfterDays)}
            />
          </div>
          <label>
            <input type="checkbox" name="hold_new_readers" checked={r.holdNewReaders} /> {t('desk.comments.holdNew')}
          </label>
          <div>
            <label for="trusted-after">{t('desk.comments.trustedAfter')}</label>
            <input
              type="number"
              id="trusted-after"
              name="trusted_after"
              min={1}
              max={100}
              value={String(r.trustedAfter)}
            />
          </div>
          <div>
            <button type="submit">{t('desk.comments.save')}</button>
          </div>
        </form>
      </DeskLayout>,
      status,
    );
  };

  app.get(`${BASE}/rules`, (c) => rulesPage(c));

  app.post(`${BASE}/rules`, async (c) => {
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        await updateSettings(deps, { comments: parseInput(CommentRulesFormSchema, f) }, `user:${userOf(c).id}`);
        return c.redirect(`${BASE}/rules?done=1`, 303);
      },
      (err: AppError) => rulesPage(c, err.message, err.status),
    );
  });

  // The story editor's settings panel: the story's own comments mode.
  app.post('/desk/stories/:id/reader-comments', async (c) => {
    const id = idParam(c, 'story');
    const f = await formFields(c);
    await setCommentsMode(deps, userOf(c), id, parseInput(CommentsModeSchema, f).mode);
    return c.redirect(`/desk/stories/${id}/edit?done=reader-comments`, 303);
  });
}
