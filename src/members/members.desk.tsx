import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import { sendDeskPage } from '../desk/desk.render.js';
import { parseWhen } from '../desk/desk.http.js';
import { t } from '../desk/desk-words.js';
import { AppError, badRequest } from '../http/errors.js';
import { withFormErrors } from '../http/form-errors.js';
import { formBody, presentValues } from '../http/input.js';
import { idParam } from '../http/params.js';
import { parseInput } from '../lib/parse-input.js';
import { formatReport } from '../transfer/import.report.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { membersCsvStream } from './members.csv.js';
import { importMembers } from './members-import.service.js';
import { MembersImportForm, MembersQuery } from './members.input.js';
import { membersCursor } from './members.cursor.js';
import type { MemberFilter } from './members.repo.js';
import { loadMember, loadMembersPage } from './members.service.js';
import {
  MEMBERS_BASE,
  MemberDetailPage,
  MembersImportPage,
  MembersListPage,
  type RawMembersQuery,
} from './members.view.js';
import { allNewsletters } from '../newsletters/newsletter.service.js';

/** The largest members file the desk takes (about 100,000 Mailchimp rows); the command line takes any. */
const IMPORT_MAX_BYTES = 16 * 1024 * 1024;

/** The day after a YYYY-MM-DD date, written the same way. */
const nextDay = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

/** The list's filters from the query string (the export reads the same ones); anything malformed is a 400. */
function membersFilter(c: Context, timeZone: string): { filter: Omit<MemberFilter, 'limit'>; raw: RawMembersQuery } {
  const v = parseInput(MembersQuery, presentValues(c.req.query()), 'filter');
  // A day of the newsroom's calendar: from its first moment up to the first moment of the next.
  const from = v.from ? parseWhen(`${v.from}T00:00`, timeZone) : undefined;
  const to = v.to ? parseWhen(`${nextDay(v.to)}T00:00`, timeZone) : undefined;
  if (from !== undefined && to !== undefined && from >= to)
    throw badRequest('The first sign-up date must come before the last one.');
  const { before, ...raw } = v;
  return {
    filter: {
      q: v.q?.trim() || undefined,
      newsletterId: v.newsletter ? Number(v.newsletter) : undefined,
      status: v.status,
      source: v.source,
      from,
      to,
      before: membersCursor.decode(before),
    },
    raw,
  };
}

/**
 * The desk's members: the list with its filters (members.view: editors and up), a member's page, the filtered
 * list as a CSV download and the import of another platform's members CSV (members.export, members.import:
 * owners and admins). Authors and contributors see no reader's personal data.
 */
export function deskMemberRoutes(app: Hono, deps: AppDeps): void {
  const tz = deps.config.timeZone;

  app.get(MEMBERS_BASE, requireCan('members.view'), async (c) => {
    const { filter, raw } = membersFilter(c, tz);
    const page = await loadMembersPage(deps, filter);
    return sendDeskPage(c, <MembersListPage user={userOf(c)} csrf={csrfToken(c)} tz={tz} raw={raw} page={page} />);
  });

  app.get(`${MEMBERS_BASE}/export.csv`, requireCan('members.export'), (c) => {
    const { filter } = membersFilter(c, tz);
    const user = userOf(c);
    const { before: _, ...all } = filter;
    const body = membersCsvStream(deps, all, (rows) =>
      // Who took members' personal data out, and how much: the operator's log keeps it.
      deps.log({ msg: 'members exported', user: user.id, email: user.email, rows }),
    );
    const day = new Date(deps.clock()).toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="members-${day}.csv"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  });

  const importPage = async (
    c: Context,
    extra: { report?: string; error?: string; chosen?: { newsletter?: string; format?: string } } = {},
    status = 200,
  ) =>
    sendDeskPage(
      c,
      <MembersImportPage user={userOf(c)} csrf={csrfToken(c)} newsletters={await allNewsletters(deps)} {...extra} />,
      status,
    );

  app.get(`${MEMBERS_BASE}/import`, requireCan('members.import'), (c) => importPage(c));

  app.post(`${MEMBERS_BASE}/import`, requireCan('members.import'), async (c) => {
    let chosen: { newsletter?: string; format?: string } = {};
    return withFormErrors(
      async () => {
        const body = await formBody(c);
        const first = (k: string) => (Array.isArray(body[k]) ? body[k][0] : body[k]);
        const text = (k: string) => {
          const v = first(k);
          return typeof v === 'string' ? v : undefined;
        };
        chosen = { newsletter: text('newsletter'), format: text('format') };
        const form = parseInput(MembersImportForm, presentValues(chosen));
        const file = first('file');
        if (!(file instanceof File) || file.size === 0) throw badRequest(t('desk.members.import.noFile'));
        if (file.size > IMPORT_MAX_BYTES)
          throw new AppError(413, 'too_large', t('desk.members.import.tooLarge', { mb: IMPORT_MAX_BYTES / 1048576 }));
        const report = await importMembers(deps, await file.text(), {
          kind: form.format === 'auto' ? undefined : form.format,
          newsletterId: form.newsletter === 'none' ? null : Number(form.newsletter),
          fileName: file.name,
        });
        deps.log({ msg: 'members imported', user: userOf(c).id, source: report.source, ...report.imported });
        return importPage(c, { report: formatReport(report), chosen });
      },
      (err) => importPage(c, { error: err.message, chosen }, err.status),
    );
  });

  app.get(`${MEMBERS_BASE}/:id`, requireCan('members.view'), async (c) => {
    const member = await loadMember(deps, idParam(c, 'member'));
    return sendDeskPage(c, <MemberDetailPage user={userOf(c)} csrf={csrfToken(c)} tz={tz} member={member} />);
  });
}
