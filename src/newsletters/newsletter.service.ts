import type { CoreDeps } from '../core.deps.js';
import type { Newsletter } from '../db/database.js';
import { violatesUnique } from '../db/unique-violation.js';
import { conflict, notFound } from '../http/errors.js';
import { slugify } from '../stories/slug.js';
import type { KeysetPage } from '../lib/cursor.js';
import { type IssueView, pageIssues } from './issue.service.js';
import type { NewsletterValues } from './newsletter.input.js';
import { bouncingReaders, subscriberCounts } from './subscription.repo.js';
import {
  insertNewsletter,
  listNewsletters,
  newsletterById,
  newsletterBySlug,
  updateNewsletterRow,
} from './newsletter.repo.js';

type Deps = Pick<CoreDeps, 'db' | 'events' | 'clock'>;

/** What the desk and the site show of a newsletter, field by field. */
export interface NewsletterView {
  id: number;
  slug: string;
  name: string;
  description: string;
  senderName: string;
  senderEmail: string;
  replyTo: string;
  language: string;
  defaultOn: boolean;
  visible: boolean;
  digestHour: number | null;
  position: number;
}

export const presentNewsletter = (n: Newsletter): NewsletterView => ({
  id: n.id,
  slug: n.slug,
  name: n.name,
  description: n.description,
  senderName: n.sender_name,
  senderEmail: n.sender_email,
  replyTo: n.reply_to,
  language: n.language,
  defaultOn: n.default_on === 1,
  visible: n.visible === 1,
  digestHour: n.digest_hour,
  position: n.position,
});

const row = (v: NewsletterValues) => ({
  name: v.name,
  description: v.description,
  sender_name: v.senderName,
  sender_email: v.senderEmail,
  reply_to: v.replyTo,
  language: v.language,
  default_on: v.defaultOn ? 1 : 0,
  visible: v.visible ? 1 : 0,
  digest_hour: v.digestHour,
  position: v.position,
});

const SLUG_TAKEN = 'Another newsletter has that address (slug). Choose another one.';
const slugTaken = (err: unknown) => violatesUnique(err, 'newsletters', 'newsletters_slug_key', ['slug']);

/** Defines a newsletter; its slug is the one given or made from the name. Emits `newsletter.updated`. */
export async function createNewsletter(deps: Deps, v: NewsletterValues, actor: string): Promise<NewsletterView> {
  const slug = v.slug || slugify(v.name, 60);
  if (await newsletterBySlug(deps.db, slug)) throw conflict(SLUG_TAKEN);
  const now = deps.clock();
  try {
    const created = await insertNewsletter(deps.db, { ...row(v), slug, created_at: now, updated_at: now });
    deps.events.publish({ type: 'newsletter.updated', id: created.id, actor });
    return presentNewsletter(created);
  } catch (err) {
    if (slugTaken(err)) throw conflict(SLUG_TAKEN);
    throw err;
  }
}

/** Changes a newsletter's definition. Emits `newsletter.updated`. */
export async function updateNewsletter(
  deps: Deps,
  id: number,
  v: NewsletterValues,
  actor: string,
): Promise<NewsletterView> {
  const current = await newsletterById(deps.db, id);
  if (!current || current.archived_at !== null) throw notFound('newsletter');
  const slug = v.slug || current.slug;
  const other = slug === current.slug ? undefined : await newsletterBySlug(deps.db, slug);
  if (other) throw conflict(SLUG_TAKEN);
  try {
    const updated = await updateNewsletterRow(deps.db, id, { ...row(v), slug, updated_at: deps.clock() });
    deps.events.publish({ type: 'newsletter.updated', id, actor });
    return presentNewsletter(updated!);
  } catch (err) {
    if (slugTaken(err)) throw conflict(SLUG_TAKEN);
    throw err;
  }
}

/**
 * Archives a newsletter: it leaves the forms and the desk's lists, nothing more is sent on it, and its readers'
 * choices and past issues are kept (an export carries them). Emits `newsletter.updated`.
 */
export async function archiveNewsletter(deps: Deps, id: number, actor: string): Promise<void> {
  const now = deps.clock();
  const done = await updateNewsletterRow(deps.db, id, { archived_at: now, updated_at: now });
  if (!done) throw notFound('newsletter');
  deps.events.publish({ type: 'newsletter.updated', id, actor });
}

/** One newsletter that is not archived, or a 404. */
export async function getNewsletter(deps: Pick<Deps, 'db'>, id: number): Promise<NewsletterView> {
  const n = await newsletterById(deps.db, id);
  if (!n || n.archived_at !== null) throw notFound('newsletter');
  return presentNewsletter(n);
}

/** Every newsletter not archived, in order. */
export async function allNewsletters(deps: Pick<Deps, 'db'>): Promise<NewsletterView[]> {
  return (await listNewsletters(deps.db)).map(presentNewsletter);
}

/** What the desk's newsletters page shows: the newsletters, their subscribers, the newest issues, bouncing readers. */
export interface NewslettersOverview {
  newsletters: NewsletterView[];
  /** Subscribed and bouncing readers, by newsletter id. */
  counts: Map<number, { subscribed: number; bouncing: number }>;
  issues: KeysetPage<IssueView>;
  bouncing: { id: number; email: string; reason: string; at: number }[];
}

/** The desk's newsletters page: every newsletter with its counts, the newest issues and the bouncing readers. */
export async function newslettersOverview(
  deps: Pick<Deps, 'db'>,
  limits: { issues: number; bouncing: number },
): Promise<NewslettersOverview> {
  const [newsletters, counts, issues, bouncing] = await Promise.all([
    allNewsletters(deps),
    subscriberCounts(deps.db),
    pageIssues(deps, { limit: limits.issues }),
    bouncingReaders(deps.db, limits.bouncing),
  ]);
  return { newsletters, counts, issues, bouncing };
}
