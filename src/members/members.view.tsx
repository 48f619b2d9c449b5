import type { User } from '../db/database.js';
import { CsrfField, DeskLayout, Notice, TableHead } from '../desk/desk-layout.js';
import { t } from '../desk/desk-words.js';
import type { MessageKey } from '../i18n/catalogue.types.js';
import { isoTime } from '../lib/iso-date.js';
import { formatTime } from '../ui/time.js';
import { can } from '../users/user.policy.js';
import { MEMBER_STATUSES, type MemberStatus } from './member.status.js';
import type { HistoryEntry, MemberPage, MembersPage } from './members.service.js';

// Rendering rule (ui/html.ts): the desk, so hono/jsx, escaped by the one escaper (lib/html-escape.ts).

export const MEMBERS_BASE = '/desk/members';

const STATUS_WORD: Record<MemberStatus, MessageKey> = {
  active: 'desk.members.status.active',
  unsubscribed: 'desk.members.status.unsubscribed',
  bouncing: 'desk.members.status.bouncing',
  erased: 'desk.members.status.erased',
};

const SOURCE_WORD: Record<string, MessageKey> = {
  story: 'desk.members.src.story',
  footer: 'desk.members.src.footer',
  newsletters: 'desk.members.src.newsletters',
  embed: 'desk.members.src.embed',
  account: 'desk.members.src.account',
  comment: 'desk.members.src.comment',
  'import:ghost': 'desk.members.src.importGhost',
  'import:mailchimp': 'desk.members.src.importMailchimp',
};

/** Where a member signed up, in words (a source the desk has no words for is shown as it is stored). */
const sourceWords = (source: string) => (SOURCE_WORD[source] ? t(SOURCE_WORD[source]) : source);

/** The filters as they were typed, for the form, the next page's link and the export's. */
export interface RawMembersQuery {
  q?: string;
  newsletter?: string;
  status?: string;
  source?: string;
  from?: string;
  to?: string;
}

