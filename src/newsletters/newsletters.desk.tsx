import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { CsrfField, DeskLayout, Notice, TableHead } from '../desk/desk-layout.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import { t } from '../desk/desk-words.js';
import { withFormErrors } from '../http/form-errors.js';
import { idParam } from '../http/params.js';
import { parseInput } from '../lib/parse-input.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { can } from '../users/user.policy.js';
import { type IssueView, pageIssues } from './issue.service.js';
import { NewsletterSchema } from './newsletter.input.js';
import {
  type NewsletterView,
  archiveNewsletter,
  createNewsletter,
  getNewsletter,
  newslettersOverview,
  updateNewsletter,
} from './newsletter.service.js';
import { IssueList, NEWSLETTERS_DESK } from './issue.view.js';

type User = ReturnType<typeof userOf>;

/** The definition form: new (no `newsletter`) or an edit. `form` keeps what was typed after a refusal. */
function DefinitionForm(p: { csrf: string; newsletter?: NewsletterView; form?: Record<string, string> }) {
  const n = p.newsletter;
  const v = (name: string, stored: string | number | null | undefined) => p.form?.[name] ?? String(stored ?? '');
  const checked = (name: string, stored: boolean | undefined, fallback: boolean) =>
    p.form ? p.form[name] === '1' : (stored ?? fallback);
  return (
    <form method="post" action={n ? `${NEWSLETTERS_DESK}/${n.id}` : NEWSLETTERS_DESK} class="stack">
      <CsrfField token={p.csrf} />
      <div>
        <label for="nl-name">{t('desk.newsletters.name')}</label>
        <input id="nl-name" name="name" required maxlength={120} value={v('name', n?.name)} />
      </div>
      <div>
        <label for="nl-slug">
          {t('desk.newsletters.slug')} <span class="hint">{t('desk.newsletters.slugHint')}</span>
        </label>
        <input id="nl-slug" name="slug" maxlength={80} value={v('slug', n?.slug)} pattern="[a-z0-9]+(-[a-z0-9]+)*" />
      </div>
      <div>
        <label for="nl-description">
          {t('desk.newsletters.description')} <span class="hint">{t('desk.newsletters.descriptionHint')}</span>
        </label>
        <textarea id="nl-description" name="description" maxlength={1000} rows={3}>
          {v('description', n?.description)}
        </textarea>
      </div>
      <div class="row">
        <div>
          <label for="nl-sender-name">{t('desk.newsletters.senderName')}</label>
          <input
            id="nl-sender-name"
            name="senderName"
            required
            maxlength={120}
            value={v('senderName', n?.senderName)}
          />
        </div>
        <div>
          <label for="nl-sender-email">{t('desk.newsletters.senderEmail')}</label>
          <input
            id="nl-sender-email"
            name="senderEmail"
            type="email"
            required
            maxlength={254}
            value={v('senderEmail', n?.senderEmail)}
          />
        </div>
        <div>
          <label for="nl-reply-to">
            {t('desk.newsletters.replyTo')} <span class="hint">{t('desk.newsletters.optional')}</span>
          </label>
          <input id="nl-reply-to" name="replyTo" type="email" maxlength={254} value={v('replyTo', n?.replyTo)} />
        </div>
      </div>
      <div class="row">
        <div>
          <label for="nl-language">
            {t('desk.newsletters.language')} <span class="hint">{t('desk.newsletters.languageHint')}</span>
          </label>
          <input id="nl-language" name="language" maxlength={20} value={v('language', n?.language)} />
        </div>
        <div>
          <label for="nl-digest-hour">
            {t('desk.newsletters.digestHour')} <span class="hint">{t('desk.newsletters.digestHourHint')}</span>
          </label>
          <input
            id="nl-digest-hour"
            name="digestHour"
            type="number"
            min={0}
            max={23}
            value={v('digestHour', n?.digestHour)}
          />
        </div>
        <div>
          <label for="nl-position">{t('desk.newsletters.position')}</label>
          <input
            id="nl-position"
            name="position"
            type="number"
            min={0}
            max={10000}
            value={v('position', n?.position ?? 0)}
          />
        </div>
      </div>
      <fieldset>
        <legend>{t('desk.newsletters.options')}</legend>
        <label>
          <input type="checkbox" name="visible" value="1" checked={checked('visible', n?.visible, true)} />{' '}
          {t('desk.newsletters.visible')}
        </label>
        <label>
          <input type="checkbox" name="defaultOn" value="1" checked={checked('defaultOn', n?.defaultOn, false)} />{' '}
          {t('desk.newsletters.defaultOn')}
        </label>
      </fieldset>
      <div>
        <button type="submit">{n ? t('desk.newsletters.save') : t('desk.newsletters.create')}</button>
      </div>
    </form>
  );
}

