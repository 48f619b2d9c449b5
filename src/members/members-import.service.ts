import type { Insertable } from 'kysely';
import type { AppDeps } from '../app.deps.js';
import { analyzeAfterBulkLoad } from '../db/analyze.js';
import type { ImportMapTable, NewsletterSubscriptionTable, ReaderTable } from '../db/database.js';
import { badRequest } from '../http/errors.js';
import { getSettings } from '../settings/settings.repo.js';
import { insertImports, loadImportMap } from '../transfer/import.repo.js';
import { type ImportReport, count } from '../transfer/source.model.js';
import { type MemberSourceKind, type SourceMember, parseMembersCsv } from './members-import.parse.js';
import { insertReaderRows, insertSubscriptionRows, readersByEmail, readersWithChoice } from './members.repo.js';
import { listNewsletters } from '../newsletters/newsletter.repo.js';

export interface MembersImportOptions {
  /** The platform that wrote the file; found from its first line when not given. */
  kind?: MemberSourceKind;
  /** The newsletter the source's "gets our emails" becomes a choice for; null imports the readers only. */
  newsletterId: number | null;
  /** The file's name, kept as where the imported readers came from. */
  fileName?: string;
}

type Deps = Pick<AppDeps, 'db' | 'database' | 'clock' | 'events'>;

/**
 * Imports a members CSV (Ghost or Mailchimp) as readers and their choice for one newsletter, in ONE transaction,
 * with the story importers' report and idempotence: each member the source had is remembered in import_map (by
 * the source's id), so importing the same file again changes nothing. A member whose address is already a reader
 * here keeps their account as it is (a choice for the newsletter is added only when they have none: a reader who
 * left it here stays out). A reader is confirmed only when the source says they opted in; a reader who erased
 * their account here is not brought back. Publishes `readers.imported` when anything came in.
 */
export async function importMembers(deps: Deps, text: string, opts: MembersImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const parsed = parseMembersCsv(text, opts.kind);
  const { report, source } = parsed;
  const newsletters = await listNewsletters(deps.db);
  const newsletter = opts.newsletterId === null ? null : newsletters.find((n) => n.id === opts.newsletterId);
  if (newsletter === undefined) throw badRequest('Choose one of the newsletters to import the members into.');
  const now = deps.clock();
  const origin = `import:${source}`;
  const detail = (opts.fileName ?? '').slice(0, 200);

  await deps.db.transaction().execute(async (tx) => {
    const map = (await loadImportMap(tx, source)).reader;
    const { editions } = await getSettings(tx);
    const language = newsletter?.language || editions[0]!.code;
    const fresh = parsed.members.filter((m) => {
      if (!map.has(m.sourceId)) return true;
      count(report.skipped, 'member', 'already imported');
      return false;
    });
    const existing = await readersByEmail(
      tx,
      fresh.map((m) => m.email),
    );
    const notAhead = (t: number | null, what: string) => {
      if (t === null || t <= now) return t;
      count(report.adapted, 'member', `${what} in the future, set to the import time`);
      return now;
    };

    const newRows: Insertable<ReaderTable>[] = [];
    const matched: { member: SourceMember; readerId: number }[] = [];
    const created: SourceMember[] = [];
    for (const m of fresh) {
      const found = existing.get(m.email);
      if (found?.deleted_at !== null && found?.deleted_at !== undefined) {
        count(report.skipped, 'member', 'erased their account here: not brought back');
        continue;
      }
      if (found) {
        matched.push({ member: m, readerId: found.id });
        continue;
      }
      const joined = notAhead(m.joinedAt, 'sign-up time') ?? now;
      const bounced = m.bounced ? (notAhead(m.bounced.at, 'cleaned time') ?? now) : null;
      newRows.push({
        email: m.email,
        name: m.name,
        language,
        source: origin,
        source_detail: detail,
        confirmed_at: notAhead(m.optedInAt, 'opt-in time'),
        bouncing_at: bounced,
        bounce_reason: bounced === null ? '' : `cleaned in ${source === 'mailchimp' ? 'Mailchimp' : 'Ghost'}`,
        comments_banned_at: null,
        created_at: joined,
        updated_at: now,
        deleted_at: null,
      });
      created.push(m);
    }
    const ids = await insertReaderRows(tx, newRows);
    if (newRows.length) report.imported.member = newRows.length;

    // The newsletter choices: every new reader the source gives one for, and matched readers who have none here.
    const subs: Insertable<NewsletterSubscriptionTable>[] = [];
    const choice = (m: SourceMember, readerId: number, joined: number) => {
      if (!m.subscription) return;
      if (!newsletter) {
        count(report.skipped, 'subscription', 'no newsletter chosen to import into');
        return;
      }
      if (m.subscription.status === 'subscribed' && m.optedInAt === null)
        count(report.adapted, 'subscription', 'subscribed without an opt-in the source records: not confirmed here');
      const at = Math.max(joined, notAhead(m.subscription.at, 'subscription time') ?? joined);
      subs.push({
        reader_id: readerId,
        newsletter_id: newsletter.id,
        status: m.subscription.status,
        source: origin,
        created_at: joined,
        updated_at: at,
      });
    };
    for (const [i, m] of created.entries()) choice(m, ids.get(m.email)!, Number(newRows[i]!.created_at));
    const choosing = newsletter
      ? await readersWithChoice(
          tx,
          newsletter.id,
          matched.map((x) => x.readerId),
        )
      : new Set<number>();
    for (const { member, readerId } of matched) {
      if (newsletter && member.subscription && !choosing.has(readerId)) {
        count(report.adapted, 'member', 'already a reader here: account kept as it is, newsletter choice added');
        choice(member, readerId, now);
      } else count(report.adapted, 'member', 'already a reader here: kept as they are');
    }
    const added = await insertSubscriptionRows(tx, subs);
    if (added) report.imported.subscription = added;

    const maps: Insertable<ImportMapTable>[] = [
      ...created.map((m) => ({
        source,
        kind: 'reader',
        source_id: m.sourceId,
        target_id: ids.get(m.email)!,
        created_at: now,
      })),
      ...matched.map(({ member, readerId }) => ({
        source,
        kind: 'reader',
        source_id: member.sourceId,
        target_id: readerId,
        created_at: now,
      })),
    ];
    await insertImports(tx, maps, [], report);
  });
  // Fresh planner statistics after a bulk load (PostgreSQL), as a site import does.
  if (report.imported.member) await analyzeAfterBulkLoad(deps);
  report.ms = Math.round(performance.now() - started);
  // One event for the whole import (as a site import publishes one): no page shows readers, nothing is purged.
  if (Object.keys(report.imported).length) deps.events.publish({ type: 'readers.imported', id: 0, actor: origin });
  return report;
}
