import { FALLBACK_LANGUAGE, translator } from '../i18n/catalogue.js';

/** The desk's words: English for now, through the same catalogue as the reader site's. */
export const deskT = translator(FALLBACK_LANGUAGE);
