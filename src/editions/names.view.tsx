import type { Child } from 'hono/jsx';
import type { Edition } from './edition.js';
import { CsrfField, DeskLayout, Notice } from '../desk/desk-layout.js';
import { t as deskT } from '../desk/desk-words.js';
import type { User } from '../db/database.js';

/** A section's or tag's words in each language: the primary's from the base row, the others' where written. */
export type WordsByLanguage = ReadonlyMap<string, { name: string; description: string }>;

/**
 * One row of the desk's names pages: a section or tag with a name and a description field for every edition
 * (`name.<code>`, `description.<code>`), the primary's first and required, saved with one button.
 */
export function NamesForm(props: {
  action: string;
  csrf: string;
  /** What the form edits, as the desk names it (e.g. the slug). */
  label: string;
  id: string;
  editions: readonly Edition[];
  words: WordsByLanguage;
  /** What was typed, shown again after a refusal. */
  values?: Record<string, string>;
}) {
  const t = deskT;
  const v = props.values;
  return (
    <form method="post" action={props.action} class="stack names-form" id={props.id}>
      <CsrfField token={props.csrf} />
      <h2>{props.label}</h2>
      {props.editions.map((e, i) => {
        const w = props.words.get(e.code);
        const field = (name: string) => `${name}.${e.code}`;
        return (
          <fieldset lang={e.code}>
            <legend>
              {e.name} <span class="hint">{i === 0 ? t('names.primary') : t('names.fallback')}</span>
            </legend>
            <div>
              <label for={`${props.id}-${field('name')}`}>{t('names.name')}</label>
              <input
                type="text"
                id={`${props.id}-${field('name')}`}
                name={field('name')}
                maxlength={80}
                required={i === 0}
                value={v?.[field('name')] ?? w?.name ?? ''}
              />
            </div>
            <div>
              <label for={`${props.id}-${field('description')}`}>{t('names.description')}</label>
              <textarea id={`${props.id}-${field('description')}`} name={field('description')} maxlength={500} rows={2}>
                {v?.[field('description')] ?? w?.description ?? ''}
              </textarea>
            </div>
          </fieldset>
        );
      })}
      <div>
        <button type="submit">{t('names.save')}</button>
      </div>
    </form>
  );
}

/** A section's or tag's words in each edition: the primary's are the row's own, the others' where written. */
export function wordsWithPrimary(
  row: { name: string; description: string },
  editions: readonly Edition[],
  written: WordsByLanguage | undefined,
): WordsByLanguage {
  const out = new Map(written);
  if (editions[0]) out.set(editions[0].code, { name: row.name, description: row.description });
  return out;
}

/** A row of a names page that was refused: its id, why, and what was typed. */
export interface RefusedNames {
  id: number;
  message: string;
  values: Record<string, string>;
}

/** The desk page that names every section (or tag) in every edition: one NamesForm per row. */
export function NamesPage(p: {
  title: string;
  intro: string;
  none: string;
  /** The page's path; each row posts to `<base>/<id>`. */
  base: string;
  /** The anchor prefix of a row ("section", "tag"). */
  kind: string;
  rows: readonly { id: number; slug: string; name: string; description: string }[];
  words: ReadonlyMap<number, WordsByLanguage>;
  editions: readonly Edition[];
  csrf: string;
  user: User;
  saved?: string;
  failed?: RefusedNames;
  children?: Child;
}) {
  return (
    <DeskLayout title={p.title} csrf={p.csrf} user={p.user}>
      <h1>{p.title}</h1>
      <p>{p.intro}</p>
      {p.saved && <Notice kind="ok">{deskT('names.saved', { name: p.saved })}</Notice>}
      {p.failed && <Notice kind="error">{p.failed.message}</Notice>}
      {p.rows.length === 0 && <p class="hint">{p.none}</p>}
      {p.rows.map((r) => (
        <NamesForm
          action={`${p.base}/${r.id}`}
          csrf={p.csrf}
          id={`${p.kind}-${r.id}`}
          label={`/${p.kind}s/${r.slug}`}
          editions={p.editions}
          words={wordsWithPrimary(r, p.editions, p.words.get(r.id))}
          values={p.failed?.id === r.id ? p.failed.values : undefined}
        />
      ))}
      {p.children}
    </DeskLayout>
  );
}
