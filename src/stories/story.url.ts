import { type Edition, editionPath } from '../editions/edition.js';

/** The reader URL of a story, in its edition (`/stories/x`, `/uk/stories/x`). */
export const storyUrl = (slug: string, edition?: Pick<Edition, 'prefix'>) =>
  edition ? editionPath(edition, `/stories/${slug}`) : `/stories/${slug}`;
