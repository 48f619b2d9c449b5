import { TIME_RANGE_WORDS } from './iso-date.js';

/**
 * The words parseInput phrases a refusal in, in English: the one copy of them. The English catalogue takes them
 * as they are (i18n/messages/en.ts), other languages translate the keys (e.g. messages/input.uk.ts), and a face
 * passes its edition's `t` to have them in its language; without one, parseInput uses these.
 * - `input.named` / `input.unnamed` frame a fragment with the field's name and `input.what.*`, the kind of field;
 * - the rest are fragments for zod's own checks, and fragments a schema may give as its message by key
 *   (`.regex(SLUG_PATTERN, 'input.slug')`), so that a form a reader fills answers in the reader's language.
 * Counted ones have i18next's plural suffixes (`_one`, `_other`).
 */
export const inputEn = {
  'input.named': 'The "{{name}}" {{what}} {{text}}',
  'input.unnamed': 'The {{what}} {{text}}',
  'input.what.field': 'field',
  'input.what.parameter': 'parameter',
  'input.what.filter': 'filter',
  'input.what.option': 'option',
  'input.required': 'is required',
  'input.type.string': 'must be text',
  'input.type.number': 'must be a number',
  'input.type.int': 'must be a whole number',
  'input.type.boolean': 'must be true or false',
  'input.type.array': 'must be a list',
  'input.type.object': 'must be an object',
  'input.type.date': 'must be a date',
  'input.type.other': 'must be {{expected}}',
  'input.maxChars_one': 'may be at most {{count}} character',
  'input.maxChars_other': 'may be at most {{count}} characters',
  'input.maxItems_one': 'may have at most {{count}} item',
  'input.maxItems_other': 'may have at most {{count}} items',
  'input.max': 'must be at most {{max}}',
  'input.minChars_one': 'needs at least {{count}} character',
  'input.minChars_other': 'needs at least {{count}} characters',
  'input.oneItem': 'needs at least one item',
  'input.minItems_one': 'needs at least {{count}} item',
  'input.minItems_other': 'needs at least {{count}} items',
  'input.min': 'must be at least {{min}}',
  'input.email': 'must be an email address',
  'input.emailAddress': 'Please enter a valid email address, such as name@example.org.',
  'input.nameLength': 'Names can be at most 120 characters long.',
  'input.url': 'must be a full address such as https://example.org',
  'input.format': 'is not in the right format',
  'input.oneOf': 'must be one of: {{values}}',
  'input.unknownFields': 'has fields this form does not take',
  'input.invalid': 'is not valid',
  'input.slug': 'must be a slug such as "world"',
  'input.day': 'must be a date such as 2026-01-31',
  'input.realDay': 'is not a real date',
  'input.dayInRange': `must be a date ${TIME_RANGE_WORDS}`,
} as const;
