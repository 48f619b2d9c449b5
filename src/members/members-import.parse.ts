import { parse } from 'csv-parse/sync';
import { ReaderEmail } from '../readers/reader.email.js';
import { badSource } from '../transfer/import.errors.js';
import { type ImportReport, count, emptyReport } from '../transfer/source.model.js';

/**
 * Members lists of other platforms, read into one shape before anything touches the database: a Ghost members
 * export (Members → Export) and a Mailchimp audience export (the subscribed, unsubscribed and cleaned files).
 * What Broadsheet keeps: the address, the name, when they joined, whether they opted in (and so are confirmed),
 * whether they get the newsletter, and a bouncing address. Every other column is counted in the report as not
 * carried over, with the reason.
 */

export type MemberSourceKind = 'ghost' | 'mailchimp';

/** One member as the source gave them; `sourceId` is what makes a second import of the same file a no-op. */
export interface SourceMember {
  sourceId: string;
  /** Lower-cased, checked. */
  email: string;
  name: string;
  /** When they joined the source's list (epoch ms), or null when it does not say. */
  joinedAt: number | null;
  /** When they opted in (confirmed their address), or null when the source does not say they did. */
  optedInAt: number | null;
  /** Their choice for the target newsletter, and when they made it (null: the source does not say). */
  subscription: { status: 'subscribed' | 'unsubscribed'; at: number | null } | null;
  /** The source stopped mailing the address because it bounced (when, if it says). */
  bounced: { at: number | null } | null;
}

export interface SourceMembers {
  source: MemberSourceKind;
  members: SourceMember[];
  report: ImportReport;
}

/** Longest name kept (longer ones are cut and counted). */
const NAME_MAX = 120;
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const GHOST_KEPT = ['id', 'email', 'name', 'subscribed_to_emails', 'created_at', 'deleted_at'];
const GHOST_LEFT: Record<string, string> = {
  note: 'Broadsheet keeps no private notes on members',
  labels: 'Broadsheet has no member labels',
  complimentary_plan: 'paid memberships are not in Broadsheet yet',
  stripe_customer_id: 'paid memberships are not in Broadsheet yet',
  tiers: 'paid memberships are not in Broadsheet yet',
};

const MAILCHIMP_KEPT = [
  'email address',
  'first name',
  'last name',
  'optin_time',
  'confirm_time',
  'unsub_time',
  'clean_time',
  'leid',
];
const MAILCHIMP_LEFT: Record<string, string> = {
  member_rating: 'Broadsheet keeps no engagement ratings',
  optin_ip: 'sign-up IP addresses are not kept',
  confirm_ip: 'sign-up IP addresses are not kept',
  latitude: 'members’ locations are not kept',
  longitude: 'members’ locations are not kept',
  gmtoff: 'members’ locations are not kept',
  dstoff: 'members’ locations are not kept',
  timezone: 'members’ locations are not kept',
  cc: 'members’ locations are not kept',
  region: 'members’ locations are not kept',
  last_changed: 'Broadsheet records its own changes',
  euid: 'Mailchimp’s own ids are not kept (LEID is used to recognise a member again)',
  notes: 'Broadsheet keeps no private notes on members',
  tags: 'Broadsheet has no member tags',
  unsub_campaign_title: 'only the time of an unsubscribe is kept',
  unsub_campaign_id: 'only the time of an unsubscribe is kept',
  unsub_reason: 'only the time of an unsubscribe is kept',
  unsub_reason_other: 'only the time of an unsubscribe is kept',
  clean_campaign_title: 'only the time a bouncing address was cleaned is kept',
  clean_campaign_id: 'only the time a bouncing address was cleaned is kept',
};

/** Which platform wrote a file, from its first line; null when neither did. */
export function detectFormat(columns: readonly string[]): MemberSourceKind | null {
  const names = new Set(columns.map((c) => c.trim().toLowerCase()));
  if (names.has('email address')) return 'mailchimp';
  if (names.has('email') && (names.has('subscribed_to_emails') || names.has('id'))) return 'ghost';
  return null;
}

/** A time as the source writes it: Ghost's ISO 8601, Mailchimp's "YYYY-MM-DD HH:MM:SS" (UTC); null when empty. */
function readTime(value: string | undefined): number | 'bad' | null {
  const v = (value ?? '').trim();
  if (!v) return null;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(v) ? `${v.replace(' ', 'T')}Z` : v;
  if (!/^\d{4}-\d{2}-\d{2}/.test(iso)) return 'bad';
  const t = Date.parse(iso);
  return Number.isNaN(t) || t < 0 ? 'bad' : t;
}

/** Reads a CSV file's text into rows of lower-cased column name → value. */
function readRows(text: string, what: string): { columns: string[]; rows: Record<string, string>[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false });
  } catch (e) {
    throw badSource(what, `the file is not valid CSV (${(e as Error).message})`);
  }
  const [head, ...body] = records;
  if (!head) throw badSource(what, 'the file is empty');
  const columns = head.map((c) => c.trim());
  const keys = columns.map((c) => c.toLowerCase());
  return {
    columns,
    rows: body.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? '']))),
  };
}

