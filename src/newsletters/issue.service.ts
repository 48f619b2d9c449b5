import type { CoreDeps } from '../core.deps.js';
import type { NewsletterIssue, NewsletterIssueKind, NewsletterIssueStatus, User } from '../db/database.js';
import { badRequest, conflict, notFound } from '../http/errors.js';
import { type KeysetPage, keysetPage } from '../lib/cursor.js';
import { listPublished, storyById } from '../stories/story.repo.js';
import { editionOf } from '../editions/edition.js';
import { wallClock } from '../lib/zoned-time.js';
import type { Lookups } from '../cache/lookups.js';
import type { Config } from '../config.js';
import { assertCan } from '../users/user.policy.js';
import type { DigestValues } from './newsletter.input.js';
import { digestNewsletters, newsletterById } from './newsletter.repo.js';
import {
  deliveryCounts,
  insertIssue,
  issueByDedupeKey,
  issueById,
  issueListCursor,
  issueListKeys,
  lastDigestAt,
  listIssues,
  updateIssueIf,
} from './issue.repo.js';

type Deps = Pick<CoreDeps, 'db' | 'events' | 'clock'>;

/** What the desk shows of an issue. */
export interface IssueView {
  id: number;
  newsletterId: number;
  kind: NewsletterIssueKind;
  storyId: number | null;
  storyIds: number[];
  subject: string;
  intro: string;
  status: NewsletterIssueStatus;
  /** When it goes (scheduled); null for a story issue that waits for its story to go live. */
  sendAt: number | null;
  recipients: number;
  createdAt: number;
  sentAt: number | null;
  lastError: string;
  /** Made by the machine (a daily digest), not by an editor. */
  automatic: boolean;
}

export const presentIssue = (i: NewsletterIssue): IssueView => ({
  id: i.id,
  newsletterId: i.newsletter_id,
  kind: i.kind,
  storyId: i.story_id,
  storyIds: i.kind === 'story' && i.story_id !== null ? [i.story_id] : (JSON.parse(i.story_ids) as number[]),
  subject: i.subject,
  intro: i.intro,
  status: i.status,
  sendAt: i.send_at,
  recipients: i.recipients,
  createdAt: i.created_at,
  sentAt: i.sent_at,
  lastError: i.last_error,
  automatic: (i.dedupe_key ?? '').startsWith('digest:'),
});

const actorOf = (user: User) => `user:${user.id}`;
const changed = (deps: Deps, id: number, actor: string) =>
  deps.events.publish({ type: 'newsletter.issue.updated', id, actor });

async function openNewsletter(deps: Pick<Deps, 'db'>, id: number) {
  const n = await newsletterById(deps.db, id);
  if (!n || n.archived_at !== null) throw notFound('newsletter');
  return n;
}

/** One issue, or a 404. */
export async function getIssue(deps: Pick<Deps, 'db'>, id: number): Promise<NewsletterIssue> {
  const issue = await issueById(deps.db, id);
  if (!issue) throw notFound('newsletter issue');
  return issue;
}

/** A digest an editor composes: saved as a draft to preview, test and then send or schedule. */
export async function createDigest(deps: Deps, user: User, v: DigestValues): Promise<IssueView> {
  assertCan(user, 'newsletters.send', undefined, 'Only editors can write newsletter issues.');
  await openNewsletter(deps, v.newsletterId);
  await assertPublished(deps, v.storyIds);
  const now = deps.clock();
  const issue = await insertIssue(deps.db, {
    newsletter_id: v.newsletterId,
    kind: 'digest',
    story_ids: JSON.stringify(v.storyIds),
    subject: v.subject,
    intro: v.intro,
    status: 'draft',
    created_by: user.id,
    created_at: now,
    updated_at: now,
    dedupe_key: null,
  });
  changed(deps, issue!.id, actorOf(user));
  return presentIssue(issue!);
}

/** Changes a draft digest's subject, intro and stories. */
export async function updateDigest(deps: Deps, user: User, id: number, v: DigestValues): Promise<IssueView> {
  assertCan(user, 'newsletters.send', undefined, 'Only editors can write newsletter issues.');
  const issue = await getIssue(deps, id);
  if (issue.kind !== 'digest') throw conflict('Only a digest has stories to choose.');
  await assertPublished(deps, v.storyIds);
  const updated = await updateIssueIf(deps.db, id, ['draft'], {
    subject: v.subject,
    intro: v.intro,
    story_ids: JSON.stringify(v.storyIds),
    updated_at: deps.clock(),
  });
  if (!updated) throw conflict('This issue is no longer a draft: it was sent or scheduled.');
  changed(deps, id, actorOf(user));
  return presentIssue(updated);
}

async function assertPublished(deps: Pick<Deps, 'db'>, storyIds: readonly number[]) {
  for (const id of storyIds) {
    const s = await storyById(deps.db, id);
    if (s?.status !== 'published') throw badRequest(`Story ${id} is not published: only live stories go out.`);
  }
}

/**
 * Sends a draft now or schedules it (`at` in the future); a scheduled one may be moved. The job runner's pass
 * (newsletter.jobs.ts) starts it when it is due.
 */
export async function scheduleIssue(deps: Deps, user: User, id: number, at: number | 'now'): Promise<IssueView> {
  assertCan(user, 'newsletters.send', undefined, 'Only editors can send newsletters.');
  const now = deps.clock();
  if (at !== 'now' && at < now - 60_000) throw badRequest('Choose a time in the future, or send it now.');
  const issue = await getIssue(deps, id);
  await openNewsletter(deps, issue.newsletter_id);
  const updated = await updateIssueIf(deps.db, id, ['draft', 'scheduled'], {
    status: 'scheduled',
    send_at: at === 'now' ? now : at,
    updated_at: now,
  });
  if (!updated) throw conflict('This issue is already being sent, was sent, or was cancelled.');
  changed(deps, id, actorOf(user));
  return presentIssue(updated);
}

