import type { Context } from 'hono';
import type { z } from 'zod';
import { parseInput } from '../lib/parse-input.js';
import { badRequest } from './errors.js';

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

/**
 * Reads a form body (urlencoded or multipart) once per request (Hono keeps it for the next call). A multipart body
 * with a missing or wrong boundary cannot be read at all: that is the sender's 400, never our 500.
 */
export async function formBody(c: Context): Promise<Record<string, string | File | (string | File)[]>> {
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    throw badRequest(
      'The form could not be read (it did not arrive as a complete form). Reload the page and try again; nothing was saved.',
    );
  }
}
