/**
 * What a wall clock in a time zone shows at an instant: the local date (YYYY-MM-DD) and hour (0–23). For work
 * that happens at a local hour (a daily digest at 07:00 in the newsroom's zone) without converting back to UTC.
 */
export function wallClock(ms: number, timeZone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) % 24 };
}
