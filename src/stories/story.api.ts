import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.deps.js';
import { parseInput } from '../lib/parse-input.js';
import { requireUser, userOf } from '../users/auth.middleware.js';
import { deskStoryDetail, storyPresence } from './story-desk.service.js';
import { diffRevisions, listRevisionsFor, restoreRevision } from './story-revision.service.js';
import { listQuery } from './story-list.query.js';
import { deskStoryList } from './story-list.service.js';
import { createDeskStory, deskStory, saveDeskStory, workingCopy } from './story-edit.service.js';
import { changeDeskStoryLanguage, translateStory } from './story-translate.service.js';
import { LanguageSchema, TranslateSchema } from './story.input.js';
import { deskBodyLimit, jsonBody, optionalJsonObject, parseWhen } from '../desk/desk.http.js';
import { idParam } from '../http/params.js';
import {
  addNote,
  approve,
  commentOn,
  listComments,
  publishNow,
  returnForChanges,
  scheduleAt,
  submitForReview,
  unpublish,
} from './story-workflow.service.js';

const SaveBody = z.object({ baseRevision: z.number().int().nonnegative(), story: z.unknown() });
const translationJson = (m: { id: number; language: string; headline: string; status: string; slug: string }) => ({
  id: m.id,
  language: m.language,
  headline: m.headline,
  slug: m.slug,
  status: m.status,
});
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** What a save or an action answers: the story's id, newest revision, time, slug and status. */
async function summary(deps: AppDeps, id: number, savedAt?: number) {
  const story = await deskStory(deps.db, id);
  const wc = await workingCopy(deps.db, story);
  return {
    id,
    revision: wc.revision,
    savedAt: savedAt ?? wc.at ?? story.updated_at,
    slug: wc.snapshot.slug,
    status: story.status,
    language: story.language,
    publishedAt: story.published_at,
  };
}

/**
 * The desk's JSON API (the editor script's and tests' way in). Every call needs a session and the
 * X-CSRF-Token header; every action asks the roles policy; errors are JSON with a stable code.
 */
export function deskStoryApi(app: Hono, deps: AppDeps): void {
  app.use('/desk/api/stories', requireUser(), deskBodyLimit());
  app.use('/desk/api/stories/*', requireUser(), deskBodyLimit());

  app.get('/desk/api/stories', async (c) => {
    const f = listQuery(c);
    const { items: page, next, bylines: authors, translations } = await deskStoryList(deps.db, f, 50);
    return c.json({
      items: page.map((r) => ({
        id: r.id,
        headline: r.headline,
        slug: r.slug,
        status: r.status,
        approved: r.approved_at !== null,
        language: r.language,
        sectionId: r.section_id,
        publishedAt: r.published_at,
        updatedAt: r.updated_at,
        authors: (authors.get(r.id) ?? []).map((a) => ({ id: a.id, name: a.name })),
        translations: (translations.get(r.id) ?? []).map(translationJson),
      })),
      next,
    });
  });

  app.post('/desk/api/stories', async (c) => {
    const body = obj(await jsonBody(c));
    const { story, revision } = await createDeskStory(deps, userOf(c), 'story' in body ? body.story : body);
    return c.json(
      { id: story.id, revision, savedAt: story.created_at, slug: story.slug, language: story.language },
      201,
    );
  });

  app.get('/desk/api/stories/:id', async (c) => {
    const { story, copy: wc, translations } = await deskStoryDetail(deps.db, idParam(c, 'story'));
    return c.json({
      id: story.id,
      status: story.status,
      language: story.language,
      /** The story its translation group started from (itself for the original); null when it has no translation. */
      translationOf: story.translation_group === story.id ? null : story.translation_group,
      translations: translations.map(translationJson),
      publishedAt: story.published_at,
      revision: wc.revision,
      savedBy: wc.by,
      savedAt: wc.at,
      story: wc.snapshot,
    });
  });

  app.post('/desk/api/stories/:id', async (c) => {
    const body = parseInput(SaveBody, await jsonBody(c));
    const r = await saveDeskStory(deps, userOf(c), idParam(c, 'story'), body.baseRevision, body.story);
    return c.json({
      id: r.story.id,
      revision: r.revision,
      savedAt: r.savedAt,
      slug: (await workingCopy(deps.db, r.story)).snapshot.slug,
    });
  });

  const action = (name: string, run: (c: Context, id: number, body: Record<string, unknown>) => Promise<unknown>) =>
    app.post(`/desk/api/stories/:id/${name}`, async (c) => {
      const id = idParam(c, 'story');
      await run(c, id, await optionalJsonObject(c));
      return c.json(await summary(deps, id));
    });
  action('submit', (c, id, b) => submitForReview(deps, userOf(c), id, b.note));
  action('approve', (c, id, b) => approve(deps, userOf(c), id, b.note));
  action('return', (c, id, b) => returnForChanges(deps, userOf(c), id, b.note));
  action('comments', (c, id, b) => commentOn(deps, userOf(c), id, b.body));
  action('publish', (c, id) => publishNow(deps, userOf(c), id));
  action('schedule', (c, id, b) => scheduleAt(deps, userOf(c), id, parseWhen(b.at, deps.config.timeZone)));
  action('unpublish', (c, id) => unpublish(deps, userOf(c), id));
  action('notes', (c, id, b) => addNote(deps, userOf(c), id, b.kind, b.body));
  action('language', (c, id, b) =>
    changeDeskStoryLanguage(deps, userOf(c), id, parseInput(LanguageSchema, b).language),
  );
  // "Translate this story": a linked draft in another language, copied from this one.
  app.post('/desk/api/stories/:id/translations', async (c) => {
    const { story, revision } = await translateStory(
      deps,
      userOf(c),
      idParam(c, 'story'),
      parseInput(TranslateSchema, await optionalJsonObject(c)),
    );
    return c.json(
      {
        id: story.id,
        revision,
        savedAt: story.created_at,
        slug: story.slug,
        language: story.language,
        translationOf: story.translation_group,
      },
      201,
    );
  });
  action('restore', (c, id, b) => restoreRevision(deps, userOf(c), id, Number(b.revision), Number(b.baseRevision)));

  app.get('/desk/api/stories/:id/comments', async (c) =>
    c.json({ items: await listComments(deps.db, (await deskStory(deps.db, idParam(c, 'story'))).id) }),
  );
  app.get('/desk/api/stories/:id/revisions', async (c) =>
    c.json({ items: await listRevisionsFor(deps.db, idParam(c, 'story')) }),
  );
  app.get('/desk/api/stories/:id/diff', async (c) =>
    c.json(await diffRevisions(deps.db, idParam(c, 'story'), Number(c.req.query('from')), Number(c.req.query('to')))),
  );

  app.post('/desk/api/stories/:id/presence', async (c) => {
    const others = await storyPresence(deps, idParam(c, 'story'), userOf(c));
    return c.json({ others: others.map((o) => ({ name: o.name, since: o.since })) });
  });
}
