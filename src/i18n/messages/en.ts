/**
 * The English catalogue: every word the reader site shows (and the desk's, as they move here), one flat key per
 * message, dotted by where it is used. Plurals follow i18next's suffixes (`_one`, `_other`; other languages add the
 * forms their plural rules have, e.g. Ukrainian `_few` and `_many`). `{{name}}` is a value put in; views escape the
 * result like any other text. Every other catalogue has every key of this one (catalogue.test.ts checks), and code
 * can only ask for keys this one has (MessageKey, checked by the type-checker).
 */
export const en = {
  'layout.skip': 'Skip to content',
  'layout.sections': 'Sections',
  'layout.newsFeed': 'News Feed',
  'layout.search': 'Search',
  'layout.editions': 'Editions',
  'layout.readIn': 'Read in {{language}}',
  'feed.stories': 'Stories',
  'feed.empty': 'No stories here yet.',
  'feed.latest': 'Latest stories',
  'feed.showMore': 'Show More',
  'feed.live': 'LIVE',
  'feed.older': 'News Feed — older stories',
  'story.by_one': 'By',
  'story.by_other': 'By',
  'story.and': ' and ',
  'story.published': 'Published',
  'story.updated': 'Updated',
  'story.breadcrumb': 'Breadcrumb',
  'story.readingTime_one': '{{count}} min read',
  'story.readingTime_other': '{{count}} min read',
  'story.translatedBy_one': 'Translated by',
  'story.translatedBy_other': 'Translated by',
  'story.tags': 'Tags',
  'author.about': 'About {{name}}',
  'author.readMore': 'Read more',
  'author.readMoreAbout': ' about {{name}}',
  'author.elsewhere': '{{name}} elsewhere',
  'author.stories': 'Stories by {{name}}',
  'tag.label': 'Tag',
  'time.invalid': 'an invalid time ({{value}})',
} as const;
