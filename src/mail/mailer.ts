import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { CoreDeps } from '../core.deps.js';
import { insertOutboxMail } from './outbox.repo.js';

/** One email to one recipient, ready to send: both parts rendered (email.layout.ts), headers given. */
export interface MailMessage {
  /** What it is, for the outbox and the log: 'reader.sign-in', 'newsletter.issue', … */
  kind: string;
  from: { name: string; address: string };
  to: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post, …). */
  headers?: Record<string, string>;
  /** A Message-ID to use (without it one is made); a retry with the same id lets receivers drop a duplicate. */
  messageId?: string;
}

/** The one way mail leaves Broadsheet: SMTP when SMTP_URL is set, the local outbox otherwise. */
export interface Mailer {
  /** Sends one message; resolves with its Message-ID, or throws MailSendError. */
  send(m: MailMessage): Promise<{ messageId: string }>;
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
  return {
    kind: 'smtp',
    async send(m) {
      const messageId = m.messageId ?? newMessageId(m.from.address);
      try {
        await transport.sendMail({
          from: { name: m.from.name, address: m.from.address },
          to: m.to,
          ...(m.replyTo ? { replyTo: m.replyTo } : {}),
          subject: m.subject,
          html: m.html,
          text: m.text,
          messageId,
          ...(m.headers ? { headers: m.headers } : {}),
        });
        return { messageId };
      } catch (err) {
        throw toSendError(err);
      }
    },
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
  return {
    kind: 'outbox',
    async send(m) {
      const messageId = m.messageId ?? newMessageId(m.from.address);
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
          'Message-ID': messageId,
        }),
        created_at: deps.clock(),
      });
      return { messageId };
    },
    async close() {},
  };
}
