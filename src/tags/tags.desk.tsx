import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import type { Tag } from '../db/database.js';
import { DeskLayout, Notice } from '../desk/desk-layout.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import type { Edition } from '../editions/edition.js';
import { LanguageNamesSchema, namesFromForm } from '../editions/names.input.js';
import { NamesForm, type WordsByLanguage } from '../editions/names.view.js';
import { t } from '../desk/desk-words.js';
import { withFormErrors } from '../http/form-errors.js';
import { idParam } from '../http/params.js';
import { keysetPage } from '../lib/cursor.js';
import { parseInput } from '../lib/parse-input.js';
import { csrfToken, requireCan, userOf } from '../users/auth.middleware.js';
import { type TagWords, tagById, tagListCursor, tagWordsOf, tagsAfter } from './tag.repo.js';
import { setTagNames } from './tag.service.js';

const BASE = '/desk/tags';
/** Tags on one page of the list. */
const PAGE = 50;

type Failed = { id: number; message: string; values: Record<string, string> };

/** A tag's words in each edition: the primary's are the tag's own, the others' where written. */
function wordsOf(tag: Tag, editions: readonly Edition[], written: ReadonlyMap<string, TagWords> | undefined) {
  const out = new Map<string, TagWords>(written);
  if (editions[0]) out.set(editions[0].code, { name: tag.name, description: tag.description });
  return out as WordsByLanguage;
}

function TagsPage(p: {
  c: Context;
  tags: Tag[];
  next: string | null;
  editions: readonly Edition[];
  words: Map<number, Map<string, TagWords>>;
  saved?: string;
  failed?: Failed;
}) {
  const csrf = csrfToken(p.c);
  return (
    <DeskLayout title={t('names.tags.title')} csrf={csrf} user={userOf(p.c)}>
      <h1>{t('names.tags.title')}</h1>
      <p>{t('names.tags.intro')}</p>
      {p.saved && <Notice kind="ok">{t('names.saved', { name: p.saved })}</Notice>}
      {p.failed && <Notice kind="error">{p.failed.message}</Notice>}
      {p.tags.length === 0 && <p class="hint">{t('names.tags.none')}</p>}
      {p.tags.map((tag) => (
        <NamesForm
          action={`${BASE}/${tag.id}`}
          csrf={csrf}
          id={`tag-${tag.id}`}
          label={`/tags/${tag.slug}`}
          editions={p.editions}
          words={wordsOf(tag, p.editions, p.words.get(tag.id))}
          values={p.failed?.id === tag.id ? p.failed.values : undefined}
        />
      ))}
      {p.next && (
        <p>
          <a href={`${BASE}?after=${encodeURIComponent(p.next)}`}>{t('names.tags.more')}</a>
        </p>
      )}
    </DeskLayout>
  );
}

/** `/desk/tags`: editors and up name each tag, and describe it, in every edition's language; keyset-paged by id. */
export function deskTagRoutes(app: Hono, deps: AppDeps): void {
  app.use(BASE, requireCan('names.manage'));
  app.use(`${BASE}/*`, requireCan('names.manage'));

  const page = async (
    c: Context,
    after: string | undefined,
    extra: { saved?: string; failed?: Failed },
    status = 200,
  ) => {
    const afterId = tagListCursor.decode(after)?.id ?? 0;
    const { items, next } = await keysetPage(
      tagListCursor,
      (r: Tag) => ({ id: r.id }),
      PAGE,
      (take) => tagsAfter(deps.db, afterId, take),
    );
    const [words, settings] = await Promise.all([
      tagWordsOf(
        deps.db,
        items.map((x) => x.id),
      ),
      deps.lookups.settings(),
    ]);
    return sendDeskPage(
      c,
      <TagsPage c={c} tags={items} next={next} editions={settings.editions} words={words} {...extra} />,
      status,
    );
  };

  app.get(BASE, async (c) => {
    const id = Number(c.req.query('saved'));
    const saved = Number.isSafeInteger(id) && id > 0 ? await tagById(deps.db, id) : undefined;
    return page(c, c.req.query('after'), { saved: saved?.name });
  });

  app.post(`${BASE}/:id`, async (c) => {
    const id = idParam(c, 'tag');
    const f = await formFields(c);
    // Shown again on the page it is on: the tags from just before it.
    const here = id > 1 ? tagListCursor.encode({ id: id - 1 }) : undefined;
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
        await setTagNames(deps, id, names, `user:${userOf(c).id}`);
        return c.redirect(`${BASE}?saved=${id}${here ? `&after=${encodeURIComponent(here)}` : ''}#tag-${id}`, 303);
      },
      (err) => page(c, here, { failed: { id, message: err.message, values: f } }, err.status),
    );
  });
}
