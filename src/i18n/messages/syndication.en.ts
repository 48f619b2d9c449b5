/** The feeds' own words (a section's, tag's or author's feed without a description of its own). */
export const syndicationEn = {
  'syndication.latestFrom': 'The latest from {{site}}: {{scope}}.',
} as const;
