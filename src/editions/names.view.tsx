import type { Edition } from './edition.js';
import { CsrfField } from '../desk/desk-layout.js';
import { t as deskT } from '../desk/desk-words.js';

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
