import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { SMTP_POOL } from '../src/mail/mailer.js';

/** One message as the sink received it: the bytes and the envelope, to send again as the baseline. */
export interface SinkSample {
  raw: Buffer;
  envelope: { from: string; to: string };
}

/** An SMTP server that accepts every message, discards it and counts it (the first one is kept as a sample). */
export interface MailSink {
  /** `smtp://127.0.0.1:<port>`. */
  url: string;
  /** Messages accepted since the sink started. */
  count(): number;
  sample(): SinkSample | null;
  /** Resolves once the count reaches `n`; rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts the sink in this process (smtp-server, no TLS, no auth, no parsing). */
export async function startMailSink(): Promise<MailSink> {
  let count = 0;
  let sample: SinkSample | null = null;
  let waiter: { n: number; resolve: () => void } | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] | null = sample ? null : [];
      stream.on('data', (c: Buffer) => chunks?.push(c));
      stream.on('end', () => {
        if (chunks && !sample)
          sample = {
            raw: Buffer.concat(chunks),
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo[0]?.address ?? '',
            },
          };
        count++;
        if (waiter && count >= waiter.n) {
          waiter.resolve();
          waiter = null;
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    count: () => count,
    sample: () => sample,
    waitFor(n, timeoutMs) {
      if (count >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`waited ${timeoutMs} ms for ${n} messages; got ${count}`)),
          timeoutMs,
        );
        waiter = {
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The ceiling: a bare nodemailer client with the mailer's pool (SMTP_POOL) sends `count` copies of the sample's
 * bytes to the sink, `inFlight` at a time, as fast as it can. Resolves when the last is accepted.
 */
export async function sendBare(url: string, sample: SinkSample, count: number, inFlight: number): Promise<void> {
  const transport = nodemailer.createTransport({ url, ...SMTP_POOL });
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await transport.sendMail({ envelope: sample.envelope, raw: sample.raw });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  } finally {
    transport.close();
  }
}
