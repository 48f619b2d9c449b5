import type { Story } from '../db/database.js';
import type { StoryInput } from './story.input.js';

/** A story's search and social fields as the story input names them (each empty or null: the default applies). */
export interface StorySeoInput {
  metaTitle: string;
  metaDescription: string;
  ogTitle: string;
  ogDescription: string;
  ogImageId: number | null;
  twitterTitle: string;
  twitterDescription: string;
  twitterImageId: number | null;
  canonicalUrl: string;
  noindex: boolean;
}

/** Every field at its default: what a revision saved before the fields existed held. */
export const NO_SEO: Readonly<StorySeoInput> = Object.freeze({
  metaTitle: '',
  metaDescription: '',
  ogTitle: '',
  ogDescription: '',
  ogImageId: null,
  twitterTitle: '',
  twitterDescription: '',
  twitterImageId: null,
  canonicalUrl: '',
  noindex: false,
});

/** The fields of a stored story. */
export function seoOfStory(s: Story): StorySeoInput {
  return {
    metaTitle: s.meta_title,
    metaDescription: s.meta_description,
    ogTitle: s.og_title,
    ogDescription: s.og_description,
    ogImageId: s.og_image_id,
    twitterTitle: s.twitter_title,
    twitterDescription: s.twitter_description,
    twitterImageId: s.twitter_image_id,
    canonicalUrl: s.canonical_url,
    noindex: s.noindex === 1,
  };
}

/** The columns the fields are stored in. */
export function seoColumns(v: StorySeoInput) {
  return {
    meta_title: v.metaTitle,
    meta_description: v.metaDescription,
    og_title: v.ogTitle,
    og_description: v.ogDescription,
    og_image_id: v.ogImageId,
    twitter_title: v.twitterTitle,
    twitter_description: v.twitterDescription,
    twitter_image_id: v.twitterImageId,
    canonical_url: v.canonicalUrl,
    noindex: v.noindex ? 1 : 0,
  };
}

/** The images a story's search and social fields name. */
export const seoImageIds = (v: Pick<StoryInput, 'ogImageId' | 'twitterImageId'>): number[] =>
  [v.ogImageId, v.twitterImageId].filter((id): id is number => typeof id === 'number');
