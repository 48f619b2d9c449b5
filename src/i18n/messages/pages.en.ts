/**
 * The reader site's error pages, story notes, live blog, and the words site.js shows (handed to it by the page:
 * the `script.*` keys, see ui/script-words.ts), in English.
 */
export const pagesEn = {
  'error.badRequest.title': 'That request did not make sense',
  'error.badRequest.text': 'That request could not be understood.',
  'error.notFound.title': 'Page not found',
  'error.notFound.text': 'We could not find that page. It may have moved, or the address may be mistyped.',
  'error.tooLarge.title': 'That was too large',
  'error.tooLarge.text': 'What was sent is larger than we accept.',
  'error.tooMany.title': 'Too many requests',
  'error.tooMany.text': 'Too many requests came in a short time. Please wait a moment and try again.',
  'error.internal.title': 'Something went wrong on our side',
  'error.internal.text': 'Something went wrong on our side. Please try again in a moment.',
  'error.unavailable.title': 'Back in a moment',
  'error.unavailable.text': 'The newsroom is briefly unable to reach its archive. Please try again in a few seconds.',
  'error.other.title': 'Something went wrong',
  'error.other.text': 'That did not work. Please try again in a moment.',
  'error.home': 'Go to the News Feed',
  'embed.label': 'Related story',
  'embed.kicker': 'Related',
  'notes.label': 'Corrections and updates',
  'notes.correction': 'Correction:',
  'notes.update': 'Update:',
  'live.latest': 'Latest updates',
  'live.happening': 'Updates appear here as they happen.',
  // The time it ended follows, then a full stop.
  'live.ended': 'This live coverage ended',
  'live.empty': 'No updates yet.',
  'live.pinned': 'Pinned',
  'live.permalink': 'Link to this entry',
  'script.loading': 'Loading…',
  'script.newStories_one': '{{count}} new story',
  'script.newStories_other': '{{count}} new stories',
  'script.reload': 'Many new stories: reload',
  'script.liveNow': 'Live: updates appear here as they happen.',
  'script.liveEnded': 'This live coverage has ended.',
} as const;
