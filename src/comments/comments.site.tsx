import type { Context } from 'hono';
import { cacheFor } from '../cache/cache.middleware.js';
import { cacheKeys as K } from '../cache/cache.keys.js';
import type { Story } from '../db/database.js';
import { type Edition, editionOf } from '../editions/edition.js';
import { AppError, notFound } from '../http/errors.js';
import { withFormErrors } from '../http/form-errors.js';
import { formBody } from '../http/input.js';
import { idParam } from '../http/params.js';
import { slugParam } from '../http/query.js';
import type { RouteModule } from '../http/route-module.js';
import { sendBytes, utf8Bytes } from '../http/body.js';
import { translator } from '../i18n/catalogue.js';
import type { Translate } from '../i18n/catalogue.types.js';
import { parseInput } from '../lib/parse-input.js';
import { readerFromRequest } from '../readers/reader-session.cookie.js';
import { storyUrl } from '../stories/story.url.js';
import { loadChrome } from '../ui/chrome.js';
import { Layout } from '../ui/layout.js';
import { sendPage } from '../ui/render.js';
import { COMMENT_MAX_CHARS, COMMENT_MAX_LINKS, PostCommentSchema, ReportSchema } from './comment.input.js';
import { commentedStoryBySlug, commentedStoryOf, loadStoryComments } from './comment.data.js';
import { commentPaths } from './comment.paths.js';
import { presentComment } from './comment.present.js';
import { commentCursor } from './comment.cursor.js';
import { commentsCloseAt, commentsState, postComment, reportComment } from './comment.service.js';
import { CommentItem, type CommentWords, CommentsSection } from './comments.view.js';

type Notice = { kind: 'ok' | 'error'; text: string };

/** The confirmations the comments page shows after a post without JavaScript (`?notice=`): the same for everyone. */
const NOTICES = { posted: 'comments.posted', held: 'comments.held', reported: 'comments.reported' } as const;

/** A refusal in the edition's words, by its code; one the catalogue has no words for gets the general ones. */
function refusalText(t: Translate, err: AppError): string {
  switch (err.code) {
    case 'comment_too_long':
      return t('comments.error.comment_too_long', { max: COMMENT_MAX_CHARS });
    case 'comment_too_many_links':
      return t('comments.error.comment_too_many_links', { max: COMMENT_MAX_LINKS });
    case 'unauthenticated':
      return t('comments.error.sign_in');
    case 'comments_off':
    case 'comments_closed':
    case 'comments_banned':
    case 'reader_deleted':
    case 'comment_rate_limited':
    case 'report_rate_limited':
    case 'comment_empty':
    case 'reply_not_found':
    case 'not_found':
      return t(`comments.error.${err.code}`);
    default:
      return t('comments.error.other');
  }
}

const wantsJson = (c: Context) => (c.req.header('accept') ?? '').includes('application/json');

/** A form's text fields (files and repeats ignored); a body that is no form is a 400 a person reads. */
async function formStrings(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data'))
    throw new AppError(415, 'unsupported_media_type', 'Send this form as application/x-www-form-urlencoded.');
  const body = await formBody(c);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') out[k] = first;
  }
  return out;
}

/**
 * Readers' comments: `GET /stories/:slug/comments` (the comments page, for readers without JavaScript and for
 * links), `GET /stories/:slug/comments/list` (the same section alone, which the story page's script loads),
 * `POST /stories/:slug/comments` (a comment or a reply) and `POST /stories/:slug/comments/:id/report`. Both GETs
 * are cached under `comments:<story>` (purged by comment events and by `comments.closed` when the site's rule
 * closes them) and the story's key (its mode and headline); the posts need a signed-in reader and pass the reader
 * site's one form guard (readers/reader-csrf.ts, app-wide).
 */
