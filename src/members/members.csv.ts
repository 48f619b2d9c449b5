import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { AppDeps } from '../app.deps.js';
import { isoTime } from '../lib/iso-date.js';
import { type MemberFilter, listMembers, memberStatus, membersKeys, subscriptionsOf } from './members.repo.js';

/** Members read per query while the file streams out. */
const CHUNK = 500;

/** The export's columns, in order (its first line). */
export const EXPORT_COLUMNS = [
  'email',
  'name',
  'status',
  'newsletters',
  'unsubscribed_from',
  'signed_up_at',
  'confirmed_at',
  'bouncing_since',
  'source',
  'source_detail',
  'language',
] as const;

/**
 * A cell a spreadsheet will not run: text starting with = + - @ (or a tab or carriage return, which some read
 * past) is a formula to Excel, LibreOffice and Google Sheets, so it is written with a leading apostrophe, which
 * they show as text (OWASP's advice for CSV injection). A name like "=HYPERLINK(…)" reads as itself.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const time = (ms: number | null) => (ms === null ? '' : isoTime(ms));

/**
 * The filtered members list as CSV, streamed: pages of the same keyset query the desk list uses, written as they
 * are read (the whole list is never in memory), with backpressure from the client.
 */
export function membersCsvStream(
  deps: Pick<AppDeps, 'db'>,
  filter: Omit<MemberFilter, 'before' | 'limit'>,
  onDone: (rows: number) => void,
): ReadableStream<Uint8Array> {
  const csv = stringify({ header: true, columns: [...EXPORT_COLUMNS], bom: true });
  const write = (row: Record<string, string>) =>
    new Promise<void>((resolve) => (csv.write(row) ? resolve() : csv.once('drain', resolve)));
  void (async () => {
    let before: MemberFilter['before'] = null;
    let rows = 0;
    for (;;) {
      const page = await listMembers(deps.db, { ...filter, before, limit: CHUNK });
      if (!page.length) break;
      const subs = await subscriptionsOf(
        deps.db,
        page.map((r) => r.id),
      );
      for (const r of page) {
        const mine = subs.filter((s) => s.reader_id === r.id);
        const names = (status: string) =>
          mine
            .filter((s) => s.status === status)
            .map((s) => s.newsletter_name)
            .join('; ');
        const cells: Record<(typeof EXPORT_COLUMNS)[number], string> = {
          email: r.email,
          name: r.name,
          status: memberStatus(r, mine),
          newsletters: names('subscribed'),
          unsubscribed_from: names('unsubscribed'),
          signed_up_at: time(r.created_at),
          confirmed_at: time(r.confirmed_at),
          bouncing_since: time(r.bouncing_at),
          source: r.source,
          source_detail: r.source_detail,
          language: r.language,
        };
        await write(Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, spreadsheetSafe(v)])));
        rows++;
      }
      if (page.length < CHUNK) break;
      before = membersKeys(page[page.length - 1]!);
    }
    csv.end();
    onDone(rows);
  })().catch((e: unknown) => csv.destroy(e as Error));
  return Readable.toWeb(csv) as ReadableStream<Uint8Array>;
}
