import type { Child } from 'hono/jsx';
import type { Translate } from '../i18n/catalogue.types.js';
import { Time } from '../ui/time.js';
import { findLinks } from './comment-links.js';
import { REPORT_REASONS } from './comment.input.js';
import type { CommentView } from './comment.present.js';
import type { StoryComments } from './comment.data.js';
import type { CommentsState } from './comment.service.js';
import type { CommentPaths } from './comment.paths.js';

// Rendering rule (ui/html.ts): a reader view rendered once per change of a story's comments and then served from
// the cache, so hono/jsx, escaped by the one escaper. A comment is plain text: no markup of the reader's reaches
// the page; web addresses become links (only http and https, marked nofollow ugc).

export interface CommentWords {
  t: Translate;
  locale: string;
  tz: string;
}

/** Lines of text with line breaks between them. */
function Lines(props: { text: string }) {
  const lines = props.text.split('\n');
  return (
    <>
      {lines.map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </>
  );
}

/** A paragraph of a comment: its text, with the addresses in it as links. */
function Paragraph(props: { text: string }) {
  const parts: Child[] = [];
  let at = 0;
  for (const link of findLinks(props.text)) {
    if (link.index > at) parts.push(<Lines text={props.text.slice(at, link.index)} />);
    parts.push(
      <a href={link.url} rel="nofollow ugc noopener">
        {link.text}
      </a>,
    );
    at = link.lastIndex;
  }
  if (at < props.text.length) parts.push(<Lines text={props.text.slice(at)} />);
  return <p>{parts}</p>;
}

/** A comment's text: paragraphs (split at blank lines), line breaks, and links. */
export function CommentText(props: { text: string }) {
  return (
    <div class="comment-body">
      {props.text.split(/\n{2,}/).map((p) => (
        <Paragraph text={p} />
      ))}
    </div>
  );
}

/** Who wrote it: the name they comment under, "A reader" without one, "a former reader" once the account is gone. */
export function CommenterName(props: { name: string | null; t: Translate }) {
  if (props.name === null) return <em class="comment-name former">{props.t('comments.formerReader')}</em>;
  return <strong class="comment-name">{props.name || props.t('comments.aReader')}</strong>;
}

/** The form to write a comment or a reply (plain HTML: it works without JavaScript; site.js posts it in place). */
function CommentForm(props: { paths: CommentPaths; words: CommentWords; parent?: CommentView; draft?: string }) {
  const { t } = props.words;
  const parent = props.parent;
  const id = parent ? `reply-${parent.id}` : 'comment-new';
  // A reader's name is never put into a message (the catalogue's interpolation is for the newsroom's own words).
  const label = parent ? t('comments.yourReply') : t('comments.yourComment');
  return (
    <form method="post" action={props.paths.page} class="comment-form" data-comment-form="">
      {parent && <input type="hidden" name="parent" value={String(parent.id)} />}
      <label for={id}>{label}</label>
      <textarea id={id} name="body" rows={parent ? 3 : 5} maxlength={5000} required aria-describedby={`${id}-hint`}>
        {props.draft ?? ''}
      </textarea>
      <p class="hint" id={`${id}-hint`}>
        {t('comments.hint')}
      </p>
      <p class="form-error" role="alert" data-comment-error="" hidden></p>
      <button type="submit" class="button">
        {parent ? t('comments.postReply') : t('comments.post')}
      </button>
    </form>
  );
}

/** A reader's report of a comment: why, then send (a form inside a disclosure: no JavaScript needed). */
function ReportForm(props: { comment: CommentView; paths: CommentPaths; words: CommentWords }) {
  const { t } = props.words;
  const id = props.comment.id;
  return (
    <details class="comment-report">
      <summary>{t('comments.report')}</summary>
      <form method="post" action={props.paths.report(id)} data-report-form="">
        <fieldset>
          <legend>{t('comments.reportWhy')}</legend>
          {REPORT_REASONS.map((reason, i) => (
            <label>
              <input type="radio" name="reason" value={reason} checked={i === 0} /> {t(`comments.reason.${reason}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="button">
          {t('comments.sendReport')}
        </button>
      </form>
    </details>
  );
}

/** One comment: who, when, the text, and what a reader can do with it (reply to a top-level one, report). */
export function CommentItem(props: {
  comment: CommentView;
  paths: CommentPaths;
  words: CommentWords;
  open: boolean;
  /** The reader's own comment still waiting for the desk (shown to them alone, by the script). */
  awaiting?: boolean;
}) {
  const { comment: c, words, paths } = props;
  const { t } = words;
  const topLevel = c.parentId === null;
  return (
    <li class="comment" id={`comment-${c.id}`} data-comment-id={String(c.id)} data-created={String(c.createdAt)}>
      <article aria-labelledby={`comment-${c.id}-by`}>
        <p class="comment-meta" id={`comment-${c.id}-by`}>
          <CommenterName name={c.name} t={t} />{' '}
          <a class="comment-time" href={`${paths.page}#comment-${c.id}`}>
            {Time({ ms: c.createdAt, tz: words.tz, kind: 'short', locale: words.locale })}
          </a>
          {props.awaiting && <span class="comment-awaiting">{t('comments.awaiting')}</span>}
        </p>
        <CommentText text={c.body} />
        {!props.awaiting && (
          <div class="comment-actions">
            {topLevel && props.open && (
              <details class="comment-reply">
                <summary>{t('comments.reply')}</summary>
                <CommentForm paths={paths} words={words} parent={c} />
              </details>
            )}
            <ReportForm comment={c} paths={paths} words={words} />
          </div>
        )}
      </article>
      {topLevel && (
        <ol class="comment-replies" data-comment-replies="">
          {c.replies.map((r) => (
            <CommentItem comment={r} paths={paths} words={words} open={props.open} />
          ))}
        </ol>
      )}
    </li>
  );
}

export interface CommentsSectionProps {
  storyId: number;
  paths: CommentPaths;
  words: CommentWords;
  state: Exclude<CommentsState, 'off'>;
  /** When the site's rule closes them (the script closes the form then, on a page kept from before). */
  closesAt: number | null;
  comments: StoryComments;
  /** A confirmation or refusal to show above the form (the no-JavaScript path after a post). */
  notice?: { kind: 'ok' | 'error'; text: string };
  /** What the reader typed, kept when a post was refused. */
  draft?: string;
}

/**
 * A story's comments: how many, the form (with the sign-in link for readers who are not signed in: the section is
 * the same for everyone, so it can be cached), then the top-level comments newest first, each with its replies,
 * and a link to older ones. The story page loads it as a fragment; the comments page wraps it in the layout.
 */
export function CommentsSection(props: CommentsSectionProps) {
  const { t } = props.words;
  const { paths, comments } = props;
  const open = props.state === 'open';
  return (
    <section
      class="comments"
      id="comments"
      aria-labelledby="comments-title"
      data-comments=""
      data-story-id={String(props.storyId)}
      data-comments-src={paths.fragment}
      data-closes-at={props.closesAt === null ? undefined : String(props.closesAt)}
    >
      <h2 id="comments-title">
        {comments.total > 0 ? t('comments.count', { count: comments.total }) : t('comments.title')}
      </h2>
      {props.notice && (
        <p class={`notice ${props.notice.kind}`} role={props.notice.kind === 'error' ? 'alert' : 'status'}>
          {props.notice.text}
        </p>
      )}
      {open ? (
        <div class="comment-compose" data-comment-compose="">
          <p class="comments-closed" data-comments-closed="" hidden>
            {t('comments.closed')}
          </p>
          <p class="notice error" data-comments-banned="" hidden>
            {t('comments.error.comments_banned')}
          </p>
          <p class="comment-sign-in" data-signed-out="">
            {t('comments.signInHint')} <a href={paths.signIn}>{t('comments.signIn')}</a>
          </p>
          <CommentForm paths={paths} words={props.words} draft={props.draft} />
          <p class="hint" data-signed-in="">
            {t('comments.nameHint')} <a href={paths.account}>{t('comments.changeName')}</a>
          </p>
        </div>
      ) : (
        <p class="comments-closed">{t('comments.closed')}</p>
      )}
      <p class="live-status" role="status" data-comments-status=""></p>
      {comments.items.length === 0 ? (
        <p class="empty" data-no-comments="">
          {t('comments.none')}
        </p>
      ) : null}
      <ol class="comment-list" data-comment-items="">
        {comments.items.map((c) => (
          <CommentItem comment={c} paths={paths} words={props.words} open={open} />
        ))}
      </ol>
      {comments.next && (
        <p class="show-more">
          <a
            class="button"
            href={`${paths.page}?before=${comments.next}#comments`}
            data-comments-more={`${paths.fragment}?before=${comments.next}`}
          >
            {t('comments.older')}
          </a>
        </p>
      )}
    </section>
  );
}
