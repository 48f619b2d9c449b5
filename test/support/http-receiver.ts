import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver heard. */
export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What a receiver answers. */
export interface ReceiverReply {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/** A loopback HTTP server standing in for someone else's endpoint (a webhook consumer, a CDN purge API). */
export interface HttpReceiver {
  /** Base URL, `http://127.0.0.1:<port>`; any path on it is heard. */
  url: string;
  /** Every request so far, in arrival order (tests may empty it with `received.length = 0`). */
  received: ReceivedRequest[];
  /**
   * How to answer: a function of the request, else 200 "ok". Change it whenever the test needs another answer
   * (e.g. a queue of statuses: `rx.respond = () => ({ status: statuses.shift() ?? 200 })`).
   */
  respond: (req: ReceivedRequest) => ReceiverReply | Promise<ReceiverReply>;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 at a free port. The one loopback server of the test suite. */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const rx: HttpReceiver = {
    url: '',
    received: [],
    respond: () => ({ status: 200, body: 'ok' }),
    close: () => {
      // Connections a client keeps alive would hold close() open.
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const heard: ReceivedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      rx.received.push(heard);
      try {
        const reply = await rx.respond(heard);
        res.writeHead(reply.status, reply.headers).end(reply.body ?? '');
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rx.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return rx;
}
