import type { StoryDeps } from './story.service.js';
import { runDuePublications } from './story.service.js';

/** A running scheduler: `tick` runs one pass now (tests drive it with their own clock); `stop` ends the loop. */
export interface Scheduler {
  tick(): Promise<{ published: number[]; updated: number[] }>;
  stop(): void;
}

/**
 * Publishes scheduled stories and scheduled updates when they fall due, checking every `intervalMs`
 * (15 s by default, so a story goes live within its minute). Safe to run in every process: rows are
 * claimed atomically in runDuePublications. The clock comes in with deps, so tests control time.
 */
export function startScheduler(deps: StoryDeps, opts: { intervalMs?: number; onError?: (err: unknown) => void } = {}): Scheduler {
  let running: Promise<{ published: number[]; updated: number[] }> | null = null;
  const tick = () => {
    // One pass at a time in this process; a slow pass is not overlapped by the next.
    running ??= runDuePublications(deps).finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    tick().catch((err) => opts.onError?.(err));
  }, opts.intervalMs ?? 15_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
