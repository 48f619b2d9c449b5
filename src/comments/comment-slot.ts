import type { Translate } from '../i18n/catalogue.types.js';
import { type Html, html } from '../ui/html.js';
import type { CommentPaths } from './comment.paths.js';

// Rendering rule (ui/html.ts): part of the story page, the hottest reader page, so an `html` template.

/**
 * Where a story's comments go on its page: a heading and a link to its comments page (which works without
 * JavaScript). The page itself never shows a comment, a count or a form, so it stays the same (and cached) however
 * many readers comment; site.js swaps in the comments fragment when the reader scrolls near it. Nothing at all for
 * a story whose comments are off.
 */
export function CommentsSlot(props: { paths: CommentPaths; open: boolean; t: Translate }): Html {
  const { t, paths } = props;
  return html`<section class="comments" id="comments" aria-labelledby="comments-title" data-comments-src="${paths.fragment}">
      <h2 id="comments-title">${t('comments.title')}</h2>
      <p><a href="${paths.page}">${props.open ? t('comments.join') : t('comments.read')}</a></p>
    </section>`;
}
