/** How many stories the News Feed block under a story shows (the newest, without the story itself). */
export const STORY_FEED_SIZE = 10;
