import { stringify } from 'csv-stringify/sync';
import type { AppDeps } from '../app.deps.js';
import { isoTime } from '../lib/iso-date.js';
import { memberStatus } from './member.status.js';
import { membersKeys } from './members.cursor.js';
import { type MemberFilter, listMembers, subscriptionsOf } from './members.repo.js';
import { groupByReader } from './members.service.js';

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
 * The filtered members list as CSV, streamed: pages of the same keyset query the desk list uses, each written as
 * it is read (the whole list is never in memory) when the client asks for more (the stream's pull), so a slow
 * download holds the reading back. `onDone` hears how many rows went out.
 */
export function membersCsvStream(
  deps: Pick<AppDeps, 'db'>,
  filter: Omit<MemberFilter, 'before' | 'limit'>,
  onDone: (rows: number) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: MemberFilter['before'] = null;
  let rows = 0;
  let last = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        // A BOM, so spreadsheets read the file as UTF-8; then the header line.
        controller.enqueue(encoder.encode(`\uFEFF${stringify([[...EXPORT_COLUMNS]])}`));
      },
      async pull(controller) {
        if (last) return;
        const page = await listMembers(deps.db, { ...filter, before, limit: CHUNK });
        const subs = groupByReader(
          await subscriptionsOf(
            deps.db,
            page.map((r) => r.id),
          ),
        );
        const lines = page.map((r) => {
          const mine = subs.get(r.id) ?? [];
          const names = (status: string) =>
            mine
              .filter((s) => s.status === status)
              .map((s) => s.newsletter_name)
              .join('; ');
          return [
            r.email,
            r.name,
            memberStatus(r, mine),
            names('subscribed'),
            names('unsubscribed'),
            time(r.created_at),
            time(r.confirmed_at),
            time(r.bouncing_at),
            r.source,
            r.source_detail,
            r.language,
          ].map(spreadsheetSafe);
        });
        if (lines.length) controller.enqueue(encoder.encode(stringify(lines)));
        rows += lines.length;
        if (page.length < CHUNK) {
          last = true;
          controller.close();
          onDone(rows);
        } else before = membersKeys(page[page.length - 1]!);
      },
    },
    // One page read ahead at most.
    { highWaterMark: 1 },
  );
}