/** Cancels a draft or a scheduled issue (one being sent goes on: its readers are already getting it). */
export async function cancelIssue(deps: Deps, user: User, id: number): Promise<IssueView> {
  assertCan(user, 'newsletters.send', undefined, 'Only editors can cancel newsletters.');
  const updated = await updateIssueIf(deps.db, id, ['draft', 'scheduled'], {
    status: 'cancelled',
    updated_at: deps.clock(),
  });
  if (!updated) throw conflict('Only a draft or a scheduled issue can be cancelled; this one is going or gone.');
  changed(deps, id, actorOf(user));
  return presentIssue(updated);
}

/**
 * Sends a story to newsletters by email when it goes live: published now, at its scheduled time, or whenever it
 * is published later. One issue per story and newsletter (a second ask for the same pair is the same issue).
 * Resolves with the issues.
 */
export async function sendStoryToNewsletters(
  deps: Deps,
  user: User,
  storyId: number,
  newsletterIds: readonly number[],
): Promise<IssueView[]> {
  if (newsletterIds.length === 0) return [];
  assertCan(user, 'newsletters.send', undefined, 'Only editors can send stories to newsletters.');
  const story = await storyById(deps.db, storyId);
  if (!story) throw notFound('story');
  const now = deps.clock();
  const out: IssueView[] = [];
  for (const newsletterId of new Set(newsletterIds)) {
    await openNewsletter(deps, newsletterId);
    const key = `story:${storyId}:${newsletterId}`;
    const made = await insertIssue(deps.db, {
      newsletter_id: newsletterId,
      kind: 'story',
      story_id: storyId,
      subject: story.headline,
      status: 'scheduled',
      send_at: null,
      created_by: user.id,
      created_at: now,
      updated_at: now,
      dedupe_key: key,
    });
    // Asked before: the same issue; cancelled then, it waits for the story again.
    const issue =
      made ??
      (await updateIssueIf(deps.db, (await issueByDedupeKey(deps.db, key))?.id ?? 0, ['cancelled'], {
        status: 'scheduled',
        send_at: null,
        updated_at: now,
      })) ??
      (await issueByDedupeKey(deps.db, key));
    if (issue) {
      changed(deps, issue.id, actorOf(user));
      out.push(presentIssue(issue));
    }
  }
  return out;
}

/** A page of issues, newest first, of one newsletter or all. */
export async function pageIssues(
  deps: Pick<Deps, 'db'>,
  f: { newsletterId?: number; cursor?: string; limit?: number },
): Promise<KeysetPage<IssueView>> {
  const before = issueListCursor.decode(f.cursor);
  const page = await keysetPage(issueListCursor, issueListKeys, f.limit ?? 30, (take) =>
    listIssues(deps.db, { newsletterId: f.newsletterId, before, limit: take }),
  );
  return { items: page.items.map(presentIssue), next: page.next };
}

/** How an issue's sending stands: deliveries by status, and opens and clicks when counted. */
export async function issueProgress(deps: Pick<Deps, 'db'>, id: number) {
  return deliveryCounts(deps.db, id);
}

/** How many hours after its hour a daily digest may still go out (a process that was down at 07:00). */
export const DIGEST_CATCH_UP_HOURS = 3;
/** Stories a daily digest holds at most. */
const DIGEST_MAX_STORIES = 12;

/**
 * Makes each newsletter's automatic daily digest when its hour has come in the newsroom's time zone: the
 * stories published (in its language) since its last one, newest first, due at once. One per newsletter and
 * local day, whichever process gets there first (the issue's dedupe key); a day with no new story gets a
 * cancelled issue that says so, for the desk. Resolves with the digests made to be sent.
 */
export async function makeDailyDigests(
  deps: Deps & { lookups: Pick<Lookups, 'settings'>; config: Pick<Config, 'timeZone'> },
): Promise<number[]> {
  const now = deps.clock();
  const { date, hour } = wallClock(now, deps.config.timeZone);
  const made: number[] = [];
  for (const n of await digestNewsletters(deps.db)) {
    const at = n.digest_hour as number;
    if (hour < at || hour >= at + DIGEST_CATCH_UP_HOURS) continue;
    const key = `digest:${n.id}:${date}`;
    if (await issueByDedupeKey(deps.db, key)) continue;
    // Since the last digest (a week at most), or the last day for the first one.
    const last = await lastDigestAt(deps.db, n.id);
    const since = last === null ? now - 86400_000 : Math.max(last, now - 7 * 86400_000);
    const stories = await listPublished(deps.db, {
      ...(n.language ? { language: n.language } : {}),
      since,
      limit: DIGEST_MAX_STORIES,
    });
    const { editions } = await deps.lookups.settings();
    const edition = editionOf(editions, n.language || editions[0]!.code);
    const day = new Intl.DateTimeFormat(edition.locale, {
      timeZone: deps.config.timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(now);
    const issue = await insertIssue(deps.db, {
      newsletter_id: n.id,
      kind: 'digest',
      story_ids: JSON.stringify(stories.map((st) => st.id)),
      subject: `${n.name}: ${day}`,
      status: stories.length ? 'scheduled' : 'cancelled',
      send_at: now,
      last_error: stories.length ? '' : 'No story was published since the last digest: nothing to send.',
      created_at: now,
      updated_at: now,
      dedupe_key: key,
    });
    if (!issue) continue;
    changed(deps, issue.id, 'system');
    if (issue.status === 'scheduled') made.push(issue.id);
  }
  return made;
}
