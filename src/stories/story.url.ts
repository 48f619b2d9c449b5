/** The reader URL of a story. */
export const storyUrl = (slug: string) => `/stories/${slug}`;
