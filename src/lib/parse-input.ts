import type { z } from 'zod';
import { badRequest } from '../http/errors.js';

/**
 * The one way a face turns outside input into typed values: a zod schema (which lives beside its domain, in
 * `*.input.ts`) run at the face's edge. Every problem becomes part of ONE readable 400, phrased the same way
 * everywhere:
 * - a message the schema wrote as a sentence ("A headline is required.") is shown as it is;
 * - a fragment ("must be a slug such as "world"") and zod's own checks are prefixed with the field's name:
 *   `The "section" parameter must be a slug such as "world".`
 * `what` names the kind of field in that prefix: "field" (forms, JSON), "parameter" (query strings), "filter".
 * Faces call it (and http/input.ts's parseQuery); a service takes the typed values it returns.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'field'): z.output<S> {
  const parsed = schema.safeParse(value, { error: plainWords });
  if (parsed.success) return parsed.data;
  const sentences = parsed.error.issues.map((issue) => sentence(issue.path, issue.message, what));
  throw badRequest([...new Set(sentences)].slice(0, 5).join(' '));
}

function sentence(path: readonly PropertyKey[], message: string, what: string): string {
  const text = message.trim().replace(/[.]?$/, '.');
  if (/^[A-Z“"]/.test(text)) return text;
  const name = path.map(String).join('.');
  return name ? `The "${name}" ${what} ${text}` : `The ${what} ${text}`;
}

type RawIssue = z.core.$ZodRawIssue;

const KIND: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
};

/** zod's own messages as fragments people read ("may be at most 300 characters"); a schema's own message wins. */
function plainWords(issue: RawIssue): string | undefined {
  const i = issue as RawIssue & {
    expected?: string;
    origin?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    format?: string;
    values?: unknown[];
  };
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined ? 'is required' : `must be ${KIND[i.expected ?? ''] ?? i.expected}`;
    case 'too_big':
      if (i.origin === 'string') return `may be at most ${i.maximum} characters`;
      if (i.origin === 'array' || i.origin === 'set') return `may have at most ${i.maximum} items`;
      return `must be at most ${i.maximum}`;
    case 'too_small':
      if (i.origin === 'string')
        return Number(i.minimum) <= 1 ? 'is required' : `needs at least ${i.minimum} characters`;
      if (i.origin === 'array' || i.origin === 'set')
        return Number(i.minimum) <= 1 ? 'needs at least one item' : `needs at least ${i.minimum} items`;
      return `must be at least ${i.minimum}`;
    case 'invalid_format':
      if (i.format === 'email') return 'must be an email address';
      if (i.format === 'url') return 'must be a full address such as https://example.org';
      return 'is not in the right format';
    case 'invalid_value':
      if (i.input === undefined) return 'is required';
      return `must be one of: ${(i.values ?? []).map(String).join(', ')}`;
    case 'unrecognized_keys':
      return 'has fields this form does not take';
    default:
      return 'is not valid';
  }
}
