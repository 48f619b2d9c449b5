import MailComposer from 'nodemailer/lib/mail-composer';
import { encode, wrap } from 'nodemailer/lib/qp';

/**
 * A message sent to many (a newsletter issue): the same HTML, text and headers for every recipient but a few
 * values, which stand in it as slots (`mailSlot(name)`). `compileMail` builds its MIME once, with nodemailer's own
 * composer and quoted-printable encoder; each copy then only joins the pieces with its values. Building the
 * MIME (tree, streams, boundaries, the quoted-printable of a 50 kB body) is what nodemailer spends per message.
 */
export interface MailBody {
  kind: string;
  from: { name: string; address: string };
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers (List-Unsubscribe, …); a value may hold slots (then it is sent as written, not folded). */
  headers?: Record<string, string>;
}

/** What one recipient's copy fills in: the address, the Message-ID, and a value per slot. */
export interface MailCopy {
  to: string;
  messageId: string;
  /** Values by slot name; a value holds no line break. A slot without a value stays as it is written. */
  slots?: Readonly<Record<string, string>>;
}

/** Where a value goes in a message sent to many: `__BS_<NAME>__` (capitals, digits, `_`). */
export const mailSlot = (name: string): string => `__BS_${name}__`;

const SLOT = /__BS_([A-Z0-9_]+)__/g;

/** A message with its slots filled: what the outbox keeps, the desk's preview shows, a one-off send sends. */
export function fillMail(m: MailBody, copy: MailCopy): MailBody & { to: string; messageId: string } {
  const fill = (s: string) => s.replace(SLOT, (whole, name: string) => copy.slots?.[name] ?? whole);
  return {
    ...m,
    to: copy.to,
    messageId: copy.messageId,
    html: fill(m.html),
    text: fill(m.text),
    ...(m.headers ? { headers: Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, fill(v)])) } : {}),
  };
}

/** nodemailer's options for a message (the one mapping of ours to theirs). */
export function nodemailerOptions(m: MailBody & { to: string; messageId: string }) {
  return {
    from: { name: m.from.name, address: m.from.address },
    to: m.to,
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    subject: m.subject,
    html: m.html,
    text: m.text,
    messageId: m.messageId,
    ...(m.headers ? { headers: m.headers } : {}),
  };
}

/** A piece of a compiled message: bytes as they are, or a value to put in (quoted-printable in a body). */
type Piece = string | { slot: string; qp: boolean };

/** A message compiled once: `raw(copy)` is one recipient's whole message, ready for SMTP. */
export interface CompiledMime {
  raw(copy: MailCopy): string;
}

// Stand-ins the composer writes as they are, replaced per copy.
const TO = 'slot-to@slot.invalid';
const MESSAGE_ID = '<slot-message-id@slot.invalid>';
const DATE = '__BSPART_DATE__';
const HTML = '__BSPART_HTML__';
const TEXT = '__BSPART_TEXT__';
const PARTS =
  /slot-to@slot\.invalid|<slot-message-id@slot\.invalid>|__BSPART_(?:DATE|HTML|TEXT)__|__BS_([A-Z0-9_]+)__/g;

/** A body as quoted-printable pieces: the text between slots encoded once, a soft line break around each slot. */
function bodyPieces(content: string): Piece[] {
  const out: Piece[] = [];
  const text = content.replace(/\r?\n/g, '\r\n');
  let at = 0;
  for (const m of text.matchAll(SLOT)) {
    if (m.index > at) out.push(`${wrap(encode(text.slice(at, m.index)), 76)}=\r\n`);
    out.push({ slot: m[1]!, qp: true }, '=\r\n');
    at = m.index + m[0].length;
  }
  out.push(wrap(encode(text.slice(at)), 76));
  return out;
}

/** Compiles a message for many recipients (see MailBody). */
export async function compileMime(m: MailBody): Promise<CompiledMime> {
  const headers: Record<string, string | { prepared: true; value: string }> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) headers[k] = v.match(SLOT) ? { prepared: true, value: v } : v;
  const composer = new MailComposer({
    from: { name: m.from.name, address: m.from.address },
    to: TO,
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    subject: m.subject,
    messageId: MESSAGE_ID,
    headers: { ...headers, Date: DATE },
    text: { content: TEXT, headers: { 'Content-Transfer-Encoding': 'quoted-printable' } },
    html: { content: HTML, headers: { 'Content-Transfer-Encoding': 'quoted-printable' } },
  });
  const skeleton = (await composer.compile().build()).toString('utf8');
  const pieces: Piece[] = [];
  let at = 0;
  for (const p of skeleton.matchAll(PARTS)) {
    pieces.push(skeleton.slice(at, p.index));
    at = p.index + p[0].length;
    if (p[0] === HTML) pieces.push(...bodyPieces(m.html));
    else if (p[0] === TEXT) pieces.push(...bodyPieces(m.text));
    else if (p[0] === TO) pieces.push({ slot: ' to', qp: false });
    else if (p[0] === MESSAGE_ID) pieces.push({ slot: ' id', qp: false });
    else if (p[0] === DATE) pieces.push({ slot: ' date', qp: false });
    else pieces.push({ slot: p[1]!, qp: false });
  }
  pieces.push(skeleton.slice(at));
  return {
    raw(copy) {
      const date = new Date().toUTCString().replace(/GMT/, '+0000');
      let out = '';
      for (const p of pieces) {
        if (typeof p === 'string') out += p;
        else {
          const v =
            p.slot === ' to'
              ? copy.to
              : p.slot === ' id'
                ? copy.messageId
                : p.slot === ' date'
                  ? date
                  : (copy.slots?.[p.slot] ?? mailSlot(p.slot));
          if (/[\r\n]/.test(v)) throw new Error(`a mail slot's value holds a line break (${p.slot})`);
          out += p.qp ? wrap(encode(v), 76) : v;
        }
      }
      return out;
    },
  };
}

/** An address that can stand in a header as it is (ASCII, no display name, nothing to quote or encode). */
export const plainAddress = (a: string): boolean => /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$/.test(a);
