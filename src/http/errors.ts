/**
 * The one error type: an HTTP status, a stable machine-readable code, and a message a person understands.
 * Services throw it; the single onError in http/app.tsx turns it into a page or JSON. JSON errors have one shape,
 * `{ error: { code, message, ...details } }`: `details` are extra fields a client needs (e.g. `current` on a
 * 409 stale_revision), never internals.
 */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'page') => new AppError(404, 'not_found', `We could not find that ${what}.`);
export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new AppError(400, 'bad_request', message, details);
export const forbidden = (message = 'You do not have permission to do that.') =>
  new AppError(403, 'forbidden', message);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
