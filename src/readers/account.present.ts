import type { Reader } from '../db/database.js';
import type { readerDataRows } from './account.repo.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * "Download my data": everything held about a reader, field by field (a new column joins only when listed here).
 * Session tokens, link tokens and internal ids of other people are never included.
 */
export function presentReaderData(
  reader: Reader,
  rows: Awaited<ReturnType<typeof readerDataRows>>,
  site: { name: string; url: string },
  now: number,
) {
  return {
    exported_at: iso(now),
    newsroom: site,
    account: {
      email: reader.email,
      name: reader.name,
      comment_name: reader.comment_name,
      language: reader.language,
      signed_up_at: iso(reader.created_at),
      signed_up_from: reader.source,
      signed_up_on: reader.source_detail,
      confirmed_at: iso(reader.confirmed_at),
      bouncing_since: iso(reader.bouncing_at),
      banned_from_comments_at: iso(reader.comments_banned_at),
    },
    newsletters: rows.subscriptions.map((s) => ({
      newsletter: s.name,
      status: s.status,
      source: s.source,
      since: iso(s.created_at),
      changed_at: iso(s.updated_at),
    })),
    comments: rows.comments.map((c) => ({
      id: c.id,
      story: c.headline,
      story_url: `${site.url.replace(/\/$/, '')}/stories/${c.slug}`,
      reply_to: c.parent_id,
      text: c.body,
      status: c.status,
      written_at: iso(c.created_at),
    })),
    reports: rows.reports.map((r) => ({ comment: r.comment_id, reason: r.reason, reported_at: iso(r.created_at) })),
    sessions: rows.sessions.map((s) => ({
      browser: s.user_agent,
      signed_in_at: iso(s.created_at),
      last_used_at: iso(s.last_seen_at),
      ended_at: iso(s.revoked_at),
    })),
  };
}
