import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { SMTP_POOL } from '../src/mail/mailer.js';

/** One message as the sink received it: the bytes and the envelope, to send again as the baseline. */
export interface SinkSample {
  raw: Buffer;
  envelope: { from: string; to: string };
}

/**
 * An SMTP server that accepts every message, discards it and counts it (the first one is kept as a sample). It
 * runs in a process of its own, so the sending process's CPU figure is its own and the two do not share one
 * event loop: what limits the rate is the sender, not the receiver.
 */
export interface MailSink {
  /** `smtp://127.0.0.1:<port>`. */
  url: string;
  /** Messages accepted since the sink started (as last reported by the sink's process, every 20 ms). */
  count(): number;
  sample(): SinkSample | null;
  /** Resolves once the count reaches `n`; rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs: number): Promise<void>;
  /** The sink process's CPU time so far (µs, user + system). */
  cpuUs(): Promise<number>;
  close(): Promise<void>;
}

type FromSink =
  | { type: 'ready'; port: number }
  | { type: 'count'; count: number }
  | { type: 'sample'; raw: string; envelope: SinkSample['envelope'] }
  | { type: 'cpu'; us: number };

/** Starts the sink's process (this file, run with `--sink`) and waits for it to listen. */
export async function startMailSink(): Promise<MailSink> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--sink'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let count = 0;
  let sample: SinkSample | null = null;
  let waiter: { n: number; resolve: () => void } | null = null;
  let cpuAsk: ((us: number) => void) | null = null;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the mail sink exited (${code})`)));
    child.on('message', (m: FromSink) => {
      if (m.type === 'ready') resolve(m.port);
      else if (m.type === 'count') {
        count = m.count;
        if (waiter && count >= waiter.n) {
          waiter.resolve();
          waiter = null;
        }
      } else if (m.type === 'sample') sample = { raw: Buffer.from(m.raw, 'base64'), envelope: m.envelope };
      else if (m.type === 'cpu') cpuAsk?.(m.us);
    });
  });
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
    cpuUs: () =>
      new Promise<number>((resolve) => {
        cpuAsk = resolve;
        child.send({ type: 'cpu' });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The sink's process: smtp-server, no TLS, no auth, no parsing; the count goes to the parent every 20 ms. */
async function runSink(): Promise<void> {
  const send = (m: FromSink) => process.send?.(m);
  let count = 0;
  let sampled = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // As many connections as a sender opens.
    maxClients: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] | null = sampled ? null : [];
      stream.on('data', (c: Buffer) => chunks?.push(c));
      stream.on('end', () => {
        if (chunks && !sampled) {
          sampled = true;
          send({
            type: 'sample',
            raw: Buffer.concat(chunks).toString('base64'),
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo[0]?.address ?? '',
            },
          });
        }
        count++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address() as AddressInfo).port;
  let told = -1;
  setInterval(() => {
    if (count === told) return;
    told = count;
    send({ type: 'count', count });
  }, 20);
  process.on('message', (m: { type: string }) => {
    if (m.type === 'cpu') {
      const c = process.cpuUsage();
      send({ type: 'cpu', us: c.user + c.system });
    }
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port });
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

if (process.argv.includes('--sink')) await runSink();
