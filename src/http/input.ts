import type { Context } from 'hono';
import type { z } from 'zod';
import { type InputWhat, parseInput } from '../lib/parse-input.js';
import { badRequest } from './errors.js';

/**
 * Refuses a NUL character (U+0000) anywhere in a form or JSON body: no field can hold one, and
 * PostgreSQL cannot store it in text (it would answer our 500, not the sender's 400). `where` names the input.
 */
export function refuseNul(value: unknown, where: 'form' | 'request body'): void {
  if (!containsNul(value)) return;
  throw badRequest(
    `The ${where} contains a NUL character (\\0 or %00), which no field can hold. Remove it and try again; nothing was saved.`,
  );
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

/** Parses a request's query string (empty values count as absent) with a schema; problems name the parameter. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S, what: InputWhat = 'parameter'): z.output<S> {
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
  let body: Record<string, string | File | (string | File)[]>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw badRequest(
      'The form could not be read (it did not arrive as a complete form). Reload the page and try again; nothing was saved.',
    );
  }
  refuseNul(body, 'form');
  return body;
}
