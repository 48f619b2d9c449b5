import { translator } from '../i18n/catalogue.js';

/**
 * The desk's words. The desk's interface is English for now (issue 16), but its strings go through the catalogue
 * like the reader's: `desk.*` keys in i18n/messages/desk.en.ts, which other languages may leave to English
 * (catalogue.test.ts). Translating the desk later is a catalogue file and the user's language here.
 */
export const DESK_LANGUAGE = 'en';

export const t = translator(DESK_LANGUAGE);
