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

/** Formats a UTC instant for readers in the newsroom's time zone. */
export function formatTime(ms: number, timeZone: string, kind: 'long' | 'short' = 'long'): string {
  return formatter(timeZone, kind).format(new Date(ms));
}

/** A `<time>` element: machine-readable UTC in datetime, the newsroom's local time as text. */
export function Time(props: { ms: number; tz: string; kind?: 'long' | 'short' }) {
  return <time datetime={new Date(props.ms).toISOString()}>{formatTime(props.ms, props.tz, props.kind)}</time>;
}
