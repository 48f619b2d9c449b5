/**
 * The English catalogue: every word the reader site shows (and the desk's, as they move here), one flat key per
 * message, dotted by where it is used. Plurals follow i18next's suffixes (`_one`, `_other`; other languages add the
 * forms their plural rules have, e.g. Ukrainian `_few` and `_many`). `{{name}}` is a value put in; views escape the
 * result like any other text. Every other catalogue has every key of this one (catalogue.test.ts checks), and code
 * can only ask for keys this one has (MessageKey, checked by the type-checker).
 */
import { billingEn } from './billing.en.js';
import { billingDeskEn } from './billing-desk.en.js';
import { commentsEn } from './comments.en.js';
import { accountEn } from './account.en.js';
import { deskEn } from './desk.en.js';
import { safetyEn } from './safety.en.js';
import { membersEn } from './members.en.js';
import { mailEn } from './mail.en.js';
import { inputEn } from '../../lib/parse-input.en.js';
import { pagesEn } from './pages.en.js';
import { namesEn } from './names.en.js';
import { newslettersEn } from './newsletters.en.js';
import { readerEn } from './reader.en.js';
import { searchEn } from './search.en.js';
import { syndicationEn } from './syndication.en.js';

// Each area of the product keeps its words in its own pair of files (`<area>.en.ts`, `<area>.uk.ts`), joined here.
export const en = {
  ...readerEn,
  ...searchEn,
  ...pagesEn,
  ...deskEn,
  ...safetyEn,
  ...membersEn,
  ...syndicationEn,
  ...namesEn,
  ...newslettersEn,
  ...commentsEn,
  ...accountEn,
  ...mailEn,
  ...billingEn,
  ...billingDeskEn,
  // parseInput's words live beside it (src/lib may import nothing of ours): the catalogue takes them as they are.
  ...inputEn,
} as const;
