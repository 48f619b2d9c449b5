import http from 'node:http';

/** One Server-Sent Event as a reader's EventSource would see it. */
export interface SseEvent {
  id: string | null;
  data: any;
}

/** A real SSE reader over HTTP: collects events, and can wait for the ones a test expects. */
export interface SseClient {
  events: SseEvent[];
  /** Comment lines (heartbeats) seen so far. */
  comments: number;
  status: Promise<number>;
  /** Resolves once `pred` holds for the events so far (fails after `timeoutMs`, a guard, not an assertion on speed). */
  waitFor(pred: (events: SseEvent[]) => boolean, what?: string, timeoutMs?: number): Promise<SseEvent[]>;
  lastId(): string | null;
  close(): void;
}

/** Opens `url` as an event stream (optionally resuming with Last-Event-ID). */
export function openSse(url: string, opts: { lastEventId?: string } = {}): SseClient {
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let buf = '';
  let comments = 0;
  let resolveStatus: (s: number) => void = () => {};
  const status = new Promise<number>((r) => (resolveStatus = r));
  const req = http.get(
    url,
    { headers: { Accept: 'text/event-stream', ...(opts.lastEventId ? { 'Last-Event-ID': opts.lastEventId } : {}) } },
    (res) => {
      resolveStatus(res.statusCode ?? 0);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let id: string | null = null;
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments++;
            else if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length) events.push({ id, data: JSON.parse(data.join('\n')) });
        }
        for (const w of waiters) w();
      });
    },
  );
  req.on('error', () => {});
  return {
    events,
    get comments() {
      return comments;
    },
    status,
    waitFor(pred, what = 'events', timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pred(events)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(events);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `timed out waiting for ${what}; got ${JSON.stringify(events.map((e) => [e.id, e.data.type, e.data.storyId]))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    lastId: () => [...events].reverse().find((e) => e.id !== null)?.id ?? null,
    close: () => req.destroy(),
  };
}
