/** A tag's page on the reader site (an edition adds its prefix). */
export const tagUrl = (slug: string) => `/tags/${slug}`;
