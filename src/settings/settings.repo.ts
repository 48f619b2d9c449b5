import type { DbHandle, UserRole } from '../db/database.js';
import { type CommentRules, DEFAULT_COMMENT_RULES, parseCommentRules } from '../comments/comment-settings.js';
import { type Edition, defaultEditions, parseEditions } from '../editions/edition.js';
import { type BillingSettings, DEFAULT_BILLING, parseBillingSettings } from '../billing/billing.settings.js';
import { type EditionWords, parseEditionWords } from './newsroom-words.js';
import { type Menus, parseMenus } from '../pages/menu.js';

/** The newsroom's own settings (name, description, editions), with defaults for a fresh database. */
export interface SiteSettings {
  name: string;
  description: string;
  /** The primary edition's language (the first of `editions`): kept in step with them when they are saved. */
  language: string;
  /** The newsroom's editions, the primary one first (src/editions). */
  editions: Edition[];
  /**
   * Count newsletter opens (a 1-pixel image) and clicks (links through the site): off unless the newsroom turns
   * it on, and then said to readers on /newsletters and in every email.
   */
  newsletterTracking: boolean;
  /** The newsroom's postal address, in every email's footer (one line or several). */
  address: string;
  /**
   * The name, description and address in the other editions' languages, by language code; one not written shows
   * the primary's (above). Read them through `newsroomIn` (newsroom-words.ts), never field by field.
   */
  editionWords: EditionWords;
  /** When a reader deletes their account: 'keep' their comments as "a former reader", or 'delete' them. */
  eraseComments: 'keep' | 'delete';
  /** Readers' comments: on or off, when they close, who is held for review (src/comments). */
  comments: CommentRules;
  /** The desk roles that must sign in with a second factor (an account without one enrols first). */
  twoFactorRoles: UserRole[];
  /** Reader revenue: the currency, the grace period of a failed renewal, the donation prompt (src/billing). */
  billing: BillingSettings;
  /** The navigation and footer menus of each edition (src/pages), by language; none: the header lists sections. */
  menus: Menus;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  name: 'Broadsheet',
  description: 'Independent news, as it happens.',
  language: 'en',
  editions: defaultEditions('en'),
  newsletterTracking: false,
  address: '',
  editionWords: {},
  eraseComments: 'keep',
  comments: DEFAULT_COMMENT_RULES,
  twoFactorRoles: [],
  billing: DEFAULT_BILLING,
  menus: {},
};

const ROLE_NAMES: readonly string[] = ['owner', 'admin', 'editor', 'author', 'contributor'];

function parseRoles(text: string | undefined): UserRole[] {
  try {
    const v: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(v) ? (v.filter((r) => ROLE_NAMES.includes(r)) as UserRole[]) : [];
  } catch {
    return [];
  }
}

/** The `settings` row that holds each newsroom setting. */
export const SETTING_KEYS: Readonly<Record<keyof SiteSettings, string>> = {
  name: 'site.name',
  description: 'site.description',
  language: 'site.language',
  editions: 'site.editions',
  newsletterTracking: 'newsletters.tracking',
  address: 'site.address',
  editionWords: 'site.edition_words',
  eraseComments: 'readers.erase_comments',
  comments: 'comments.rules',
  twoFactorRoles: 'security.two_factor_roles',
  billing: 'billing.settings',
  menus: 'site.menus',
};

/** A setting as its row stores it: text as it is, the rest (editions, words per edition, comment rules, menus, roles, numbers) as JSON. */
export function settingValue(value: SiteSettings[keyof SiteSettings]): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The row whose presence says the desk's one-time setup ran (its value: when, epoch ms). */
export const DESK_SETUP_KEY = 'desk.setup';

/** The newsroom's settings, a default for each one never saved. Pages read them through the lookups. */
export async function getSettings(db: DbHandle): Promise<SiteSettings> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  const map = new Map(rows.map((r) => [r.key, r.value]));
  const editions = parseEditions(map.get(SETTING_KEYS.editions), map.get(SETTING_KEYS.language));
  return {
    name: map.get(SETTING_KEYS.name) ?? DEFAULT_SETTINGS.name,
    description: map.get(SETTING_KEYS.description) ?? DEFAULT_SETTINGS.description,
    language: (editions[0] as Edition).code,
    editions,
    newsletterTracking: map.get(SETTING_KEYS.newsletterTracking) === 'true',
    address: map.get(SETTING_KEYS.address) ?? DEFAULT_SETTINGS.address,
    editionWords: parseEditionWords(map.get(SETTING_KEYS.editionWords)),
    eraseComments: map.get(SETTING_KEYS.eraseComments) === 'delete' ? 'delete' : 'keep',
    comments: parseCommentRules(map.get(SETTING_KEYS.comments)),
    twoFactorRoles: parseRoles(map.get(SETTING_KEYS.twoFactorRoles)),
    billing: parseBillingSettings(map.get(SETTING_KEYS.billing)),
    menus: parseMenus(map.get(SETTING_KEYS.menus)),
  };
}

/** One settings row's value; undefined when it was never set. */
export async function getSetting(db: DbHandle, key: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

/** Sets one settings row, creating it when missing. */
export async function putSetting(db: DbHandle, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/**
 * Adds a settings row that must not exist yet. `ifAbsent: 'fail'` throws when it does (the unique key makes a
 * guard that two processes cannot both pass); `'keep'` leaves the existing row as it is.
 */
export async function insertSetting(
  db: DbHandle,
  key: string,
  value: string,
  ifAbsent: 'fail' | 'keep',
): Promise<void> {
  const q = db.insertInto('settings').values({ key, value });
  await (ifAbsent === 'keep' ? q.onConflict((oc) => oc.column('key').doNothing()) : q).execute();
}
