import type { AppDeps } from '../app.deps.js';
import type { Newsletter, Reader } from '../db/database.js';
import { notFound } from '../http/errors.js';
import { type KeysetPage, keysetPage } from '../lib/cursor.js';
import { findReaderById } from '../readers/reader.repo.js';
import { moderationLog } from '../comments/moderation.repo.js';
import { type MemberStatus, memberStatus } from './member.status.js';
import { membersCursor, membersKeys } from './members.cursor.js';
import {
  type MemberComment,
  type MemberFilter,
  type MemberRow,
  type MemberSubscription,
  commentsOfMember,
  countCommentsOfMember,
  countMembers,
  listMembers,
  memberSources,
  memberTraces,
  subscriptionsOf,
} from './members.repo.js';
import { listNewsletters } from '../newsletters/newsletter.repo.js';

/** Members per page of the desk's list. */
export const MEMBERS_PAGE_SIZE = 50;
/** Comments and history entries a member's page shows (newest first). */
const MEMBER_PAGE_ITEMS = 50;

export interface MembersPage extends KeysetPage<MemberRow & { status: MemberStatus; newsletters: string[] }> {
  total: number;
  newsletters: Newsletter[];
  sources: string[];
}

/** One page of the members list with each member's status and newsletters, the count, and the filters' choices. */
export async function loadMembersPage(
  deps: Pick<AppDeps, 'db'>,
  filter: Omit<MemberFilter, 'limit'>,
): Promise<MembersPage> {
  const [page, total, newsletters, sources] = await Promise.all([
    keysetPage(membersCursor, membersKeys, MEMBERS_PAGE_SIZE, (take) =>
      listMembers(deps.db, { ...filter, limit: take }),
    ),
    countMembers(deps.db, filter),
    listNewsletters(deps.db),
    memberSources(deps.db),
  ]);
  const subs = groupByReader(
    await subscriptionsOf(
      deps.db,
      page.items.map((r) => r.id),
    ),
  );
  return {
    items: page.items.map((r) => {
      const mine = subs.get(r.id) ?? [];
      return {
        ...r,
        status: memberStatus(r, mine),
        newsletters: mine.filter((s) => s.status === 'subscribed').map((s) => s.newsletter_name),
      };
    }),
    next: page.next,
    total,
    newsletters,
    sources,
  };
}

/** Subscriptions by reader id. */
export function groupByReader(subs: readonly MemberSubscription[]): Map<number, MemberSubscription[]> {
  const out = new Map<number, MemberSubscription[]>();
  for (const s of subs) {
    const list = out.get(s.reader_id);
    if (list) list.push(s);
    else out.set(s.reader_id, [s]);
  }
  return out;
}

/** One thing that happened to a member, with what the desk shows about it. */
export type HistoryEntry = { at: number } & (
  | { kind: 'signed-up'; source: string; detail: string }
  | { kind: 'imported'; source: string; sourceId: string }
  | { kind: 'confirmed' }
  | { kind: 'subscribed'; newsletter: string; source: string }
  | { kind: 'unsubscribed'; newsletter: string }
  | { kind: 'email-changed'; email: string }
  | { kind: 'bounced'; reason: string }
  | { kind: 'bounced-issue'; subject: string; error: string }
  | { kind: 'moderation'; action: string; note: string; by: string | null }
  | { kind: 'reported'; reason: string }
  | { kind: 'banned' }
  | { kind: 'erased' }
);

export interface MemberPage {
  reader: Reader;
  status: MemberStatus;
  subscriptions: MemberSubscription[];
  comments: MemberComment[];
  commentCount: number;
  history: HistoryEntry[];
}

/**
 * A member's page: their account, newsletters with the state of each, their latest comments and their history,
 * newest first. The history is what the tables remember: signing up (where), an import that made or matched
 * them, confirming the address, each newsletter choice (a choice made again keeps only its latest time), address
 * changes, bounces, moderation and erasure.
 */
export async function loadMember(deps: Pick<AppDeps, 'db'>, id: number): Promise<MemberPage> {
  const reader = await findReaderById(deps.db, id);
  if (!reader) throw notFound('member');
  const [subscriptions, comments, commentCount, traces, moderation] = await Promise.all([
    subscriptionsOf(deps.db, [id]),
    commentsOfMember(deps.db, id, MEMBER_PAGE_ITEMS),
    countCommentsOfMember(deps.db, id),
    memberTraces(deps.db, id, MEMBER_PAGE_ITEMS),
    moderationLog(deps.db, { readerId: id, after: null, limit: MEMBER_PAGE_ITEMS }),
  ]);
  const history: HistoryEntry[] = [
    { at: reader.created_at, kind: 'signed-up', source: reader.source, detail: reader.source_detail },
    ...traces.imports.map((i) => ({
      at: i.created_at,
      kind: 'imported' as const,
      source: i.source,
      sourceId: i.source_id,
    })),
    ...subscriptions.flatMap((s): HistoryEntry[] => [
      { at: s.created_at, kind: 'subscribed', newsletter: s.newsletter_name, source: s.source },
      ...(s.status === 'unsubscribed'
        ? [{ at: s.updated_at, kind: 'unsubscribed' as const, newsletter: s.newsletter_name }]
        : []),
    ]),
    ...traces.emailChanges.map((e) => ({
      at: e.used_at ?? 0,
      kind: 'email-changed' as const,
      email: e.new_email ?? '',
    })),
    ...traces.bounces.map((b) => ({
      at: b.updated_at,
      kind: 'bounced-issue' as const,
      subject: b.subject,
      error: b.last_error,
    })),
    // The log names the reader an action was about; a report names the reader who made it (no desk user).
    ...moderation.map(
      (m): HistoryEntry =>
        m.action === 'report' && m.user_id === null
          ? { at: m.created_at, kind: 'reported', reason: m.note }
          : { at: m.created_at, kind: 'moderation', action: m.action, note: m.note, by: m.user_name },
    ),
  ];
  if (reader.confirmed_at !== null) history.push({ at: reader.confirmed_at, kind: 'confirmed' });
  if (reader.bouncing_at !== null)
    history.push({ at: reader.bouncing_at, kind: 'bounced', reason: reader.bounce_reason });
  if (reader.comments_banned_at !== null && !moderation.some((m) => m.action === 'ban'))
    history.push({ at: reader.comments_banned_at, kind: 'banned' });
  if (reader.deleted_at !== null) history.push({ at: reader.deleted_at, kind: 'erased' });
  // Newest first; at one time, the order they happen in reversed (signing up is the oldest thing).
  const sorted = history
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.at - a.e.at || b.i - a.i)
    .map((x) => x.e);
  return {
    reader,
    status: memberStatus(reader, subscriptions),
    subscriptions,
    comments,
    commentCount,
    history: sorted.slice(0, MEMBER_PAGE_ITEMS * 2),
  };
}
