import { AppError } from '../http/errors.js';

/** Seconds a refused upload is told to wait before trying again. */
export const IMAGE_RETRY_AFTER_SECONDS = 5;

/** How busy the gate is, and the most jobs it ever ran at once (what tests and /desk can read). */
export interface ImageGateStats {
  running: number;
  waiting: number;
  peak: number;
}

/**
 * The bound on image work in one process: at most `concurrency` jobs decode and encode at once, at most `queue`
 * wait for a turn (first come, first served), and the next is refused at once with a 503 that says when to
 * try again. Decoding is CPU and memory bound: without it a handful of simultaneous uploads take every core
 * and hundreds of MB from the readers.
 */
export interface ImageGate {
  run<T>(job: () => Promise<T>): Promise<T>;
  stats(): ImageGateStats;
}

export function createImageGate(opts: { concurrency: number; queue: number }): ImageGate {
  let running = 0;
  let peak = 0;
  const waiting: (() => void)[] = [];
  const start = () => {
    running++;
    peak = Math.max(peak, running);
  };
  const finish = () => {
    const next = waiting.shift();
    // The slot passes straight to the next in line, so a newcomer cannot overtake it.
    if (next) next();
    else running--;
  };
  return {
    async run(job) {
      if (running < opts.concurrency) start();
      else if (waiting.length < opts.queue) await new Promise<void>((resolve) => waiting.push(resolve));
      else
        throw new AppError(
          503,
          'images_busy',
          `Other images are being processed right now. Try again in ${IMAGE_RETRY_AFTER_SECONDS} seconds.`,
          { retry_after: IMAGE_RETRY_AFTER_SECONDS },
        );
      try {
        return await job();
      } finally {
        finish();
      }
    },
    stats: () => ({ running, waiting: waiting.length, peak }),
  };
}