function ListPage(p: {
  csrf: string;
  user: User;
  newsletters: NewsletterView[];
  counts: Map<number, { subscribed: number; bouncing: number }>;
  issues: IssueView[];
  bouncing: { email: string; reason: string; at: number }[];
  tz: string;
  error?: string;
  form?: Record<string, string>;
  done?: string;
}) {
  const manage = can(p.user, 'newsletters.manage');
  const names = new Map(p.newsletters.map((n) => [n.id, n.name]));
  return (
    <DeskLayout title={t('desk.newsletters.title')} csrf={p.csrf} user={p.user}>
      <h1>{t('desk.newsletters.title')}</h1>
      <p>{t('desk.newsletters.intro')}</p>
      {p.done && <Notice kind="ok">{p.done}</Notice>}
      {p.error && <Notice kind="error">{p.error}</Notice>}
      {p.newsletters.length === 0 ? (
        <p class="hint">{t('desk.newsletters.none')}</p>
      ) : (
        <table>
          <TableHead
            columns={[
              t('desk.newsletters.name'),
              t('desk.newsletters.subscribers'),
              t('desk.newsletters.bouncing'),
              t('desk.newsletters.digest'),
              t('desk.newsletters.shown'),
              '',
            ]}
          />
          <tbody>
            {p.newsletters.map((n) => (
              <tr data-newsletter-id={String(n.id)}>
                <td>
                  <strong>{n.name}</strong>
                  <br />
                  <span class="hint">{n.description}</span>
                </td>
                <td>{p.counts.get(n.id)?.subscribed ?? 0}</td>
                <td>{p.counts.get(n.id)?.bouncing ?? 0}</td>
                <td>
                  {n.digestHour === null
                    ? t('desk.newsletters.noDigest')
                    : t('desk.newsletters.digestAt', { hour: String(n.digestHour).padStart(2, '0'), tz: p.tz })}
                </td>
                <td>{n.visible ? t('desk.newsletters.onSite') : t('desk.newsletters.hidden')}</td>
                <td>
                  <a href={`${NEWSLETTERS_DESK}/issues/new?newsletter=${n.id}`}>{t('desk.newsletters.compose')}</a>
                  {manage && (
                    <>
                      {' · '}
                      <a href={`${NEWSLETTERS_DESK}/${n.id}`}>{t('desk.newsletters.edit')}</a>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('desk.newsletters.recentIssues')}</h2>
      <IssueList issues={p.issues} names={names} tz={p.tz} />
      <h2>{t('desk.newsletters.bouncingTitle')}</h2>
      <p class="hint">{t('desk.newsletters.bouncingIntro')}</p>
      {p.bouncing.length === 0 ? (
        <p class="hint">{t('desk.newsletters.noBounces')}</p>
      ) : (
        <table>
          <TableHead
            columns={[t('desk.newsletters.address'), t('desk.newsletters.reason'), t('desk.newsletters.since')]}
          />
          <tbody>
            {p.bouncing.map((b) => (
              <tr class="bouncing">
                <td>{b.email}</td>
                <td>{b.reason}</td>
                <td>{new Date(b.at).toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {manage && (
        <>
          <h2>{t('desk.newsletters.add')}</h2>
          <DefinitionForm csrf={p.csrf} form={p.form} />
        </>
      )}
    </DeskLayout>
  );
}

function EditPage(p: {
  csrf: string;
  user: User;
  newsletter: NewsletterView;
  issues: IssueView[];
  tz: string;
  error?: string;
  form?: Record<string, string>;
  done?: string;
}) {
  const n = p.newsletter;
  return (
    <DeskLayout title={n.name} csrf={p.csrf} user={p.user}>
      <p>
        <a href={NEWSLETTERS_DESK}>← {t('desk.newsletters.title')}</a>
      </p>
      <h1>{n.name}</h1>
      {p.done && <Notice kind="ok">{p.done}</Notice>}
      {p.error && <Notice kind="error">{p.error}</Notice>}
      <DefinitionForm csrf={p.csrf} newsletter={n} form={p.form} />
      <h2>{t('desk.newsletters.issuesOf')}</h2>
      <IssueList issues={p.issues} names={new Map([[n.id, n.name]])} tz={p.tz} />
      <h2>{t('desk.newsletters.archive')}</h2>
      <p class="hint">{t('desk.newsletters.archiveHint')}</p>
      <form method="post" action={`${NEWSLETTERS_DESK}/${n.id}/archive`} class="inline">
        <CsrfField token={p.csrf} />
        <button type="submit" class="danger">
          {t('desk.newsletters.archiveButton')}
        </button>
      </form>
    </DeskLayout>
  );
}

/** The definition form's fields as the schema takes them (an unticked box is absent from a form post). */
const definitionInput = (f: Record<string, string>) => ({
  ...f,
  visible: f.visible === '1' ? '1' : '0',
  defaultOn: f.defaultOn === '1' ? '1' : '0',
});

/**
 * `/desk/newsletters`: editors see the newsletters, their subscribers, issues and bouncing addresses and compose
 * issues (newsletters.send); owners and admins also define them (newsletters.manage).
 */
export function newsletterDeskRoutes(app: Hono, deps: AppDeps): void {
  app.use(NEWSLETTERS_DESK, requireCan('newsletters.send'));
  app.use(`${NEWSLETTERS_DESK}/*`, requireCan('newsletters.send'));

  const list = async (c: Context, extra: { error?: string; form?: Record<string, string> } = {}, status = 200) => {
    const { newsletters, counts, issues, bouncing } = await newslettersOverview(deps, { issues: 20, bouncing: 50 });
    const done = c.req.query('done') === 'archived' ? t('desk.newsletters.archived') : undefined;
    return sendDeskPage(
      c,
      <ListPage
        csrf={csrfToken(c)}
        user={userOf(c)}
        newsletters={newsletters}
        counts={counts}
        issues={issues.items}
        bouncing={bouncing}
        tz={deps.config.timeZone}
        done={done}
        {...extra}
      />,
      status,
    );
  };

  const edit = async (
    c: Context,
    id: number,
    extra: { error?: string; form?: Record<string, string> } = {},
    status = 200,
  ) => {
    const [newsletter, issues] = await Promise.all([
      getNewsletter(deps, id),
      pageIssues(deps, { newsletterId: id, limit: 30 }),
    ]);
    const done =
      c.req.query('done') === 'saved'
        ? t('desk.newsletters.saved')
        : c.req.query('done') === 'created'
          ? t('desk.newsletters.created')
          : undefined;
    return sendDeskPage(
      c,
      <EditPage
        csrf={csrfToken(c)}
        user={userOf(c)}
        newsletter={newsletter}
        issues={issues.items}
        tz={deps.config.timeZone}
        done={done}
        {...extra}
      />,
      status,
    );
  };

  app.get(NEWSLETTERS_DESK, (c) => list(c));

  app.post(NEWSLETTERS_DESK, requireCan('newsletters.manage'), async (c) => {
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        const n = await createNewsletter(
          deps,
          parseInput(NewsletterSchema, definitionInput(f)),
          `user:${userOf(c).id}`,
        );
        return c.redirect(`${NEWSLETTERS_DESK}/${n.id}?done=created`, 303);
      },
      (err) => list(c, { error: err.message, form: f }, err.status),
    );
  });

  app.get(`${NEWSLETTERS_DESK}/:id`, requireCan('newsletters.manage'), (c) => edit(c, idParam(c, 'newsletter')));

  app.post(`${NEWSLETTERS_DESK}/:id`, requireCan('newsletters.manage'), async (c) => {
    const id = idParam(c, 'newsletter');
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        await updateNewsletter(deps, id, parseInput(NewsletterSchema, definitionInput(f)), `user:${userOf(c).id}`);
        return c.redirect(`${NEWSLETTERS_DESK}/${id}?done=saved`, 303);
      },
      (err) => edit(c, id, { error: err.message, form: f }, err.status),
    );
  });

  app.post(`${NEWSLETTERS_DESK}/:id/archive`, requireCan('newsletters.manage'), async (c) => {
    await archiveNewsletter(deps, idParam(c, 'newsletter'), `user:${userOf(c).id}`);
    return c.redirect(`${NEWSLETTERS_DESK}?done=archived`, 303);
  });
}
