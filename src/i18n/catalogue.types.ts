import type { en } from './messages/en.js';

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type BaseKey<K> = K extends `${infer B}_${PluralSuffix}` ? B : K;

/** A key the code may ask for: every key of the English catalogue, plurals by their base (`story.readingTime`). */
export type MessageKey = BaseKey<keyof typeof en>;

/** A catalogue: flat keys to messages (a language's plural forms as its own suffixed keys). */
export type Catalogue = Readonly<Record<string, string>>;

/** Values put into a message; `count` also picks the plural form. */
export type MessageValues = Readonly<Record<string, string | number>> & { count?: number };

/** The words of one language: `t('story.readingTime', { count: 2 })`. */
export type Translate = (key: MessageKey, values?: MessageValues) => string;
