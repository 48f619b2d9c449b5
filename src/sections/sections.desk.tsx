import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import type { Section } from '../db/database.js';
import { DeskLayout, Notice } from '../desk/desk-layout.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import type { Edition } from '../editions/edition.js';
import { LanguageNamesSchema, namesFromForm } from '../editions/names.input.js';
import { NamesForm, type WordsByLanguage } from '../editions/names.view.js';
import { t } from '../desk/desk-words.js';
import { withFormErrors } from '../http/form-errors.js';
import { idParam } from '../http/params.js';
import { parseInput } from '../lib/parse-input.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { type SectionWords, allSectionWords, listSections } from './section.repo.js';
import { setSectionNames } from './section.service.js';

const BASE = '/desk/sections';

/** A section's words in each edition: the primary's are the section's own, the others' where written. */
function wordsOf(s: Section, editions: readonly Edition[], written: ReadonlyMap<string, SectionWords> | undefined) {
  const out = new Map<string, SectionWords>(written);
  if (editions[0]) out.set(editions[0].code, { name: s.name, description: s.description });
  return out as WordsByLanguage;
}

function SectionsPage(p: {
  c: Context;
  sections: Section[];
  editions: readonly Edition[];
  words: Map<number, Map<string, SectionWords>>;
  saved?: string;
  failed?: { id: number; message: string; values: Record<string, string> };
}) {
  const csrf = csrfToken(p.c);
  return (
    <DeskLayout title={t('names.sections.title')} csrf={csrf} user={userOf(p.c)}>
      <h1>{t('names.sections.title')}</h1>
      <p>{t('names.sections.intro')}</p>
      {p.saved && <Notice kind="ok">{t('names.saved', { name: p.saved })}</Notice>}
      {p.failed && <Notice kind="error">{p.failed.message}</Notice>}
      {p.sections.length === 0 && <p class="hint">{t('names.sections.none')}</p>}
      {p.sections.map((s) => (
        <NamesForm
          action={`${BASE}/${s.id}`}
          csrf={csrf}
          id={`section-${s.id}`}
          label={`/sections/${s.slug}`}
          editions={p.editions}
          words={wordsOf(s, p.editions, p.words.get(s.id))}
          values={p.failed?.id === s.id ? p.failed.values : undefined}
        />
      ))}
    </DeskLayout>
  );
}

/** `/desk/sections`: editors and up name each section, and describe it, in every edition's language. */
export function deskSectionRoutes(app: Hono, deps: AppDeps): void {
  app.use(BASE, requireCan('names.manage'));
  app.use(`${BASE}/*`, requireCan('names.manage'));

  const page = async (
    c: Context,
    extra: { saved?: string; failed?: { id: number; message: string; values: Record<string, string> } },
    status = 200,
  ) => {
    const [sections, words, settings] = await Promise.all([
      listSections(deps.db),
      allSectionWords(deps.db),
      deps.lookups.settings(),
    ]);
    return sendDeskPage(
      c,
      <SectionsPage c={c} sections={sections} editions={settings.editions} words={words} {...extra} />,
      status,
    );
  };

  app.get(BASE, async (c) => {
    const id = Number(c.req.query('saved'));
    const saved = Number.isSafeInteger(id) ? (await listSections(deps.db)).find((s) => s.id === id) : undefined;
    return page(c, { saved: saved?.name });
  });

  app.post(`${BASE}/:id`, async (c) => {
    const id = idParam(c, 'section');
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        const { editions } = await deps.lookups.settings();
        const names = parseInput(
          LanguageNamesSchema,
          namesFromForm(
            f,
            editions.map((e) => e.code),
          ),
        );
        await setSectionNames(deps, id, names, `user:${userOf(c).id}`);
        return c.redirect(`${BASE}?saved=${id}#section-${id}`, 303);
      },
      (err) => page(c, { failed: { id, message: err.message, values: f } }, err.status),
    );
  });
}