/**
 * Reads a members CSV of the given platform (or the one its first line names). A file of neither kind, or one
 * without an address column, is refused with what was found.
 */
export function parseMembersCsv(text: string, kind?: MemberSourceKind): SourceMembers {
  const what = 'Members CSV';
  const { columns, rows } = readRows(text, what);
  const found = detectFormat(columns);
  const source = kind ?? found;
  if (!source)
    throw badSource(
      what,
      `this is neither a Ghost members export nor a Mailchimp audience export (its columns are ${columns
        .slice(0, 8)
        .map((c) => JSON.stringify(c))
        .join(', ')}${columns.length > 8 ? ', …' : ''})`,
    );
  if (kind && found !== kind)
    throw badSource(
      what,
      `this is not a ${kind === 'ghost' ? 'Ghost members' : 'Mailchimp audience'} export ` +
        `(${found ? `it looks like a ${found === 'ghost' ? 'Ghost' : 'Mailchimp'} one` : 'its columns are not'})`,
    );
  const report = emptyReport(`${source} members`);
  const keys = new Set(columns.map((c) => c.toLowerCase()));
  const kept = new Set(source === 'ghost' ? GHOST_KEPT : MAILCHIMP_KEPT);
  const left = source === 'ghost' ? GHOST_LEFT : MAILCHIMP_LEFT;
  // Columns Broadsheet has no place for: counted per column over the rows that fill them.
  for (const key of keys) {
    if (kept.has(key)) continue;
    const n = rows.filter((r) => (r[key] ?? '').trim() !== '').length;
    const name = columns.find((c) => c.toLowerCase() === key)!;
    if (n) count(report.skipped, `column "${name}"`, left[key] ?? 'Broadsheet has no place for it', n);
  }

  const seen = new Set<string>();
  const members: SourceMember[] = [];
  const time = (row: Record<string, string>, col: string, label: string) => {
    const t = readTime(row[col]);
    if (t !== 'bad') return t;
    count(report.adapted, 'member', `${label} could not be read: left out`);
    return null;
  };
  for (const row of rows) {
    const email = clean(row[source === 'ghost' ? 'email' : 'email address'] ?? '').toLowerCase();
    if (!email) {
      count(report.skipped, 'member', 'no email address');
      continue;
    }
    if (!ReaderEmail.safeParse(email).success) {
      count(report.skipped, 'member', 'not a valid email address');
      continue;
    }
    if (seen.has(email)) {
      count(report.skipped, 'member', 'the same address again in the file');
      continue;
    }
    seen.add(email);
    const rawName =
      source === 'ghost' ? (row.name ?? '') : `${row['first name'] ?? ''} ${row['last name'] ?? ''}`.trim();
    let name = clean(rawName);
    if (name !== rawName.trim()) count(report.adapted, 'member', 'control characters removed from the name');
    if (name.length > NAME_MAX) {
      name = name.slice(0, NAME_MAX);
      count(report.adapted, 'member', `name longer than ${NAME_MAX} characters: shortened`);
    }
    if (source === 'ghost') {
      if ((row.deleted_at ?? '').trim()) {
        count(report.skipped, 'member', 'deleted in Ghost');
        continue;
      }
      const joinedAt = time(row, 'created_at', 'sign-up time');
      const flag = (row.subscribed_to_emails ?? '').trim().toLowerCase();
      const subscribed = flag === 'true' || flag === '1' || flag === 'yes';
      members.push({
        sourceId: clean(row.id ?? '') || `email:${email}`,
        email,
        name,
        joinedAt,
        // Ghost writes no confirmation time: a member who gets its emails opted in when they joined.
        optedInAt: subscribed ? joinedAt : null,
        subscription: flag ? { status: subscribed ? 'subscribed' : 'unsubscribed', at: joinedAt } : null,
        bounced: null,
      });
    } else {
      const optin = time(row, 'optin_time', 'opt-in time');
      const confirmed = time(row, 'confirm_time', 'confirmation time');
      const unsub = keys.has('unsub_time') ? time(row, 'unsub_time', 'unsubscribe time') : null;
      const cleaned = keys.has('clean_time') ? time(row, 'clean_time', 'cleaned time') : null;
      const left = keys.has('unsub_time');
      members.push({
        sourceId: clean(row.leid ?? '') ? `leid:${clean(row.leid!)}` : `email:${email}`,
        email,
        name,
        joinedAt: optin ?? confirmed,
        // Mailchimp writes CONFIRM_TIME when an address was confirmed (double opt-in) or signed up itself.
        optedInAt: confirmed,
        subscription: left
          ? { status: 'unsubscribed', at: unsub ?? confirmed ?? optin }
          : { status: 'subscribed', at: confirmed ?? optin },
        bounced: keys.has('clean_time') ? { at: cleaned } : null,
      });
    }
  }
  return { source, members, report };
}

/** Text without control characters (a NUL cannot be stored, the others are never meant), trimmed. */
const clean = (s: string) => s.replace(CONTROLS, '').trim();
