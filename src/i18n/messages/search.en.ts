/** The reader's search page, in English. */
export const searchEn = {
  'search.title': 'Search',
  'search.titleFor': 'Search: {{query}}',
  'search.label': 'Search stories',
  'search.button': 'Search',
  'search.results': 'Search results',
  'search.more': 'More results',
  'search.help': 'Search every published story by words in its headline, summary or text.',
  'search.noWords': 'Type one or more words to search for — punctuation on its own finds nothing.',
  'search.none': 'No stories match “{{query}}”. Try fewer or different words.',
  'search.noMore': 'No more results.',
  'search.elsewhere_one': 'Also {{count}} result in the {{edition}} edition',
  'search.elsewhere_other': 'Also {{count}} results in the {{edition}} edition',
} as const;
