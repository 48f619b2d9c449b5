import type { z } from 'zod';
import { badRequest } from '../http/errors.js';
import { inputEn } from './parse-input.en.js';

type BaseKey<K> = K extends `${infer B}_${'one' | 'other'}` ? B : K;
type InputKey = BaseKey<keyof typeof inputEn>;

/**
 * The words a refusal is phrased in: an `input.*` key and its values in one language. An edition's `t`
 * (i18n/catalogue.ts) is one; `count` picks a plural form.
 */
type InputWords = (key: InputKey, values?: Readonly<Record<string, string | number>> & { count?: number }) => string;

/** The kind of field a fragment is prefixed with: a form's or JSON's field, a query parameter, a filter, a CLI option. */
export type InputWhat = 'field' | 'parameter' | 'filter' | 'option';

/** The English words (parse-input.en.ts), for faces that answer in English: the desk, the API, the CLI. */
const english: InputWords = (key, values) => {
  const words: Readonly<Record<string, string>> = inputEn;
  const text = words[values?.count === undefined ? key : `${key}_${values.count === 1 ? 'one' : 'other'}`] ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values?.[name] ?? ''));
};

const isInputKey = (message: string): message is InputKey => Object.hasOwn(inputEn, message);

/**
 * The one way a face turns outside input into typed values: a zod schema (which lives beside its domain, in
 * `*.input.ts`) run at the face's edge. Every problem becomes part of ONE readable 400, phrased the same way
 * everywhere:
 * - a message the schema wrote as a sentence ("A headline is required.") is shown as it is;
 * - a fragment ("must be a slug such as "world"") and zod's own checks are prefixed with the field's name:
 *   `The "section" parameter must be a slug such as "world".`
 * `what` names the kind of field in that prefix. `words` is the language: a reader's face passes its edition's
 * `t`, and then zod's checks, the prefix and a schema's message given as an `input.*` key (`'input.slug'`) are in
 * the reader's language; without it they are English. Faces call it (and http/input.ts's parseQuery); a service
 * takes the typed values it returns.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: InputWhat = 'field',
  words: InputWords = english,
): z.output<S> {
  const parsed = schema.safeParse(value, { error: (issue) => plainWords(issue, words) });
  if (parsed.success) return parsed.data;
  const sentences = parsed.error.issues.map((issue) => sentence(issue.path, issue.message, what, words));
  throw badRequest([...new Set(sentences)].slice(0, 5).join(' '));
}

function sentence(path: readonly PropertyKey[], message: string, what: InputWhat, words: InputWords): string {
  const text = (isInputKey(message) ? words(message) : message).trim().replace(/[.]?$/, '.');
  if (/^[\p{Lu}“"«]/u.test(text)) return text;
  const name = path.map(String).join('.');
  const kind = words(`input.what.${what}`);
  return name ? words('input.named', { name, what: kind, text }) : words('input.unnamed', { what: kind, text });
}

type RawIssue = z.core.$ZodRawIssue;

const KINDS = ['string', 'number', 'int', 'boolean', 'array', 'object', 'date'] as const;
const isKind = (expected: string | undefined): expected is (typeof KINDS)[number] =>
  (KINDS as readonly (string | undefined)[]).includes(expected);

/** zod's own messages as fragments people read ("may be at most 300 characters"); a schema's own message wins. */
function plainWords(issue: RawIssue, words: InputWords): string | undefined {
  const i = issue as RawIssue & {
    expected?: string;
    origin?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    format?: string;
    values?: unknown[];
  };
  const count = (n: number | bigint | undefined) => Number(n);
  switch (i.code) {
    case 'invalid_type':
      if (i.input === undefined) return words('input.required');
      return isKind(i.expected)
        ? words(`input.type.${i.expected}`)
        : words('input.type.other', { expected: String(i.expected) });
    case 'too_big':
      if (i.origin === 'string') return words('input.maxChars', { count: count(i.maximum) });
      if (i.origin === 'array' || i.origin === 'set') return words('input.maxItems', { count: count(i.maximum) });
      return words('input.max', { max: String(i.maximum) });
    case 'too_small':
      if (i.origin === 'string')
        return count(i.minimum) <= 1 ? words('input.required') : words('input.minChars', { count: count(i.minimum) });
      if (i.origin === 'array' || i.origin === 'set')
        return count(i.minimum) <= 1 ? words('input.oneItem') : words('input.minItems', { count: count(i.minimum) });
      return words('input.min', { min: String(i.minimum) });
    case 'invalid_format':
      if (i.format === 'email') return words('input.email');
      if (i.format === 'url') return words('input.url');
      return words('input.format');
    case 'invalid_value':
      if (i.input === undefined) return words('input.required');
      return words('input.oneOf', { values: (i.values ?? []).map(String).join(', ') });
    case 'unrecognized_keys':
      return words('input.unknownFields');
    default:
      return words('input.invalid');
  }
}
