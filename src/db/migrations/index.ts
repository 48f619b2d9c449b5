import type { DialectMigration } from './helpers.js';
import { m001Content } from './001-content.js';
import { m010Users } from './010-users.js';
import { m011DeskStories } from './011-desk-stories.js';
import { m030ImageCrops } from './030-image-crops.js';
import { m031SitemapIndex } from './031-sitemap-index.js';
import { m040Search } from './040-search.js';
import { m041Webhooks } from './041-webhooks.js';
import { m042SearchRank } from './042-search-rank.js';
import { m050Live } from './050-live.js';
import { m070Import } from './070-import.js';
import { m080Jobs } from './080-jobs.js';
import { m090ImageUploader } from './090-image-uploader.js';
import { m095SignInTrust } from './095-sign-in-trust.js';
import { m100Editions } from './100-editions.js';
import { m101SearchLanguages } from './101-search-languages.js';
import { m105TranslationLanguages } from './105-translation-languages.js';
import { m108TagDescriptions } from './108-tag-descriptions.js';
import { m110Readers } from './110-readers.js';
import { m115NewsletterSending } from './115-newsletter-sending.js';
import { m140Billing } from './140-billing.js';
import { m151DeskSafety } from './151-desk-safety.js';
import { m142MembershipSubscriptionUnique } from './142-membership-subscription-unique.js';
import { m130StorySeo } from './130-story-seo.js';
import { m131SitemapListed } from './131-sitemap-listed.js';

/**
 * Every migration, in order. Names sort by their number; a migration is frozen once committed.
 * Add new ones at the end with the next number.
 */
export const migrations: Record<string, DialectMigration> = {
  '001-content': m001Content,
  '010-users': m010Users,
  '011-desk-stories': m011DeskStories,
  '030-image-crops': m030ImageCrops,
  '031-sitemap-index': m031SitemapIndex,
  '040-search': m040Search,
  '041-webhooks': m041Webhooks,
  '042-search-rank': m042SearchRank,
  '050-live': m050Live,
  '070-import': m070Import,
  '080-jobs': m080Jobs,
  '090-image-uploader': m090ImageUploader,
  '095-sign-in-trust': m095SignInTrust,
  '100-editions': m100Editions,
  '101-search-languages': m101SearchLanguages,
  '105-translation-languages': m105TranslationLanguages,
  '108-tag-descriptions': m108TagDescriptions,
  '110-readers': m110Readers,
  '115-newsletter-sending': m115NewsletterSending,
  '130-story-seo': m130StorySeo,
  '131-sitemap-listed': m131SitemapListed,
  '140-billing': m140Billing,
  '142-membership-subscription-unique': m142MembershipSubscriptionUnique,
  '151-desk-safety': m151DeskSafety,
};
