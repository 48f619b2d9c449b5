import type { Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import type { Author, Section } from '../db/database.js';
import { formatTime } from '../ui/time.js';
import { csrfToken, requireCan, requireUser, userOf } from '../users/auth.middleware.js';
import { DeskLayout, Notice, TableHead } from '../desk/desk-layout.js';
import { sendDeskPage } from '../desk/desk.render.js';
import { listQuery } from './story-list.query.js';
import type { DeskListRow } from './story-list.repo.js';
import { deskStoryListPage, reviewQueue } from './story-list.service.js';
import type { TranslationMember } from './story-translation.repo.js';
import type { Edition } from '../editions/edition.js';
import { badRequest } from '../http/errors.js';
import { can } from '../users/user.policy.js';
import { t as dt } from '../desk/desk-words.js';

/** Desk list page size. */
export const DESK_PAGE_SIZE = 30;

const STATUS_LABEL: Record<string, string> = {
  draft: 'Draft',
  review: 'In review',
  scheduled: 'Scheduled',
  published: 'Published',
};

/** One filter of the list: a labelled select with "Any" first. */
function FilterSelect(props: {
  id: string;
  label: string;
  name: string;
  selected: string | undefined;
  options: [string, string][];
}) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        <option value="">Any</option>
        {props.options.map(([value, text]) => (
          <option value={value} selected={props.selected === value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A story's language, and each of its translations with its status, linked to its editor. */
function LanguageCell(props: { language: string; translations: TranslationMember[]; editions: Edition[] }) {
  const known = (code: string) => props.editions.find((e) => e.code === code)?.name ?? code;
  return (
    <td>
      <span title={known(props.language)}>{props.language}</span>
      {props.translations.length > 0 && (
        <ul class="translations">
          {props.translations.map((m) => (
            <li data-language={m.language}>
              <a href={`/desk/stories/${m.id}/edit`} title={m.headline}>
                {m.language}
              </a>{' '}
              <span class={`status status-${m.status}`}>{STATUS_LABEL[m.status]}</span>
            </li>
          ))}
        </ul>
      )}
    </td>
  );
}

function StoryTable(props: {
  rows: DeskListRow[];
  authors: Map<number, Author[]>;
  sections: Map<number, Section>;
  tz: string;
  /** Shown (with a language column) when the newsroom has more than one edition. */
  editions: Edition[];
  translations: Map<number, TranslationMember[]>;
}) {
  if (props.rows.length === 0) return <p>No stories match.</p>;
  const languages = props.editions.length > 1;
  return (
    <table>
      <TableHead
        columns={
          languages
            ? ['Headline', 'Status', 'Language and translations', 'Section', 'Bylines', 'Updated']
            : ['Headline', 'Status', 'Section', 'Bylines', 'Updated']
        }
      />
      <tbody>
        {props.rows.map((r) => (
          <tr data-story-id={String(r.id)}>
            <td>
              <a href={`/desk/stories/${r.id}/edit`}>{r.headline}</a>
              {r.kind === 'page' && <span class="hint"> · {dt('desk.stories.page')}</span>}
            </td>
            <td>
              <span class={`status status-${r.status}`}>{STATUS_LABEL[r.status]}</span>
              {r.status === 'review' &&
                (r.approved_at !== null ? (
                  <span class="status status-published"> · approved</span>
                ) : (
                  <span class="status status-review"> · awaiting approval</span>
                ))}
              {r.status === 'scheduled' && r.published_at !== null && (
                <div class="muted">{formatTime(r.published_at, props.tz, 'short')}</div>
              )}
            </td>
            {languages && (
              <LanguageCell
                language={r.language}
                translations={props.translations.get(r.id) ?? []}
                editions={props.editions}
              />
            )}
            <td>{props.sections.get(r.section_id)?.name ?? ''}</td>
            <td>{(props.authors.get(r.id) ?? []).map((a) => a.name).join(', ')}</td>
            <td>{formatTime(r.updated_at, props.tz, 'short')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The story list (filters, search, keyset paging) and the editors' review queue. */
export function deskStoryListRoutes(app: Hono, deps: AppDeps): void {
  app.get('/desk/stories', requireUser(), async (c) => {
    const f = listQuery(c);
    const { editions } = await deps.lookups.settings();
    if (f.untranslatedInto && !editions.some((e) => e.code === f.untranslatedInto))
      throw badRequest('Choose one of the newsroom’s editions to see what needs translating into it.');
    const [{ items: page, next, bylines, translations, authors }, sections] = await Promise.all([
      deskStoryListPage(deps.db, f, DESK_PAGE_SIZE),
      deps.lookups.sections(),
    ]);
    const nextParams = new URLSearchParams(
      Object.entries({
        status: f.raw.status ?? '',
        kind: f.raw.kind ?? '',
        section: f.raw.section ?? '',
        author: f.raw.author ?? '',
        language: f.raw.language ?? '',
        missing: f.raw.missing ?? '',
        q: f.raw.q ?? '',
      }).filter(([, v]) => v),
    );
    const languageOptions = editions.map((e): [string, string] => [e.code, `${e.name} (${e.code})`]);
    const missingName = editions.find((e) => e.code === f.untranslatedInto)?.name;
    if (next) nextParams.set('before', next);
    const user = userOf(c);
    // The desk's "Pages" (src/pages): the same list, of static pages only.
    const title = f.kind === 'page' ? 'Pages' : 'Stories';
    return sendDeskPage(
      c,
      <DeskLayout title={title} csrf={csrfToken(c)} user={user}>
        <h1>{title}</h1>
        {f.kind === 'page' && (
          <p class="muted">
            About, Contact, Privacy and the like: written like stories, at their own address (/about), never listed as
            news. {can(user, 'pages.manage') && <a href="/desk/stories/new?kind=page">New page</a>}
          </p>
        )}
        {c.req.query('done') === 'deleted' && <Notice kind="ok">Story deleted.</Notice>}
        {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form is what every screen reader announces. */}
        <form method="get" action="/desk/stories" class="filters" role="search">
          <div>
            <label for="f-q">Headline</label>
            <input type="search" id="f-q" name="q" value={f.raw.q ?? ''} maxlength={200} />
          </div>
          <FilterSelect
            id="f-status"
            label="Status"
            name="status"
            selected={f.status}
            options={Object.entries(STATUS_LABEL)}
          />
          <FilterSelect
            id="f-kind"
            label="Kind"
            name="kind"
            selected={f.raw.kind}
            options={[
              ['story', 'Stories'],
              ['liveblog', 'Live blogs'],
              ['page', 'Pages'],
            ]}
          />
          <FilterSelect
            id="f-section"
            label="Section"
            name="section"
            selected={f.raw.section}
            options={sections.map((s) => [String(s.id), s.name])}
          />
          <FilterSelect
            id="f-author"
            label="Byline"
            name="author"
            selected={f.raw.author}
            options={authors.map((a) => [String(a.id), a.name])}
          />
          {editions.length > 1 && (
            <>
              <FilterSelect
                id="f-language"
                label="Language"
                name="language"
                selected={f.raw.language}
                options={languageOptions}
              />
              <FilterSelect
                id="f-missing"
                label="Needs translation into"
                name="missing"
                selected={f.raw.missing}
                options={languageOptions}
              />
            </>
          )}
          <div>
            <button type="submit">Filter</button>
          </div>
        </form>
        {missingName && (
          <p class="muted" id="needs-translation">
            Published stories with no translation in {missingName} yet, newest first.
          </p>
        )}
        <StoryTable
          rows={page}
          authors={bylines}
          sections={new Map(sections.map((s) => [s.id, s]))}
          tz={deps.config.timeZone}
          editions={editions}
          translations={translations}
        />
        {nextParams.has('before') && (
          <p>
            <a href={`/desk/stories?${nextParams}`} rel="next">
              Older stories
            </a>
          </p>
        )}
      </DeskLayout>,
    );
  });

  app.get('/desk/review', requireCan('review.queue'), async (c) => {
    const [{ items: rows, bylines, translations }, sections, { editions }] = await Promise.all([
      reviewQueue(deps.db),
      deps.lookups.sections(),
      deps.lookups.settings(),
    ]);
    return sendDeskPage(
      c,
      <DeskLayout title="Review queue" csrf={csrfToken(c)} user={userOf(c)}>
        <h1>Review queue</h1>
        <p class="muted">
          Stories submitted for review, newest first. Open one to approve it, return it with comments, or publish it.
        </p>
        <StoryTable
          rows={rows}
          authors={bylines}
          sections={new Map(sections.map((s) => [s.id, s]))}
          tz={deps.config.timeZone}
          editions={editions}
          translations={translations}
        />
      </DeskLayout>,
    );
  });
}
