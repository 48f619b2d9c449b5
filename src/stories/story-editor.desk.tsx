import type { Context, Hono } from 'hono';
import type { AppDeps } from '../app.deps.js';
import type { Story, User } from '../db/database.js';
import { emptyDocument } from '../document/document.schema.js';
import type { AppError } from '../http/errors.js';
import { withFormErrors } from '../http/form-errors.js';
import { csrfToken, requireUser, userOf } from '../users/auth.middleware.js';
import { can } from '../users/user.policy.js';
import { deskBodyLimit, parseWhen } from '../desk/desk.http.js';
import { idParam } from '../http/params.js';
import { parseInput } from '../lib/parse-input.js';
import { formFields, sendDeskPage } from '../desk/desk.render.js';
import { editorChoices, editorStoryData } from './story-editor.data.js';
import { changeDeskStoryLanguage, translateStory } from './story-translate.service.js';
import { type Snapshot, createDeskStory, deskStory, saveDeskStory, workingCopy } from './story-edit.service.js';
import { StoryEditorPage, type EditorPageProps } from './story-editor.view.js';
import { type PostedStory, readStoryForm } from './story-form.js';
import { NO_SEO } from './story-seo.js';
import { LanguageSchema, TranslateSchema } from './story.input.js';
import {
  addNote,
  approve,
  commentOn,
  publishNow,
  returnForChanges,
  scheduleAt,
  submitForReview,
  unpublish,
} from './story-workflow.service.js';

const DONE: Record<string, string> = {
  saved: 'Saved.',
  created: 'Story created.',
  submit: 'Submitted for review.',
  approve: 'Approved.',
  return: 'Returned to the writer with your comments.',
  publish: 'Published.',
  schedule: 'Scheduled.',
  unpublish: 'Unpublished: the story is off the site.',
  notes: 'Note added; readers see it on the story.',
  comments: 'Comment added.',
  restore: 'Revision restored as the newest version.',
  translation: 'Translation created: the source is beside it. Write it in its language, then save.',
  language: 'Language changed.',
  'reader-comments': 'Readers’ comments setting saved.',
};