function Select(props: { id: string; label: string; name: string; selected?: string; options: [string, string][] }) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="">{t('desk.members.any')}</option>
        {props.options.map(([value, text]) => (
          <option value={value} selected={props.selected === value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function StatusBadge(props: { status: MemberStatus }) {
  return <span class={`status member-${props.status}`}>{t(STATUS_WORD[props.status])}</span>;
}

const queryOf = (raw: RawMembersQuery, extra: Record<string, string> = {}) =>
  new URLSearchParams(
    Object.entries({ ...raw, ...extra }).filter((e): e is [string, string] => typeof e[1] === 'string' && !!e[1]),
  ).toString();

export function MembersListPage(p: { user: User; csrf: string; tz: string; raw: RawMembersQuery; page: MembersPage }) {
  const { page, raw } = p;
  const filtered = Object.values(raw).some((v) => v);
  return (
    <DeskLayout title={t('desk.members.title')} csrf={p.csrf} user={p.user}>
      <h1>{t('desk.members.title')}</h1>
      <p class="muted">{t('desk.members.intro')}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form is what every screen reader announces. */}
      <form method="get" action={MEMBERS_BASE} class="filters" role="search">
        <div>
          <label for="m-q">{t('desk.members.search')}</label>
          <input type="search" id="m-q" name="q" value={raw.q ?? ''} maxlength={200} />
        </div>
        <Select
          id="m-newsletter"
          label={t('desk.members.newsletter')}
          name="newsletter"
          selected={raw.newsletter}
          options={page.newsletters.map((n) => [String(n.id), n.name])}
        />
        <Select
          id="m-status"
          label={t('desk.members.status')}
          name="status"
          selected={raw.status}
          options={MEMBER_STATUSES.map((s) => [s, t(STATUS_WORD[s])])}
        />
        <Select
          id="m-source"
          label={t('desk.members.source')}
          name="source"
          selected={raw.source}
          options={page.sources.map((s) => [s, sourceWords(s)])}
        />
        <div>
          <label for="m-from">{t('desk.members.from')}</label>
          <input type="date" id="m-from" name="from" value={raw.from ?? ''} />
        </div>
        <div>
          <label for="m-to">{t('desk.members.to')}</label>
          <input type="date" id="m-to" name="to" value={raw.to ?? ''} />
        </div>
        <div>
          <button type="submit">{t('desk.members.filter')}</button>
        </div>
      </form>
      <p id="members-count">
        {t('desk.members.matching', { count: page.total })}
        {filtered && (
          <>
            {' '}
            <a href={MEMBERS_BASE}>{t('desk.members.clear')}</a>
          </>
        )}
      </p>
      {(can(p.user, 'members.export') || can(p.user, 'members.import')) && (
        <p class="actions">
          {can(p.user, 'members.export') && page.total > 0 && (
            <a href={`${MEMBERS_BASE}/export.csv?${queryOf(raw)}`} download="members.csv" id="members-export">
              {t('desk.members.export')}
            </a>
          )}{' '}
          {can(p.user, 'members.import') && <a href={`${MEMBERS_BASE}/import`}>{t('desk.members.importLink')}</a>}
        </p>
      )}
      {can(p.user, 'members.export') && page.total > 0 && <p class="hint">{t('desk.members.exportHint')}</p>}
      {page.items.length === 0 ? (
        <p>{t('desk.members.none')}</p>
      ) : (
        <table id="members">
          <TableHead
            columns={[
              t('desk.members.email'),
              t('desk.members.name'),
              t('desk.members.status'),
              t('desk.members.newsletters'),
              t('desk.members.signedUp'),
              t('desk.members.source'),
            ]}
          />
          <tbody>
            {page.items.map((m) => (
              <tr data-member-id={String(m.id)} data-status={m.status}>
                <td>
                  <a href={`${MEMBERS_BASE}/${m.id}`}>
                    {m.deleted_at === null ? m.email : t('desk.members.erasedName')}
                  </a>
                  {m.confirmed_at === null && m.deleted_at === null && (
                    <span class="hint"> · {t('desk.members.notConfirmed')}</span>
                  )}
                </td>
                <td>{m.name}</td>
                <td>
                  <StatusBadge status={m.status} />
                </td>
                <td>{m.newsletters.join(', ')}</td>
                <td>{formatTime(m.created_at, p.tz, 'short')}</td>
                <td title={m.source_detail}>{sourceWords(m.source)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page.next && (
        <p>
          <a href={`${MEMBERS_BASE}?${queryOf(raw, { before: page.next })}`} rel="next">
            {t('desk.members.older')}
          </a>
        </p>
      )}
    </DeskLayout>
  );
}

function historyText(e: HistoryEntry): string {
  switch (e.kind) {
    case 'signed-up':
      if (!e.source) return t('desk.members.h.signedUpNowhere');
      return e.detail
        ? t('desk.members.h.signedUpAt', { source: sourceWords(e.source), detail: e.detail })
        : t('desk.members.h.signedUp', { source: sourceWords(e.source) });
    case 'imported':
      return t('desk.members.h.imported', { source: e.source, id: e.sourceId });
    case 'confirmed':
      return t('desk.members.h.confirmed');
    case 'subscribed':
      return e.source
        ? t('desk.members.h.subscribedVia', { newsletter: e.newsletter, source: sourceWords(e.source) })
        : t('desk.members.h.subscribed', { newsletter: e.newsletter });
    case 'unsubscribed':
      return t('desk.members.h.unsubscribed', { newsletter: e.newsletter });
    case 'email-changed':
      return t('desk.members.h.emailChanged', { email: e.email });
    case 'bounced':
      return t('desk.members.h.bounced', { reason: e.reason });
    case 'bounced-issue':
      return t('desk.members.h.bouncedIssue', { subject: e.subject, error: e.error });
    case 'moderation': {
      const by = e.by ?? t('desk.members.h.someone');
      return e.note
        ? t('desk.members.h.moderationNote', { action: e.action, by, note: e.note })
        : t('desk.members.h.moderation', { action: e.action, by });
    }
    case 'reported':
      return e.reason ? t('desk.members.h.reportedWhy', { reason: e.reason }) : t('desk.members.h.reported');
    case 'banned':
      return t('desk.members.h.banned');
    case 'erased':
      return t('desk.members.h.erased');
  }
}

export function MemberDetailPage(p: { user: User; csrf: string; tz: string; member: MemberPage }) {
  const { reader: r, subscriptions, comments } = p.member;
  const when = (ms: number) => formatTime(ms, p.tz, 'long');
  const erased = r.deleted_at !== null;
  const title = erased ? t('desk.members.erasedName') : r.email;
  return (
    <DeskLayout title={t('desk.members.member', { email: title })} csrf={p.csrf} user={p.user}>
      <p>
        <a href={MEMBERS_BASE}>← {t('desk.members.back')}</a>
      </p>
      <h1 id="member-email">{title}</h1>
      <p>
        <StatusBadge status={p.member.status} />
      </p>
      {erased && <Notice kind="warn">{t('desk.members.erased', { when: when(r.deleted_at!) })}</Notice>}
      {r.bouncing_at !== null && (
        <Notice kind="warn">
          {t('desk.members.bouncing', { when: when(r.bouncing_at), reason: r.bounce_reason })}
        </Notice>
      )}
      {r.comments_banned_at !== null && (
        <Notice kind="warn">{t('desk.members.banned', { when: when(r.comments_banned_at) })}</Notice>
      )}
      <section class="panel">
        <h2>{t('desk.members.account')}</h2>
        <dl id="member-account">
          <dt>{t('desk.members.name')}</dt>
          <dd>{r.name}</dd>
          <dt>{t('desk.members.commentName')}</dt>
          <dd>{r.comment_name}</dd>
          <dt>{t('desk.members.language')}</dt>
          <dd>{r.language}</dd>
          <dt>{t('desk.members.signedUp')}</dt>
          <dd>
            {when(r.created_at)} · {sourceWords(r.source)}
            {r.source_detail && <span class="hint"> ({r.source_detail})</span>}
          </dd>
          <dt>{t('desk.members.confirmed')}</dt>
          <dd>{r.confirmed_at === null ? t('desk.members.notConfirmed') : when(r.confirmed_at)}</dd>
        </dl>
      </section>
      <section class="panel">
        <h2>{t('desk.members.newsletters')}</h2>
        {subscriptions.length === 0 ? (
          <p class="hint">{t('desk.members.noNewsletters')}</p>
        ) : (
          <ul id="member-newsletters">
            {subscriptions.map((s) => (
              <li data-newsletter-id={String(s.newsletter_id)} data-status={s.status}>
                {s.newsletter_name}: {t(`desk.members.sub.${s.status}`)}{' '}
                <span class="hint">{t('desk.members.since', { when: when(s.updated_at) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="panel">
        <h2>{t('desk.members.comments')}</h2>
        {can(p.user, 'comments.moderate') && r.deleted_at === null && (
          <p>
            <a href={`/desk/comments?queue=approved&reader=${r.id}`} id="member-moderate">
              {t('desk.members.moderate')}
            </a>
          </p>
        )}
        {comments.length === 0 ? (
          <p class="hint">{t('desk.members.noComments')}</p>
        ) : (
          <>
            <p class="hint">{t('desk.members.commentsCount', { count: p.member.commentCount })}</p>
            <ul id="member-comments">
              {comments.map((c) => (
                <li data-comment-id={String(c.id)} data-status={c.status}>
                  <q>{c.body.length > 280 ? `${c.body.slice(0, 280)}…` : c.body}</q> {t('desk.members.on')}{' '}
                  <a href={`/desk/stories/${c.story_id}/edit`}>{c.headline}</a>{' '}
                  <span class="hint">
                    {c.status} · {when(c.created_at)}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section class="panel">
        <h2>{t('desk.members.history')}</h2>
        <ol id="member-history" reversed>
          {p.member.history.map((e) => (
            <li data-kind={e.kind}>
              <time datetime={isoTime(e.at)}>{when(e.at)}</time> — {historyText(e)}
            </li>
          ))}
        </ol>
      </section>
    </DeskLayout>
  );
}

export function MembersImportPage(p: {
  user: User;
  csrf: string;
  newsletters: readonly { id: number; name: string }[];
  chosen?: { newsletter?: string; format?: string };
  report?: string;
  error?: string;
}) {
  const chosen = p.chosen ?? {};
  return (
    <DeskLayout title={t('desk.members.import.title')} csrf={p.csrf} user={p.user}>
      <p>
        <a href={MEMBERS_BASE}>← {t('desk.members.back')}</a>
      </p>
      <h1>{t('desk.members.import.title')}</h1>
      <p>{t('desk.members.import.intro')}</p>
      {p.error && <Notice kind="error">{t('desk.members.import.failed', { reason: p.error })}</Notice>}
      {p.report && (
        <div class="notice ok" role="status">
          <p>{t('desk.members.import.done')}</p>
          <pre id="import-report">{p.report}</pre>
        </div>
      )}
      <form method="post" action={`${MEMBERS_BASE}/import`} enctype="multipart/form-data" class="panel">
        <CsrfField token={p.csrf} />
        <div>
          <label for="imp-file">{t('desk.members.import.file')}</label>
          <input type="file" id="imp-file" name="file" accept=".csv,text/csv" required />
        </div>
        <div>
          <label for="imp-format">{t('desk.members.import.format')}</label>
          <select id="imp-format" name="format">
            {(['auto', 'ghost', 'mailchimp'] as const).map((f) => (
              <option value={f} selected={(chosen.format ?? 'auto') === f}>
                {t(`desk.members.import.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="imp-newsletter">{t('desk.members.import.newsletter')}</label>
          <select id="imp-newsletter" name="newsletter" aria-describedby="imp-newsletter-hint">
            {p.newsletters.map((n) => (
              <option value={String(n.id)} selected={chosen.newsletter === String(n.id)}>
                {n.name}
              </option>
            ))}
            <option value="none" selected={chosen.newsletter === 'none'}>
              {t('desk.members.import.noNewsletter')}
            </option>
          </select>
          <p class="hint" id="imp-newsletter-hint">
            {t('desk.members.import.newsletterHint')}
          </p>
        </div>
        <div>
          <button type="submit">{t('desk.members.import.submit')}</button>
        </div>
      </form>
    </DeskLayout>
  );
}
