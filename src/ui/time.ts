import { html } from './html.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, kind: 'long' | 'short'): Intl.DateTimeFormat {
  const key = `${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      kind === 'long'
        ? new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })
        : new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    formatters.set(key, f);
  }
  return f;
}

/** Formatted times by zone and kind, then by minute; each bounded (it simply starts over when full). */
const formatted = new Map<string, Map<number, string>>();
const FORMATTED_LIMIT = 5000;

/**
 * Formats a UTC instant for readers in the newsroom's time zone. Both formats show the minute at most, and
 * zone offsets change on minute boundaries, so the text is a function of the minute: remembered, because
 * Intl formatting costs microseconds and a page shows a dozen times, most of them on every page (the News Feed).
 */
export function formatTime(ms: number, timeZone: string, kind: 'long' | 'short' = 'long'): string {
  const key = `${timeZone}|${kind}`;
  let byMinute = formatted.get(key);
  if (!byMinute) formatted.set(key, (byMinute = new Map()));
  const minute = Math.floor(ms / 60_000);
  let text = byMinute.get(minute);
  if (text === undefined) {
    text = formatter(timeZone, kind).format(new Date(minute * 60_000));
    if (byMinute.size >= FORMATTED_LIMIT) byMinute.clear();
    byMinute.set(minute, text);
  }
  return text;
}

/** A `<time>` element: machine-readable UTC in datetime, the newsroom's local time as text. */
export function Time(props: { ms: number; tz: string; kind?: 'long' | 'short' }) {
  return html`<time datetime="${new Date(props.ms).toISOString()}">${formatTime(props.ms, props.tz, props.kind)}</time>`;
}
