import { AppError } from '../http/errors.js';

/** Seconds a client is told to wait (`Retry-After`) while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** PostgreSQL codes that mean the server is going away or not there yet (not that a query was wrong). */
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300']);
/** Socket errors of a connection to the database. */
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
/** What pg says, without a code, when a connection dies under a query or the pool cannot open one in time. */
const PG_MESSAGES =
  /^(?:Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

/**
 * Whether an error means the database cannot be reached right now (a restart, a failover, SQLite locked past its
 * busy timeout), as opposed to a bug: such a request is answered 503 with `Retry-After` (or from the stale page
 * cache), never a bare 500. Follows `cause` chains and AggregateErrors (a connect that tried several addresses).
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (PG_UNAVAILABLE.has(code) || /^08[0-9A-Z]{3}$/.test(code) || NET_UNAVAILABLE.has(code)) return true;
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_')) return true;
  if (typeof e.message === 'string' && PG_MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** The 503 a reader or API client gets while the database is away. */
export function databaseUnavailable(cause: unknown): AppError {
  const err = new AppError(
    503,
    'unavailable',
    'The newsroom is briefly unable to reach its archive. Please try again in a few seconds.',
  );
  err.cause = cause;
  return err;
}
