import type { AppDeps } from '../app.deps.js';
import type { ReaderTokenPurpose } from '../db/database.js';
import { editionOf, editionPath } from '../editions/edition.js';
import { translator } from '../i18n/catalogue.js';
import { LruMap } from '../lib/lru.js';
import { type EmailBlock, type EmailNewsroom, emailNewsroom, renderEmail } from '../mail/email.layout.js';
import { findReaderById, insertReaderToken } from './reader.repo.js';
import { isActiveReader } from './reader.service.js';
import { hashReaderToken, newReaderToken } from './reader-token.js';

/** How long an emailed link works (from when its mail is sent). */
export const SIGN_IN_LINK_TTL_MS = 30 * 60_000;

/** What a link carries out when it is followed. */
export interface LinkPayload {
  /** Newsletters to subscribe the reader to (a sign-up form's choice: double opt-in). */
  newsletters: number[];
  /** Where to go afterwards: a path on this site. */
  next: string;
}

/** Which words a link email has: signing in, signing up (confirms the address too), confirming a new address. */
export type LinkKind = 'signIn' | 'signUp' | 'change';

/** One link email to send (a `reader.link-mail` job's payload). */
export interface LinkMail {
  readerId: number;
  to: string;
  purpose: ReaderTokenPurpose;
  kind: LinkKind;
  /** The edition language of the page the request came from. */
  language: string;
  link: LinkPayload;
}

/** The notice to an account's old address that its email changed (a `reader.email-changed` job's payload). */
export interface EmailChangedNotice {
  readerId: number;
  oldEmail: string;
  newEmail: string;
  /** The reader's edition language. */
  language: string;
}

type MailDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'lookups' | 'mailer' | 'log'>;

/**
 * Sends one link email: makes the token (stored hashed only: the plain one is only ever in the mail), renders the
 * email in the edition's words and sends it. Nothing when the reader was erased meanwhile. Throws MailSendError
 * when the send fails; each try makes its own token, so a link from a try that never arrived is never valid long.
 */
export async function sendLinkMail(deps: MailDeps, m: LinkMail): Promise<void> {
  if (!isActiveReader(await findReaderById(deps.db, m.readerId))) return;
  const token = newReaderToken();
  const now = deps.clock();
  await insertReaderToken(deps.db, {
    token_hash: hashReaderToken(token),
    reader_id: m.readerId,
    purpose: m.purpose,
    new_email: m.purpose === 'email-change' ? m.to : null,
    payload: JSON.stringify(m.link),
    created_at: now,
    expires_at: now + SIGN_IN_LINK_TTL_MS,
    used_at: null,
  });
  const { editions } = await deps.lookups.settings();
  const edition = editionOf(editions, m.language);
  const linkBase = `${deps.config.publicUrl}${editionPath(edition, '/account/link/')}`;
  const newsroom = await emailNewsroom(deps, edition.code);
  const made = await linkEmail(m.kind, edition.code, newsroom, linkBase);
  // The token is base64url: put in where the slot was, it needs no escaping in HTML or text.
  await deps.mailer.send({
    kind: `reader.${m.purpose}`,
    from: sender(deps, newsroom),
    to: m.to,
    subject: made.subject,
    html: made.html.replaceAll(TOKEN_SLOT, token),
    text: made.text.replaceAll(TOKEN_SLOT, token),
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  if (deps.mailer.kind === 'outbox')
    deps.log({
      msg: 'sign-in link (no SMTP_URL: the mail is in the outbox, /desk/outbox)',
      to: m.to,
      url: `${linkBase}${token}`,
    });
}

/**
 * Tells an account's old address that the account now uses another one, and what to do if that was not the
 * reader: in the reader's edition language, replies going to the newsroom's address.
 */
export async function sendEmailChangedNotice(deps: MailDeps, n: EmailChangedNotice): Promise<void> {
  const { editions } = await deps.lookups.settings();
  const edition = editionOf(editions, n.language);
  const newsroom = await emailNewsroom(deps, edition.code);
  const t = translator(edition.code);
  const site = newsroom.name;
  const subject = t('email.changed.subject', { site });
  const { html, text } = await renderEmail({
    t,
    language: edition.code,
    newsroom,
    subject,
    blocks: [
      { kind: 'heading', text: t('email.changed.heading') },
      { kind: 'paragraph', text: t('email.changed.text', { site, address: n.newEmail }) },
      { kind: 'paragraph', text: t('email.changed.notYou', { site }) },
    ],
  });
  await deps.mailer.send({
    kind: 'reader.email-changed',
    from: sender(deps, newsroom),
    to: n.oldEmail,
    subject,
    html,
    text,
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
}

const sender = (deps: Pick<AppDeps, 'config'>, newsroom: EmailNewsroom) => ({
  name: deps.config.mail.from.name || newsroom.name,
  address: deps.config.mail.from.address,
});

/** Stands in for the token in a rendered link email (base64url letters only, so escaping leaves it as it is). */
const TOKEN_SLOT = 'BSxTOKENxSLOTxBS';
/**
 * Link emails rendered once per kind, language, newsroom and link address, the token left as a slot: mjml costs
 * milliseconds a message, and a flood of sign-ins should cost a replace each, not a rendering.
 */
const linkEmails = new LruMap<string, Promise<{ subject: string; html: string; text: string }>>(64);

function linkEmail(kind: LinkKind, language: string, newsroom: EmailNewsroom, linkBase: string) {
  const key = JSON.stringify([kind, language, newsroom, linkBase]);
  let made = linkEmails.get(key);
  if (!made) {
    const t = translator(language);
    const site = newsroom.name;
    const subject = t(`email.${kind}.subject`, { site });
    const url = `${linkBase}${TOKEN_SLOT}`;
    const blocks: EmailBlock[] = [
      { kind: 'heading', text: t(`email.${kind}.heading`, { site }) },
      { kind: 'paragraph', text: t(`email.${kind}.text`, { site }) },
      { kind: 'button', label: t(`email.${kind}.button`), href: url },
      { kind: 'note', text: t('email.expires', { count: Math.round(SIGN_IN_LINK_TTL_MS / 60_000) }) },
      { kind: 'note', text: `${t('email.linkFallback')}\n${url}` },
      { kind: 'note', text: t('email.ignore') },
    ];
    const rendering = renderEmail({ t, language, newsroom, subject, blocks }).then((r) => ({ subject, ...r }));
    rendering.catch(() => linkEmails.delete(key));
    made = rendering;
    linkEmails.set(key, made);
  }
  return made;
}
