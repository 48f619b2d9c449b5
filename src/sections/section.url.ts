/** A section's page on the reader site (an edition adds its prefix). */
export const sectionUrl = (slug: string) => `/sections/${slug}`;
