import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { AppError, badRequest } from '../http/errors.js';
import { refuseNul } from '../http/input.js';
import { TIME_RANGE_WORDS, isAcceptedTime, isRepresentable } from '../lib/iso-date.js';

/** Largest request a desk story save or action accepts (a long story with many blocks is well under). */
export const DESK_BODY_LIMIT = 2 * 1024 * 1024;

/** The largest body any desk request may have (image uploads); routes set tighter limits of their own. */
export const DESK_MAX_BODY = 32 * 1024 * 1024;

/** Refuses bodies over the desk limit with a clear 413 (nothing is read past the limit, nothing saved). */
export function deskBodyLimit(maxSize = DESK_BODY_LIMIT): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError(
        413,
        'too_large',
        `That request is larger than ${Math.round(maxSize / 1024 / 1024)} MB and was not saved. Split the story or remove pasted media.`,
      );
    },
  });
}

/** Reads a JSON body; anything else is a 415 or a 400 with a readable message. */
export async function jsonBody(c: Context): Promise<unknown> {
  if (!(c.req.header('content-type') ?? '').includes('application/json'))
    throw new AppError(415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json).');
  let v: unknown;
  try {
    v = await c.req.json();
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  refuseNul(v, 'request body');
  return v;
}

/** Reads an optional JSON body: empty is {}, anything else must be a JSON object. */
export async function optionalJsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw badRequest('Send a JSON object.');
  refuseNul(v, 'request body');
  return v as Record<string, unknown>;
}

/**
 * Parses a datetime from a form or JSON: epoch ms, ISO text, or a datetime-local value read in the newsroom's zone,
 * inside the accepted range (lib/iso-date.ts), so no time a page cannot show is ever stored.
 * Across a daylight-saving change a local time may not exist or may happen twice; it is read as a clock on the
 * wall would be set (what Temporal calls "compatible"): a time in the skipped hour moves forward by the gap
 * (02:30 on the night clocks go 02:00 → 03:00 is 03:30), and a repeated time is its first occurrence.
 */
export function parseWhen(value: unknown, timeZone: string): number {
  const t = readWhen(value, timeZone);
  if (!isAcceptedTime(t)) throw badRequest(`Choose a date and time ${TIME_RANGE_WORDS}.`);
  return t;
}

function readWhen(value: unknown, timeZone: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  const s = z.string().trim().max(40).safeParse(value);
  if (!s.success || !s.data) throw badRequest('Choose a date and time.');
  const local = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(s.data);
  if (local) {
    const [, y, mo, d, h, mi] = local.map(Number) as number[];
    const wall = new Date(0);
    wall.setUTCFullYear(y!, mo! - 1, d!);
    wall.setUTCHours(h!, mi!, 0, 0);
    // No rolling over: 2026-02-30 or 24:00 is a typing slip, not a date.
    if (
      wall.getUTCFullYear() !== y ||
      wall.getUTCMonth() !== mo! - 1 ||
      wall.getUTCDate() !== d ||
      wall.getUTCHours() !== h ||
      wall.getUTCMinutes() !== mi
    )
      throw badRequest('That date and time could not be read.');
    return localToUtc(wall.getTime(), timeZone);
  }
  const t = Date.parse(s.data);
  if (Number.isNaN(t)) throw badRequest('That date and time could not be read.');
  return t;
}

/**
 * The instant at which clocks in `timeZone` show `wall` (a local date and time written as if it were UTC).
 * The zone's offsets a day before and a day after bracket any change (zones change at most once a day):
 * each offset that maps back to `wall` is a reading of it; none means the time fell in a gap.
 */
function localToUtc(wall: number, timeZone: string): number {
  const before = zoneOffset(wall - 86_400_000, timeZone);
  const after = zoneOffset(wall + 86_400_000, timeZone);
  const readings = [...new Set([before, after])]
    .map((o) => wall - o)
    .filter((t) => t + zoneOffset(t, timeZone) === wall);
  // Twice (clocks went back): the first. Never (clocks went forward): read with the offset from before the change,
  // which lands as far past the change as the time was past the start of the gap.
  return readings.length ? Math.min(...readings) : wall - before;
}

function zoneOffset(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** A datetime-local value for an input, in the newsroom's zone; empty for a stored time no Date can hold. */
export function toLocalInput(ms: number, timeZone: string): string {
  if (!isRepresentable(ms)) return '';
  const local = ms + zoneOffset(ms, timeZone);
  return isRepresentable(local) ? new Date(local).toISOString().slice(0, 16) : '';
}
