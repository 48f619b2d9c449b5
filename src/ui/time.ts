import { translator } from '../i18n/catalogue.js';
import { isRepresentable, isoTime } from '../lib/iso-date.js';
import { LruMap } from '../lib/lru.js';
import { html } from './html.js';

// Rendering rule (ui/html.ts): a dozen times on every reader page, so an `html` template escaped by the one escaper.

/** The locale times are written in when a page does not say (the English edition's). */
const DEFAULT_LOCALE = 'en-GB';

function formatter(locale: string, timeZone: string, kind: 'long' | 'short'): Intl.DateTimeFormat {
  return kind === 'long'
    ? new Intl.DateTimeFormat(locale, {
        timeZone,
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        timeZoneName: 'short',
      })
    : new Intl.DateTimeFormat(locale, {
        timeZone,
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      });
}

/** Locales × zones × kinds kept at most (a newsroom has one zone and a few editions; tests may use a few more). */
const ZONES_LIMIT = 64;
/** Formatted minutes kept per zone and kind: a few days of publishing times, the ones pages show most. */
const FORMATTED_LIMIT = 5000;
/** By zone and kind: the formatter and its formatted times by minute (both in the one bounded memo, LRU). */
const formatted = new LruMap<string, { format: Intl.DateTimeFormat; byMinute: LruMap<number, string> }>(ZONES_LIMIT);

/**
 * Formats a UTC instant for readers in the newsroom's time zone. Both formats show the minute at most, and
 * zone offsets change on minute boundaries, so the text is a function of the minute: remembered, because
 * Intl formatting costs microseconds and a page shows a dozen times, most of them on every page (the News Feed).
 */
export function formatTime(
  ms: number,
  timeZone: string,
  kind: 'long' | 'short' = 'long',
  locale: string = DEFAULT_LOCALE,
): string {
  // A stored time no Date can hold is shown as it is (in the words of the locale's language): the page still
  // renders, and someone can fix the value.
  if (!isRepresentable(ms)) return translator(locale)('time.invalid', { value: String(ms) });
  const key = `${locale}|${timeZone}|${kind}`;
  let zone = formatted.get(key);
  if (!zone) {
    zone = { format: formatter(locale, timeZone, kind), byMinute: new LruMap(FORMATTED_LIMIT) };
    formatted.set(key, zone);
  }
  const minute = Math.floor(ms / 60_000);
  let text = zone.byMinute.get(minute);
  if (text === undefined) {
    text = zone.format.format(new Date(minute * 60_000));
    zone.byMinute.set(minute, text);
  }
  return text;
}

/** A `<time>` element: machine-readable UTC in datetime, the newsroom's local time as text. */
export function Time(props: { ms: number; tz: string; kind?: 'long' | 'short'; locale?: string }) {
  const text = formatTime(props.ms, props.tz, props.kind, props.locale);
  return isRepresentable(props.ms)
    ? html`<time datetime="${isoTime(props.ms)}">${text}</time>`
    : html`<span>${text}</span>`;
}
