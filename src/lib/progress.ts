/** Where a progress display writes; process.stderr in the CLI. */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const clock = (s: number) =>
  Number.isFinite(s) ? `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}` : '?';

/**
 * A progress bar for long imports: items/s and time left. On a terminal it redraws one line; elsewhere
 * (CI logs, pipes) it prints a plain line at most every few seconds and at the end.
 */
export function progressBar(
  out: ProgressStream,
  label: string,
  unit = 'stories',
  now: () => number = () => performance.now(),
) {
  const started = now();
  let lastLine = 0;
  return (done: number, total: number) => {
    const elapsed = (now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left = rate > 0 ? (total - done) / rate : Number.POSITIVE_INFINITY;
    const eta = done >= total ? `done in ${clock(elapsed)}` : `${clock(left)} left`;
    const stats =
      `${done.toLocaleString('en')}/${total.toLocaleString('en')} ${unit} · ` +
      `${Math.round(rate).toLocaleString('en')} ${unit}/s · ${eta}`;
    if (out.isTTY) {
      const width = Math.max(10, Math.min(40, (out.columns ?? 80) - stats.length - label.length - 6));
      const filled = total ? Math.round((done / total) * width) : width;
      out.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${stats}\x1b[K${done >= total ? '\n' : ''}`,
      );
    } else if (done >= total || now() - lastLine > 3000) {
      lastLine = now();
      out.write(`${label}: ${stats}\n`);
    }
  };
}
