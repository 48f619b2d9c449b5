import type { Catalogue } from '../catalogue.types.js';

/** Слова стрічок RSS, Atom і JSON Feed. */
export const syndicationUk: Catalogue = {
  'syndication.latestFrom': 'Останні матеріали {{site}}: {{scope}}.',
};
