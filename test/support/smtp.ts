import { type AddressInfo, createServer } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message the test SMTP server accepted, parsed. */
export interface ReceivedMail {
  /** The SMTP envelope: MAIL FROM and RCPT TO. */
  envelope: { from: string; to: string[] };
  /** Header names lower-cased; values as mailparser reads them (structured for address and date headers). */
  headers: Map<string, unknown>;
  /** The raw header lines (e.g. to check DKIM-Signature or List-Unsubscribe as sent). */
  headerLines: readonly { key: string; line: string }[];
  subject: string;
  from: string;
  to: string;
  messageId: string;
  html: string;
  text: string;
  /** The whole message as received (for DKIM verification). */
  raw: Buffer;
  parsed: ParsedMail;
}

export interface TestSmtp {
  /** `smtp://127.0.0.1:<port>`: set it as SMTP_URL. */
  url: string;
  /** Every message received so far, in order. */
  messages: ReceivedMail[];
  /** Resolves once `n` messages have been received in all; rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /**
   * From now on, a message whose data has arrived waits for its answer (the client waits for its 250): the server
   * has not taken it yet. `release()` answers them: each whose client is still connected is accepted; one whose
   * client went away meanwhile (killed) is dropped, as the server never took responsibility for it.
   */
  hold(): void;
  release(): void;
  /** Messages whose client went away before they were answered (see hold). */
  dropped(): number;
  /** Held messages whose client has gone away (the server saw its connection close), not yet dropped. */
  heldGone(): number;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process (smtp-server, no TLS, no auth), each message parsed by mailparser.
 * `rejectRecipient(address)` may answer an SMTP code for a recipient (e.g. 550: a permanent failure, 450: a
 * temporary one); undefined accepts it. `port` listens there (a server that comes back where one was down).
 */
export async function startSmtp(
  opts: { rejectRecipient?: (address: string) => number | undefined; port?: number } = {},
): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const closed = new Set<string>();
  let holding = false;
  let held: { session: string; accept: () => void; drop: () => void }[] = [];
  let dropped = 0;
  const server = new SMTPServer({
    onClose(session) {
      closed.add(session.id);
    },
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const code = opts.rejectRecipient?.(address.address);
      if (code) {
        const err = new Error(`${code} recipient refused`) as Error & { responseCode: number };
        err.responseCode = code;
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        if (holding) {
          held.push({
            session: session.id,
            accept: () => take(raw, envelope, callback),
            drop: () => {
              dropped++;
              callback(new Error('client gone'));
            },
          });
          return;
        }
        take(raw, envelope, callback);
      });
    },
  });
  function take(raw: Buffer, envelope: ReceivedMail['envelope'], callback: (err?: Error | null) => void) {
    simpleParser(raw)
      .then((parsed) => {
        const addr = (a: ParsedMail['from'] | ParsedMail['to']) =>
          (Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? '')) as string;
        messages.push({
          envelope,
          headers: parsed.headers as Map<string, unknown>,
          headerLines: parsed.headerLines,
          subject: parsed.subject ?? '',
          from: addr(parsed.from),
          to: addr(parsed.to),
          messageId: parsed.messageId ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          text: parsed.text ?? '',
          raw,
          parsed,
        });
        for (const w of waiters.splice(0)) w();
        callback();
      })
      .catch((err: Error) => callback(err));
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`waited ${timeoutMs} ms for ${n} messages; got ${messages.length}`)),
          timeoutMs,
        );
        const check = () => {
          if (messages.length >= n) {
            clearTimeout(timer);
            resolve(messages.slice());
          } else waiters.push(check);
        };
        check();
      });
    },
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      const waiting = held;
      held = [];
      for (const h of waiting) (closed.has(h.session) ? h.drop : h.accept)();
    },
    dropped: () => dropped,
    heldGone: () => held.filter((h) => closed.has(h.session)).length,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a message's plain-text part that goes to `pathPart` (e.g. '/account/link/'). */
export function linkIn(mail: Pick<ReceivedMail, 'text'>, pathPart: string): string {
  const found = mail.text.match(/https?:\/\/\S+/g)?.find((u) => u.includes(pathPart));
  if (!found) throw new Error(`no link with ${pathPart} in:\n${mail.text}`);
  return found;
}

/** A port on 127.0.0.1 where nothing listens now (an SMTP server that is down), for a server to start on later. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
