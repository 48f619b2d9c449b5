import { AppError } from './errors.js';

/**
 * The one rule for a form (desk or reader) that is shown again when what was sent is refused: an AppError with a
 * 4xx status (400–499: bad input, a refused action, a conflict, a stale save) re-renders the form with the error's
 * message and status, and `renderForm` shows what the person typed (its closure holds the fields it read);
 * anything else (a 5xx, a bug) propagates to the one onError. The response always carries the error's status.
 */
export async function withFormErrors(
  run: () => Promise<Response>,
  renderForm: (refusal: AppError) => Response | Promise<Response>,
): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof AppError) || err.status < 400 || err.status >= 500) throw err;
    const res = await renderForm(err);
    return res.status === err.status ? res : new Response(res.body, { status: err.status, headers: res.headers });
  }
}
