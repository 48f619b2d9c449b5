import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import type { CardRow } from '../stories/story.repo.js';
import { CsrfField, DeskLayout, Notice } from '../desk/desk-layout.js';
import { parseWhen, toLocalInput } from '../desk/desk.http.js';
import { formFields, formList, sendDeskPage } from '../desk/desk.render.js';
import { t } from '../desk/desk-words.js';
import { withFormErrors } from '../http/form-errors.js';
import { idParam } from '../http/params.js';
import { parseInput } from '../lib/parse-input.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { formatTime } from '../ui/time.js';
import {
  type IssueView,
  cancelIssue,
  createDigest,
  getIssue,
  issueProgress,
  presentIssue,
  scheduleIssue,
  updateDigest,
} from './issue.service.js';
import { NEWSLETTERS_DESK, issuePath, issueState } from './issue.view.js';
import { DigestSchema } from './newsletter.input.js';
import { type NewsletterView, allNewsletters } from './newsletter.service.js';
import { digestCandidates, previewIssue } from './newsletter.email.js';
import { sendTestIssue } from './newsletter.send.js';
import { trackingEnabled } from './newsletter.settings.js';

const ISSUES = `${NEWSLETTERS_DESK}/issues`;
type User = ReturnType<typeof userOf>;

/** The digest form: the newsletter, subject, intro, and the stories to include with their order. */
function DigestForm(p: {
  csrf: string;
  action: string;
  newsletters: NewsletterView[];
  stories: CardRow[];
  tz: string;
  values: { newsletterId?: number; subject?: string; intro?: string; storyIds?: number[] };
  fixedNewsletter?: boolean;
}) {
  const order = new Map((p.values.storyIds ?? []).map((id, i) => [id, i + 1]));
  return (
    <form method="post" action={p.action} class="stack digest-form">
      <CsrfField token={p.csrf} />
      <div>
        <label for="digest-newsletter">{t('desk.newsletters.newsletter')}</label>
        <select id="digest-newsletter" name="newsletterId" disabled={p.fixedNewsletter}>
          {p.newsletters.map((n) => (
            <option value={String(n.id)} selected={n.id === p.values.newsletterId}>
              {n.name}
            </option>
          ))}
        </select>
        {p.fixedNewsletter && <input type="hidden" name="newsletterId" value={String(p.values.newsletterId)} />}
      </div>
      <div>
        <label for="digest-subject">{t('desk.newsletters.subject')}</label>
        <input id="digest-subject" name="subject" required maxlength={200} value={p.values.subject ?? ''} />
      </div>
      <div>
        <label for="digest-intro">
          {t('desk.newsletters.introText')} <span class="hint">{t('desk.newsletters.introHint')}</span>
        </label>
        <textarea id="digest-intro" name="intro" maxlength={4000} rows={4}>
          {p.values.intro ?? ''}
        </textarea>
      </div>
      <fieldset>
        <legend>{t('desk.newsletters.pickStories')}</legend>
        <p class="hint">{t('desk.newsletters.pickHint')}</p>
        {p.stories.length === 0 && <p class="hint">{t('desk.newsletters.noStories')}</p>}
        <ul class="story-picks">
          {p.stories.map((s) => (
            <li>
              <label>
                <input type="checkbox" name="storyIds" value={String(s.id)} checked={order.has(s.id)} /> {s.headline}{' '}
                <span class="hint">{formatTime(s.published_at, p.tz, 'short')}</span>
              </label>{' '}
              <label class="hint">
                {t('desk.newsletters.order')}{' '}
                <input
                  type="number"
                  name={`order_${s.id}`}
                  min={1}
                  max={99}
                  size={3}
                  value={order.has(s.id) ? String(order.get(s.id)) : ''}
                />
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div>
        <button type="submit">{t('desk.newsletters.saveDraft')}</button>
      </div>
    </form>
  );
}

function ComposePage(p: {
  csrf: string;
  user: User;
  newsletters: NewsletterView[];
  stories: CardRow[];
  tz: string;
  values: { newsletterId?: number; subject?: string; intro?: string; storyIds?: number[] };
  error?: string;
}) {
  return (
    <DeskLayout title={t('desk.newsletters.composeTitle')} csrf={p.csrf} user={p.user}>
      <p>
        <a href={NEWSLETTERS_DESK}>← {t('desk.newsletters.title')}</a>
      </p>
      <h1>{t('desk.newsletters.composeTitle')}</h1>
      {p.error && <Notice kind="error">{p.error}</Notice>}
      {p.newsletters.length === 0 ? (
        <p class="hint">{t('desk.newsletters.none')}</p>
      ) : (
        <DigestForm
          csrf={p.csrf}
          action={ISSUES}
          newsletters={p.newsletters}
          stories={p.stories}
          tz={p.tz}
          values={p.values}
        />
      )}
    </DeskLayout>
  );
}

function Progress(p: { progress: Awaited<ReturnType<typeof issueProgress>>; tracking: boolean }) {
  const n = (s: string) => p.progress.byStatus[s as keyof typeof p.progress.byStatus] ?? 0;
  return (
    <dl class="progress">
      <dt>{t('desk.newsletters.delivered')}</dt>
      <dd data-count="sent">{n('sent')}</dd>
      <dt>{t('desk.newsletters.waitingToSend')}</dt>
      <dd data-count="pending">{n('pending') + n('sending')}</dd>
      <dt>{t('desk.newsletters.retrying')}</dt>
      <dd data-count="failed">{n('failed')}</dd>
      <dt>{t('desk.newsletters.bounced')}</dt>
      <dd data-count="bounced">{n('bounced')}</dd>
      <dt>{t('desk.newsletters.skipped')}</dt>
      <dd data-count="skipped">{n('skipped')}</dd>
      {p.tracking && (
        <>
          <dt>{t('desk.newsletters.opened')}</dt>
          <dd data-count="opened">{p.progress.opened}</dd>
          <dt>{t('desk.newsletters.clicked')}</dt>
          <dd data-count="clicked">{p.progress.clicked}</dd>
        </>
      )}
    </dl>
  );
}

function IssuePage(p: {
  csrf: string;
  user: User;
  issue: IssueView;
  newsletter: NewsletterView | undefined;
  newsletters: NewsletterView[];
  stories: CardRow[];
  progress: Awaited<ReturnType<typeof issueProgress>>;
  tracking: boolean;
  tz: string;
  now: number;
  error?: string;
  done?: string;
}) {
  const i = p.issue;
  const action = (name: string, label: string, kind?: string, children?: unknown) => (
    <form method="post" action={`${issuePath(i.id)}/${name}`} class="stack">
      <CsrfField token={p.csrf} />
      {children}
      <div>
        <button type="submit" class={kind}>
          {label}
        </button>
      </div>
    </form>
  );
  const open = i.status === 'draft' || i.status === 'scheduled';
  return (
    <DeskLayout title={i.subject} csrf={p.csrf} user={p.user}>
      <p>
        <a href={NEWSLETTERS_DESK}>← {t('desk.newsletters.title')}</a>
      </p>
      <h1>{i.subject}</h1>
      <p class="issue-state" data-status={i.status}>
        {p.newsletter?.name} · {issueState(i, p.tz)}
        {i.lastError && <span class="hint"> — {i.lastError}</span>}
      </p>
      {p.done && <Notice kind="ok">{p.done}</Notice>}
      {p.error && <Notice kind="error">{p.error}</Notice>}
      {(i.status === 'sending' || i.status === 'sent') && (
        <>
          <h2>{t('desk.newsletters.recipientsCount', { count: i.recipients })}</h2>
          <Progress progress={p.progress} tracking={p.tracking} />
        </>
      )}
      <div class="editor-grid">
        <div>
          <h2>{t('desk.newsletters.preview')}</h2>
          <p class="hint">
            {t('desk.newsletters.previewHint')}{' '}
            <a href={`${issuePath(i.id)}/preview.txt`}>{t('desk.newsletters.plainText')}</a>
          </p>
          <iframe
            class="email-preview"
            title={t('desk.newsletters.preview')}
            src={`${issuePath(i.id)}/preview`}
            sandbox=""
            width="100%"
            height="900"
          ></iframe>
          {i.kind === 'digest' && i.status === 'draft' && (
            <>
              <h2>{t('desk.newsletters.editDraft')}</h2>
              <DigestForm
                csrf={p.csrf}
                action={issuePath(i.id)}
                newsletters={p.newsletters}
                stories={p.stories}
                tz={p.tz}
                values={{ newsletterId: i.newsletterId, subject: i.subject, intro: i.intro, storyIds: i.storyIds }}
                fixedNewsletter
              />
            </>
          )}
        </div>
        <aside>
          <div class="panel">
            <h2>{t('desk.newsletters.testTitle')}</h2>
            {action('test', t('desk.newsletters.testButton', { email: p.user.email }), 'secondary')}
          </div>
          {open && (
            <div class="panel">
              <h2>{t('desk.newsletters.sendTitle')}</h2>
              {!(i.kind === 'story' && i.sendAt === null) && action('send', t('desk.newsletters.sendNow'))}
              {action(
                'schedule',
                i.status === 'scheduled' ? t('desk.newsletters.reschedule') : t('desk.newsletters.schedule'),
                'secondary',
                <div>
                  <label for="issue-at">
                    {t('desk.newsletters.sendAt')} <span class="hint">({p.tz})</span>
                  </label>
                  <input
                    type="datetime-local"
                    id="issue-at"
                    name="at"
                    required
                    value={toLocalInput(i.sendAt ?? p.now + 3600_000, p.tz)}
                  />
                </div>,
              )}
              {action('cancel', t('desk.newsletters.cancel'), 'danger')}
            </div>
          )}
        </aside>
      </div>
    </DeskLayout>
  );
}

/** The stories a digest form offers: the newest published in the newsletter's language. */
const storiesFor = (deps: AppDeps, newsletter: NewsletterView | undefined) => digestCandidates(deps, newsletter);

/** A digest form post as the schema takes it: picked stories in the order given (then as listed). */
async function digestInput(c: Context) {
  const f = await formFields(c);
  const picked = await formList(c, 'storyIds');
  const rank = (id: string) => {
    const n = Number(f[`order_${id}`]);
    return Number.isFinite(n) && n > 0 ? n : 1000;
  };
  const storyIds = picked
    .map((id, i) => ({ id, i, r: rank(id) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.id);
  return { f, raw: { newsletterId: f.newsletterId, subject: f.subject, intro: f.intro, storyIds } };
}

const DONE: Record<string, string> = {
  created: 'desk.newsletters.doneCreated',
  saved: 'desk.newsletters.doneSaved',
  test: 'desk.newsletters.doneTest',
  send: 'desk.newsletters.doneSend',
  schedule: 'desk.newsletters.doneSchedule',
  cancel: 'desk.newsletters.doneCancel',
};

/**
 * The desk's issues (newsletters.send): compose a digest (stories in order, an intro), preview it as readers get
 * it (HTML and plain text), send a test to oneself, then send it now or schedule it, and follow its sending.
 */
export function issueDeskRoutes(app: Hono, deps: AppDeps): void {
  app.use(ISSUES, requireCan('newsletters.send'));
  app.use(`${ISSUES}/*`, requireCan('newsletters.send'));

  const compose = async (
    c: Context,
    values: Parameters<typeof ComposePage>[0]['values'],
    error?: string,
    status = 200,
  ) => {
    const newsletters = await allNewsletters(deps);
    const chosen = newsletters.find((n) => n.id === values.newsletterId) ?? newsletters[0];
    return sendDeskPage(
      c,
      <ComposePage
        csrf={csrfToken(c)}
        user={userOf(c)}
        newsletters={newsletters}
        stories={await storiesFor(deps, chosen)}
        tz={deps.config.timeZone}
        values={{ ...values, newsletterId: chosen?.id }}
        error={error}
      />,
      status,
    );
  };

  const page = async (c: Context, id: number, extra: { error?: string } = {}, status = 200) => {
    const issue = presentIssue(await getIssue(deps, id));
    const newsletters = await allNewsletters(deps);
    const newsletter = newsletters.find((n) => n.id === issue.newsletterId);
    const key = DONE[c.req.query('done') ?? ''];
    return sendDeskPage(
      c,
      <IssuePage
        csrf={csrfToken(c)}
        user={userOf(c)}
        issue={issue}
        newsletter={newsletter}
        newsletters={newsletters}
        stories={issue.kind === 'digest' && issue.status === 'draft' ? await storiesFor(deps, newsletter) : []}
        progress={await issueProgress(deps, id)}
        tracking={await trackingEnabled(deps)}
        tz={deps.config.timeZone}
        now={deps.clock()}
        done={key ? t(key as Parameters<typeof t>[0], { email: userOf(c).email }) : undefined}
        {...extra}
      />,
      status,
    );
  };

  app.get(`${ISSUES}/new`, (c) => compose(c, { newsletterId: Number(c.req.query('newsletter')) || undefined }));

  app.post(ISSUES, async (c) => {
    const { raw } = await digestInput(c);
    return withFormErrors(
      async () => {
        const issue = await createDigest(deps, userOf(c), parseInput(DigestSchema, raw));
        return c.redirect(`${issuePath(issue.id)}?done=created`, 303);
      },
      (err) =>
        compose(
          c,
          {
            newsletterId: Number(raw.newsletterId) || undefined,
            subject: raw.subject,
            intro: raw.intro,
            storyIds: raw.storyIds.map(Number).filter((n) => Number.isSafeInteger(n)),
          },
          err.message,
          err.status,
        ),
    );
  });

  app.get(`${ISSUES}/:id`, (c) => page(c, idParam(c, 'newsletter issue')));

  app.post(`${ISSUES}/:id`, async (c) => {
    const id = idParam(c, 'newsletter issue');
    const { raw } = await digestInput(c);
    return withFormErrors(
      async () => {
        await updateDigest(deps, userOf(c), id, parseInput(DigestSchema, raw));
        return c.redirect(`${issuePath(id)}?done=saved`, 303);
      },
      (err) => page(c, id, { error: err.message }, err.status),
    );
  });

  // The email as a reader gets it, in a sandboxed frame: its inline styles are the email's, so it brings its own policy.
  app.get(`${ISSUES}/:id/preview`, async (c) => {
    const { html } = await previewIssue(deps, await getIssue(deps, idParam(c, 'newsletter issue')), userOf(c));
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; frame-ancestors 'self'; sandbox",
    );
    return c.html(html);
  });

  app.get(`${ISSUES}/:id/preview.txt`, async (c) => {
    const { text } = await previewIssue(deps, await getIssue(deps, idParam(c, 'newsletter issue')), userOf(c));
    return c.text(text);
  });

  const act = (name: string, run: (c: Context, id: number, f: Record<string, string>) => Promise<unknown>) =>
    app.post(`${ISSUES}/:id/${name}`, async (c) => {
      const id = idParam(c, 'newsletter issue');
      const f = await formFields(c);
      return withFormErrors(
        async () => {
          await run(c, id, f);
          return c.redirect(`${issuePath(id)}?done=${name}`, 303);
        },
        (err) => page(c, id, { error: err.message }, err.status),
      );
    });
  act('test', (c, id) => sendTestIssue(deps, id, userOf(c)));
  act('send', (c, id) => scheduleIssue(deps, userOf(c), id, 'now'));
  act('schedule', (c, id, f) => scheduleIssue(deps, userOf(c), id, parseWhen(f.at, deps.config.timeZone)));
  act('cancel', (c, id) => cancelIssue(deps, userOf(c), id));
}
