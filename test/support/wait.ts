import { setTimeout as sleep } from 'node:timers/promises';

/** How long `waitFor` keeps asking, how often, and what its failure says. */
export interface WaitOptions {
  /** A guard against hanging, not an assertion on speed (default 5 s). */
  timeoutMs?: number;
  /** Pause between checks (default 20 ms). */
  intervalMs?: number;
  /** What the test was waiting for, named in the failure. */
  message?: string;
}

/**
 * Asks `check` until it returns something other than false, null or undefined, and returns that; fails with
 * `message` after `timeoutMs`. The one way tests wait for work another process, a timer or a server does.
 * A check that throws is asked again (the thing may not be there yet); the last error is in the failure.
 */
export async function waitFor<T>(
  check: () => T | false | null | undefined | Promise<T | false | null | undefined>,
  opts: WaitOptions = {},
): Promise<T> {
  const { timeoutMs = 5000, intervalMs = 20, message = 'the condition' } = opts;
  const end = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== false && v !== null && v !== undefined) return v;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= end) break;
    await sleep(intervalMs);
  }
  const last = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${message}${lastError ? ` (last error: ${last})` : ''}`,
    { cause: lastError },
  );
}
