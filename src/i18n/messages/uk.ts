import { billingUk } from './billing.uk.js';
import { accountUk } from './account.uk.js';
import type { Catalogue } from '../catalogue.types.js';
import { commentsUk } from './comments.uk.js';
import { inputUk } from './input.uk.js';
import { pagesUk } from './pages.uk.js';
import { namesUk } from './names.uk.js';
import { newslettersUk } from './newsletters.uk.js';
import { readerUk } from './reader.uk.js';
import { searchUk } from './search.uk.js';
import { syndicationUk } from './syndication.uk.js';

/**
 * Українські тексти сайту. Plural keys carry the four forms Ukrainian has (Intl.PluralRules "uk"): `_one` (1, 21,
 * 31…), `_few` (2–4, 22–24…), `_many` (0, 5–20, 25–30…) and `_other` (fractions).
 */
// Joined from each area's file, as the English catalogue is (en.ts).
export const uk: Catalogue = {
  ...readerUk,
  ...searchUk,
  ...pagesUk,
  ...syndicationUk,
  ...namesUk,
  ...newslettersUk,
  ...commentsUk,
  ...accountUk,
  ...billingUk,
  ...inputUk,
};
