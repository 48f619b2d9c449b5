import type { Context } from 'hono';
import type { z } from 'zod';
import { parseInput } from '../lib/parse-input.js';

/** Parses a request's query string (empty values count as absent) with a schema; problems name the parameter. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S, what = 'parameter'): z.output<S> {
  return parseInput(schema, presentValues(c.req.query()), what);
}

/** The values that were given: a query string's or a form's empty fields count as absent. */
export function presentValues(raw: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}
