import { type Edition, editionPath } from '../editions/edition.js';
import { storyUrl } from '../stories/story.url.js';

/** Where a story's comments live and post to, in the story's edition (`/stories/x/comments`, `/uk/stories/x/comments`). */
export interface CommentPaths {
  /** The comments page (no JavaScript), and where the form posts. */
  page: string;
  /** The section alone, as the story page's script loads it (cached; purged by comment events and comments.closed only). */
  fragment: string;
  /** Where a reader reports a comment. */
  report(commentId: number): string;
  /** The reader's sign-in, coming back to the comments afterwards. */
  signIn: string;
  /** The reader's account (the name shown with their comments). */
  account: string;
}

export function commentPaths(edition: Pick<Edition, 'prefix'>, slug: string): CommentPaths {
  const page = `${storyUrl(slug, edition)}/comments`;
  return {
    page,
    fragment: `${page}/list`,
    report: (id) => `${page}/${id}/report`,
    signIn: `${editionPath(edition, '/account/sign-in')}?next=${encodeURIComponent(page)}`,
    account: editionPath(edition, '/account'),
  };
}
