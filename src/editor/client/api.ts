/** Shapes of the desk API answers the editor reads: the server's own types (type-only, erased from the bundle). */
export type { ImageView as ImageViewJson } from '../../media/image.present.js';
export type { MediaPage } from '../../media/media.service.js';
export type { StoryHit } from '../../stories/story-headline.repo.js';