export const commentSiteRoutes: RouteModule = (app, deps) => {
  /** The published story a comments URL names, and its edition (the one its comments live in). */
  const storyOf = async (c: Context): Promise<{ story: Story; edition: Edition }> => {
    const slug = slugParam(c);
    const story = slug ? await commentedStoryBySlug(deps, slug) : undefined;
    if (!story) throw notFound('story');
    return { story, edition: editionOf(c.get('editions'), story.language) };
  };

  const wordsOf = (edition: Edition): CommentWords => ({
    t: translator(edition.code),
    locale: edition.locale,
    tz: deps.config.timeZone,
  });

  /** The section for a story as it stands: its state, a page of comments, and a notice or a draft to show. */
  const section = async (
    c: Context,
    story: Story,
    edition: Edition,
    extra: { notice?: Notice; draft?: string } = {},
  ) => {
    const { comments: rules } = await deps.lookups.settings();
    const state = commentsState(story, rules, deps.clock());
    if (state === 'off') throw notFound('page');
    const after = commentCursor.decode(c.req.query('before'));
    const comments = await loadStoryComments(deps, story.id, after);
    return (
      <CommentsSection
        storyId={story.id}
        paths={commentPaths(edition, story.slug)}
        words={wordsOf(edition)}
        state={state}
        closesAt={commentsCloseAt(story, rules)}
        comments={comments}
        notice={extra.notice}
        draft={extra.draft}
      />
    );
  };

  /** The comments page: the story's headline, a way back to it, and its comments. */
  const page = async (
    c: Context,
    story: Story,
    edition: Edition,
    extra: { notice?: Notice; draft?: string } = {},
    status: 200 | 400 | 404 = 200,
  ) => {
    const [chrome, body] = await Promise.all([loadChrome(deps, edition), section(c, story, edition, extra)]);
    const t = chrome.t;
    const back = storyUrl(story.slug, edition);
    return sendPage(
      c,
      <Layout
        chrome={chrome}
        title={`${t('comments.title')}: ${story.headline}`}
        canonical={deps.config.publicUrl + commentPaths(edition, story.slug).page}
      >
        <p class="label">
          <a href={back}>{t('comments.backToStory')}</a>
        </p>
        <h1 class="page-title">
          <a href={back}>{story.headline}</a>
        </h1>
        {body}
      </Layout>,
      status,
    );
  };

  const cacheable = (c: Context, story: Story) => cacheFor(c, [K.chrome, K.story(story.id), K.comments(story.id)]);

  app.get('/stories/:slug/comments', async (c) => {
    const { story, edition } = await storyOf(c);
    if (edition.prefix !== c.get('edition').prefix) return c.redirect(commentPaths(edition, story.slug).page, 301);
    const key = c.req.query('notice');
    const notice =
      key && key in NOTICES
        ? { kind: 'ok' as const, text: wordsOf(edition).t(NOTICES[key as keyof typeof NOTICES]) }
        : undefined;
    cacheable(c, story);
    return page(c, story, edition, { notice });
  });

  app.get('/stories/:slug/comments/list', async (c) => {
    const { story, edition } = await storyOf(c);
    if (edition.prefix !== c.get('edition').prefix) return c.redirect(commentPaths(edition, story.slug).fragment, 301);
    const body = await section(c, story, edition);
    cacheable(c, story);
    // A fragment for the story page's script: not a page of its own for search engines.
    c.header('X-Robots-Tag', 'noindex');
    return sendBytes(c, utf8Bytes(String(body)), 200, 'text/html; charset=UTF-8');
  });

  /** Answers a refused post: JSON for the script (in the edition's words), else the page again with the reason. */
  const refused = (c: Context, story: Story, edition: Edition, err: AppError, draft?: string) => {
    const text = refusalText(wordsOf(edition).t, err);
    if (wantsJson(c)) return c.json({ error: { code: err.code, message: text } }, err.status as 400);
    return page(c, story, edition, { notice: { kind: 'error', text }, draft }, err.status as 400);
  };

  app.post('/stories/:slug/comments', async (c) => {
    const { story, edition } = await storyOf(c);
    const paths = commentPaths(edition, story.slug);
    const auth = await readerFromRequest(deps, c);
    if (!auth) {
      if (!wantsJson(c)) return c.redirect(paths.signIn, 303);
      const t = wordsOf(edition).t;
      return c.json(
        { error: { code: 'unauthenticated', message: t('comments.error.sign_in'), signIn: paths.signIn } },
        401,
      );
    }
    let draft: string | undefined;
    return withFormErrors(
      async () => {
        const f = await formStrings(c);
        draft = f.body;
        const result = await postComment(deps, auth.reader, story, parseInput(PostCommentSchema, f));
        const { comment, shown } = result;
        if (!wantsJson(c))
          return c.redirect(
            `${paths.page}?notice=${shown ? 'posted' : 'held'}#${shown ? `comment-${comment.id}` : 'comments'}`,
            303,
          );
        const words = wordsOf(edition);
        const view = presentComment({
          ...comment,
          reader_name: auth.reader.name,
          reader_comment_name: auth.reader.comment_name,
          reader_deleted_at: auth.reader.deleted_at,
        });
        const html = String(<CommentItem comment={view} paths={paths} words={words} open awaiting={!shown} />);
        return c.json(
          {
            comment: { id: comment.id, parentId: comment.parent_id, status: comment.status, html },
            message: words.t(shown ? 'comments.posted' : 'comments.held'),
          },
          201,
        );
      },
      (err) => refused(c, story, edition, err, draft),
    );
  });

  app.post('/stories/:slug/comments/:id/report', async (c) => {
    const id = idParam(c, 'comment');
    const auth = await readerFromRequest(deps, c);
    const target = await commentedStoryOf(deps, id);
    if (!target || target.slug !== c.req.param('slug')) throw notFound('comment');
    const edition = editionOf(c.get('editions'), target.language);
    const paths = commentPaths(edition, target.slug);
    if (!auth) {
      if (!wantsJson(c)) return c.redirect(paths.signIn, 303);
      const t = wordsOf(edition).t;
      return c.json(
        { error: { code: 'unauthenticated', message: t('comments.error.sign_in'), signIn: paths.signIn } },
        401,
      );
    }
    return withFormErrors(
      async () => {
        const f = await formStrings(c);
        await reportComment(deps, auth.reader, id, parseInput(ReportSchema, f).reason);
        const message = wordsOf(edition).t('comments.reported');
        if (wantsJson(c)) return c.json({ reported: true, message });
        return c.redirect(`${paths.page}?notice=reported#comment-${id}`, 303);
      },
      (err) => refused(c, target, edition, err),
    );
  });
};