/** The story editor pages and their no-JavaScript form posts, all through the same services as the JSON API. */
export function deskStoryEditorRoutes(app: Hono, deps: AppDeps): void {
  const render = async (
    c: Context,
    user: User,
    story: Story | null,
    extra: Partial<EditorPageProps> & { httpStatus?: number; kind?: 'page' } = {},
  ) => {
    const base = await editorChoices(deps);
    const now = deps.clock();
    let props: EditorPageProps;
    if (!story) {
      const snapshot: Snapshot = {
        headline: '',
        slug: '',
        dek: '',
        excerpt: '',
        body: emptyDocument(),
        heroImageId: null,
        heroCaption: '',
        heroCredit: '',
        heroAlt: '',
        sectionId: base.sections[0]?.id ?? 0,
        tagIds: [],
        authorIds: user.author_id ? [user.author_id] : [],
        translatorIds: [],
        // "New page" (src/pages) opens the same editor for a static page.
        kind: extra.kind ?? 'story',
        ...NO_SEO,
      };
      props = {
        user,
        csrf: csrfToken(c),
        tz: deps.config.timeZone,
        now,
        storyId: null,
        status: null,
        revision: 0,
        snapshot,
        publishedAt: null,
        approved: false,
        ...base,
        language: extra.language ?? base.editions[0]?.code ?? 'en',
        translations: null,
        comments: [],
        notes: [],
        pending: [],
        others: [],
        can: { edit: true, submit: false, review: false, publish: false, translate: false },
      };
    } else {
      const { wc, policy, comments, notes, pending, others, approved, translations } = await editorStoryData(
        deps,
        user,
        story,
        now,
      );
      props = {
        user,
        csrf: csrfToken(c),
        tz: deps.config.timeZone,
        now,
        storyId: story.id,
        status: story.status,
        revision: wc.revision,
        snapshot: wc.snapshot,
        publishedAt: story.published_at,
        approved,
        ...base,
        language: story.language,
        translations,
        comments,
        notes,
        pending,
        others,
        can: {
          edit: can(user, 'story.edit', policy),
          submit: can(user, 'story.submit', policy),
          review: can(user, 'story.review'),
          publish: can(user, 'story.publish'),
          translate: can(user, 'story.translate'),
        },
        readerComments: can(user, 'comments.moderate')
          ? { mode: story.comments, siteEnabled: (await deps.lookups.settings()).comments.enabled }
          : undefined,
      };
    }
    const { httpStatus = 200, kind: _kind, ...rest } = extra;
    return sendDeskPage(
      c,
      <StoryEditorPage {...props} {...rest} info={rest.info ?? DONE[c.req.query('done') ?? '']} />,
      httpStatus,
    );
  };

  /** A failed no-JS save shows the form again with what the writer typed and why it failed. */
  const renderFailed = async (c: Context, user: User, story: Story | null, posted: PostedStory, err: AppError) => {
    const snapshot = {
      ...(story ? (await workingCopy(deps.db, story)).snapshot : {}),
      ...(posted.input as Partial<Snapshot>),
    } as Snapshot;
    if (!snapshot.body || !Array.isArray(snapshot.body.blocks)) snapshot.body = emptyDocument();
    const revision = story ? (await workingCopy(deps.db, story)).revision : 0;
    const error =
      err.code === 'stale_revision'
        ? `${err.message} Your version is shown below; saving it now replaces theirs.`
        : err.message;
    return render(c, user, story, {
      httpStatus: err.status,
      error,
      snapshot,
      markdown: posted.markdown,
      revision,
      ...(posted.input.language ? { language: posted.input.language } : {}),
    });
  };

  app.use('/desk/stories/*', requireUser(), deskBodyLimit());
  app.use('/desk/stories', requireUser(), deskBodyLimit());

  app.get('/desk/stories/new', (c) =>
    render(c, userOf(c), null, c.req.query('kind') === 'page' ? { kind: 'page' } : {}),
  );

  app.post('/desk/stories', async (c) => {
    const user = userOf(c);
    let posted: PostedStory | undefined;
    return withFormErrors(
      async () => {
        posted = await readStoryForm(c);
        const { story } = await createDeskStory(deps, user, posted.input);
        return c.redirect(`/desk/stories/${story.id}/edit?done=created`, 303);
      },
      (err) =>
        posted
          ? renderFailed(c, user, null, posted, err)
          : render(c, user, null, { httpStatus: err.status, error: err.message }),
    );
  });

  app.get('/desk/stories/:id/edit', async (c) => render(c, userOf(c), await deskStory(deps.db, idParam(c, 'story'))));

  app.post('/desk/stories/:id', async (c) => {
    const user = userOf(c);
    const story = await deskStory(deps.db, idParam(c, 'story'));
    let posted: PostedStory | undefined;
    return withFormErrors(
      async () => {
        posted = await readStoryForm(c);
        await saveDeskStory(deps, user, story.id, posted.baseRevision, posted.input);
        return c.redirect(`/desk/stories/${story.id}/edit?done=saved`, 303);
      },
      async (err) =>
        posted
          ? renderFailed(c, user, await deskStory(deps.db, story.id), posted, err)
          : render(c, user, story, { httpStatus: err.status, error: err.message }),
    );
  });

  const action = (name: string, run: (user: User, id: number, f: Record<string, string>) => Promise<unknown>) =>
    app.post(`/desk/stories/:id/${name}`, async (c) => {
      const user = userOf(c);
      const story = await deskStory(deps.db, idParam(c, 'story'));
      const f = await formFields(c);
      // A refused action (policy, wrong state, bad input) shows the editor again with the reason.
      return withFormErrors(
        async () => {
          await run(user, story.id, f);
          return c.redirect(`/desk/stories/${story.id}/edit?done=${name}`, 303);
        },
        async (err) =>
          render(c, user, await deskStory(deps.db, story.id), { httpStatus: err.status, error: err.message }),
      );
    });
  action('submit', (u, id, f) => submitForReview(deps, u, id, f.note));
  action('approve', (u, id, f) => approve(deps, u, id, f.note));
  action('return', (u, id, f) => returnForChanges(deps, u, id, f.note));
  action('comments', (u, id, f) => commentOn(deps, u, id, f.body));
  action('publish', (u, id) => publishNow(deps, u, id));
  action('schedule', (u, id, f) => scheduleAt(deps, u, id, parseWhen(f.at, deps.config.timeZone)));
  action('unpublish', (u, id) => unpublish(deps, u, id));
  action('notes', (u, id, f) => addNote(deps, u, id, f.kind, f.body));
  action('language', (u, id, f) =>
    changeDeskStoryLanguage(deps, u, id, parseInput(LanguageSchema, { language: f.language }).language),
  );

  // "Translate this story": the new draft opens with the source beside it; a refusal shows the source's editor again.
  app.post('/desk/stories/:id/translate', async (c) => {
    const user = userOf(c);
    const source = await deskStory(deps.db, idParam(c, 'story'));
    const f = await formFields(c);
    return withFormErrors(
      async () => {
        const { story } = await translateStory(
          deps,
          user,
          source.id,
          parseInput(TranslateSchema, { language: f.language, headline: f.headline }),
        );
        return c.redirect(`/desk/stories/${story.id}/edit?done=translation`, 303);
      },
      async (err) =>
        render(c, user, await deskStory(deps.db, source.id), { httpStatus: err.status, error: err.message }),
    );
  });
}
