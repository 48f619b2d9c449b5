import { TableHead } from '../desk/desk-layout.js';
import { t } from '../desk/desk-words.js';
import { formatTime } from '../ui/time.js';
import type { IssueView } from './issue.service.js';

/** Where the desk's newsletter pages are. */
export const NEWSLETTERS_DESK = '/desk/newsletters';

/** Where an issue's desk page is. */
export const issuePath = (id: number) => `${NEWSLETTERS_DESK}/issues/${id}`;

/** An issue's state in words: sent when, going, scheduled for when, waiting for its story. */
export function issueState(i: IssueView, tz: string): string {
  switch (i.status) {
    case 'sent':
      return t('desk.newsletters.state.sent', { when: formatTime(i.sentAt ?? i.createdAt, tz, 'short') });
    case 'scheduled':
      return i.sendAt === null
        ? t('desk.newsletters.state.waiting')
        : t('desk.newsletters.state.scheduled', { when: formatTime(i.sendAt, tz, 'short') });
    case 'sending':
      return t('desk.newsletters.state.sending');
    case 'cancelled':
      return t('desk.newsletters.state.cancelled');
    default:
      return t('desk.newsletters.state.draft');
  }
}

/** A table of issues: subject, newsletter, kind, state, recipients. */
export function IssueList(p: { issues: IssueView[]; names: Map<number, string>; tz: string }) {
  if (p.issues.length === 0) return <p class="hint">{t('desk.newsletters.noIssues')}</p>;
  return (
    <table>
      <TableHead
        columns={[
          t('desk.newsletters.subject'),
          t('desk.newsletters.newsletter'),
          t('desk.newsletters.kind'),
          t('desk.newsletters.status'),
          t('desk.newsletters.recipients'),
        ]}
      />
      <tbody>
        {p.issues.map((i) => (
          <tr data-issue-id={String(i.id)} data-status={i.status}>
            <td>
              <a href={issuePath(i.id)}>{i.subject}</a>
            </td>
            <td>{p.names.get(i.newsletterId) ?? `#${i.newsletterId}`}</td>
            <td>
              {i.kind === 'story'
                ? t('desk.newsletters.kindStory')
                : i.automatic
                  ? t('desk.newsletters.kindAutoDigest')
                  : t('desk.newsletters.kindDigest')}
            </td>
            <td>
              {issueState(i, p.tz)}
              {i.lastError && <span class="hint"> — {i.lastError}</span>}
            </td>
            <td>{i.status === 'sending' || i.status === 'sent' ? i.recipients : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
