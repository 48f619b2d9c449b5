import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { CoreDeps } from '../core.deps.js';
import {
  type CompiledMime,
  type MailBody,
  type MailCopy,
  compileMime,
  fillMail,
  nodemailerOptions,
  plainAddress,
} from './mail.template.js';
import { insertOutboxMail } from './outbox.repo.js';

/** One email to one recipient, ready to send: both parts rendered (email.layout.ts), headers given. */
export interface MailMessage extends MailBody {
  to: string;
  /** A Message-ID to use (without it one is made); a retry with the same id lets receivers drop a duplicate. */
  messageId?: string;
}

/** A message compiled once for many recipients (Mailer.compile): each copy fills in its address and slots. */
export interface CompiledMail {
  /** Sends one copy; resolves with its Message-ID, or throws MailSendError. */
  send(copy: MailCopy): Promise<{ messageId: string }>;
}

/** The one way mail leaves Broadsheet: SMTP when SMTP_URL is set, the local outbox otherwise. */
export interface Mailer {
  /** Sends one message (compiled for its one recipient); resolves with its Message-ID, or throws MailSendError. */
  send(m: MailMessage): Promise<{ messageId: string }>;
  /**
   * Compiles a message sent to many (a newsletter issue, mail.template.ts): its MIME is built once, and each
   * copy only puts in its values.
   */
  compile(m: MailBody): CompiledMail;
  /** Closes pooled connections (at shutdown). */
  close(): Promise<void>;
  /** 'smtp' or 'outbox': where mail goes (the sign-in service prints links to the log when it is the outbox). */
  readonly kind: 'smtp' | 'outbox';
}

/** A send that failed. `permanent` (an SMTP 5xx): retrying will not help; the address should be marked bouncing. */
export class MailSendError extends Error {
  readonly permanent: boolean;
  readonly responseCode?: number;
  constructor(message: string, opts: { permanent: boolean; responseCode?: number; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'MailSendError';
    this.permanent = opts.permanent;
    if (opts.responseCode !== undefined) this.responseCode = opts.responseCode;
  }
}

type MailerDeps = Pick<CoreDeps, 'config' | 'db' | 'clock' | 'log'>;

/** A Message-ID in the sender's domain. */
export function newMessageId(fromAddress: string): string {
  const domain = fromAddress.split('@')[1] || 'localhost';
  return `<${randomBytes(12).toString('hex')}@${domain}>`;
}

/** The mailer the configuration asks for: pooled SMTP (DKIM-signed when a key is set) or the local outbox. */
export function createMailer(deps: MailerDeps): Mailer {
  return deps.config.mail.smtpUrl ? smtpMailer(deps, deps.config.mail.smtpUrl) : outboxMailer(deps);
}

/** The SMTP connection pool: connections open at once, messages per connection before it is replaced. */
export const SMTP_POOL = { pool: true, maxConnections: 5, maxMessages: 1000 } as const;

function smtpMailer(deps: MailerDeps, url: string): Mailer {
  const dkim = deps.config.mail.dkim;
  const transport = nodemailer.createTransport({
    url,
    ...SMTP_POOL,
    ...(dkim ? { dkim } : {}),
  });
  const compile = (m: MailBody): CompiledMail => {
    // Built on the first copy (a build that failed is tried again by the next).
    let mime: Promise<CompiledMime> | null = null;
    return {
      async send(copy) {
        try {
          if (!plainAddress(copy.to)) {
            // An address nodemailer has to encode (IDN, quoting): this copy goes the long way.
            await transport.sendMail(nodemailerOptions(fillMail(m, copy)));
            return { messageId: copy.messageId };
          }
          mime ??= compileMime(m).catch((err: unknown) => {
            mime = null;
            throw err;
          });
          const raw = (await mime).raw(copy);
          await transport.sendMail({ envelope: { from: m.from.address, to: [copy.to] }, raw });
          return { messageId: copy.messageId };
        } catch (err) {
          throw toSendError(err);
        }
      },
    };
  };
  return {
    kind: 'smtp',
    send: (m) => compile(m).send({ to: m.to, messageId: m.messageId ?? newMessageId(m.from.address) }),
    compile,
    async close() {
      transport.close();
    },
  };
}

/** Reads nodemailer's error: a 5xx reply is permanent (the address or message is refused), anything else may pass. */
function toSendError(err: unknown): MailSendError {
  const e = err as { responseCode?: number; message?: string; code?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  return new MailSendError(e.message ?? String(err), {
    permanent: code !== undefined && code >= 500 && code < 600,
    ...(code !== undefined ? { responseCode: code } : {}),
    cause: err,
  });
}

function outboxMailer(deps: MailerDeps): Mailer {
  const compile = (body: MailBody): CompiledMail => ({
    async send(copy) {
      const m = fillMail(body, copy);
      const from = m.from.name ? `${m.from.name} <${m.from.address}>` : m.from.address;
      await insertOutboxMail(deps.db, {
        kind: m.kind,
        to_address: m.to,
        from_address: from,
        subject: m.subject,
        html: m.html,
        text: m.text,
        headers: JSON.stringify({
          ...(m.replyTo ? { 'Reply-To': m.replyTo } : {}),
          ...m.headers,
          'Message-ID': m.messageId,
        }),
        created_at: deps.clock(),
      });
      return { messageId: m.messageId };
    },
  });
  return {
    kind: 'outbox',
    send: (m) => compile(m).send({ to: m.to, messageId: m.messageId ?? newMessageId(m.from.address) }),
    compile,
    async close() {},
  };
}
