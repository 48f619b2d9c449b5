import mjml2html from 'mjml';
import type { AppDeps } from '../app.deps.js';
import type { Translate } from '../i18n/catalogue.types.js';
import { escapeHtml } from '../lib/html-escape.js';
import { editionOf, editionPath } from '../editions/edition.js';
import { newsroomIn } from '../settings/newsroom-words.js';

/** The newsroom as its emails name it: the name at the top, the name and postal address in the footer. */
export interface EmailNewsroom {
  name: string;
  /** Postal address (the `site.address` setting, or the edition's own); several lines allowed. */
  address: string;
  /** The edition's home page, absolute (the header links to it). */
  url: string;
}

/**
 * A piece of an email's body. Text is plain text (escaped here); links and image sources are absolute URLs the
 * caller built. N's newsletters add story blocks (`story`) through the same list.
 */
export type EmailBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Smaller, quieter text (an expiry notice, "if you did not ask for this"). */
  | { kind: 'note'; text: string }
  /** A button; the plain-text part shows the label and the URL on its own line. */
  | { kind: 'button'; label: string; href: string }
  /** An image: width and height (pixels, as shown) and alt text are required, so clients reserve the space. */
  | { kind: 'image'; src: string; width: number; height: number; alt: string; href?: string }
  | { kind: 'divider' }
  /**
   * A story in a newsletter (N): its picture (width/height/alt), a kicker (its section), the headline linking to
   * it, a summary and a "read more" link; the plain-text part shows the headline, summary and URL.
   */
  | {
      kind: 'story';
      headline: string;
      href: string;
      kicker?: string;
      summary?: string;
      image?: { src: string; width: number; height: number; alt: string };
      more: string;
    }
  /**
   * A run of a story's body as the one document renderer made it (document/document.render.ts: escaped text,
   * checked links, absolute URLs), with its plain text beside it. Only that renderer's output goes here.
   */
  | { kind: 'body'; html: string; text: string };

export interface EmailContent {
  /** The words of the email's language (the reader's edition). */
  t: Translate;
  /** BCP 47 language of the email (`<html lang>`). */
  language: string;
  newsroom: EmailNewsroom;
  /** The subject (also the HTML <title>). */
  subject: string;
  /** The hidden first line many clients show in the inbox list. */
  preview?: string;
  blocks: readonly EmailBlock[];
  /** "Read on the site" links here when given (a story, an issue's web page). */
  readOnSite?: string;
  /** Extra footer lines, plain text (an unsubscribe notice; N puts the unsubscribe link here). */
  footer?: readonly { text: string; href?: string }[];
}

/** An email rendered: responsive HTML for mail clients (tables, inlined CSS) and its plain-text part. */
export interface RenderedEmail {
  html: string;
  text: string;
}

const FONT = 'Georgia, "Times New Roman", serif';
const SANS = 'Helvetica, Arial, sans-serif';
const INK = '#1a1a1a';
const MUTED = '#5c5c5c';

/** Text for an mjml element's content (mjml content is HTML): escaped, line breaks kept. */
const text = (s: string) => escapeHtml(s).replace(/\r?\n/g, '<br>');
const attr = (s: string) => escapeHtml(s);

function blockMjml(b: EmailBlock): string {
  switch (b.kind) {
    case 'heading':
      return (
        `<mj-text font-family='${FONT}' font-size="24px" line-height="1.25" font-weight="bold" color="${INK}" ` +
        `padding="8px 24px">${text(b.text)}</mj-text>`
      );
    case 'paragraph':
      return `<mj-text font-family='${FONT}' font-size="17px" line-height="1.5" color="${INK}" padding="8px 24px">${text(b.text)}</mj-text>`;
    case 'note':
      return `<mj-text font-family='${SANS}' font-size="13px" line-height="1.5" color="${MUTED}" padding="8px 24px">${text(b.text)}</mj-text>`;
    case 'button':
      return (
        `<mj-button href="${attr(b.href)}" font-family='${SANS}' font-size="16px" background-color="${INK}" ` +
        `color="#ffffff" border-radius="4px" inner-padding="12px 24px" padding="16px 24px" align="left">` +
        `${text(b.label)}</mj-button>`
      );
    case 'image':
      return (
        `<mj-image src="${attr(b.src)}" width="${Math.round(b.width)}px" height="${Math.round(b.height)}px" ` +
        `alt="${attr(b.alt)}"${b.href ? ` href="${attr(b.href)}"` : ''} padding="8px 24px" />`
      );
    case 'divider':
      return `<mj-divider border-width="1px" border-color="#dddddd" padding="16px 24px" />`;
    case 'story':
      return [
        b.image
          ? `<mj-image src="${attr(b.image.src)}" width="${Math.round(b.image.width)}px" ` +
            `height="${Math.round(b.image.height)}px" alt="${attr(b.image.alt)}" href="${attr(b.href)}" ` +
            `padding="16px 24px 4px" />`
          : '',
        b.kicker
          ? `<mj-text font-family='${SANS}' font-size="12px" letter-spacing="1px" text-transform="uppercase" ` +
            `color="${MUTED}" padding="8px 24px 0">${text(b.kicker)}</mj-text>`
          : '',
        `<mj-text font-family='${FONT}' font-size="21px" line-height="1.3" font-weight="bold" padding="4px 24px">` +
          `<a href="${attr(b.href)}" style="color:${INK};text-decoration:none">${text(b.headline)}</a></mj-text>`,
        b.summary
          ? `<mj-text font-family='${FONT}' font-size="16px" line-height="1.5" color="${INK}" padding="4px 24px">${text(b.summary)}</mj-text>`
          : '',
        `<mj-text font-family='${SANS}' font-size="14px" padding="4px 24px 16px"><a href="${attr(b.href)}" style="color:${INK}">${text(b.more)}</a></mj-text>`,
      ].join('');
    case 'body':
      return `<mj-text font-family='${FONT}' font-size="17px" line-height="1.55" color="${INK}" padding="4px 24px">${b.html}</mj-text>`;
  }
}

function blockText(b: EmailBlock): string {
  switch (b.kind) {
    case 'heading':
      return `${b.text}\n${'='.repeat(Math.min(60, [...b.text].length))}`;
    case 'paragraph':
    case 'note':
      return b.text;
    case 'button':
      return `${b.label}:\n${b.href}`;
    case 'image':
      return b.alt ? `[${b.alt}]` : '';
    case 'divider':
      return '-----';
    case 'story':
      return [b.kicker?.toUpperCase(), b.headline, b.summary, `${b.more}: ${b.href}`].filter(Boolean).join('\n');
    case 'body':
      return b.text;
  }
}

/**
 * The one email layout: the newsroom's name at the top, the content blocks, a "read on the site" link where
 * given, and a footer with the newsroom's name and postal address. Rendered by mjml (tables and inlined styles
 * that hold up in Outlook and Gmail) with the plain-text part made from the same blocks.
 */
export async function renderEmail(content: EmailContent): Promise<RenderedEmail> {
  const { t, newsroom } = content;
  const footer = [t('email.footer.sentBy', { site: newsroom.name }), ...(newsroom.address ? [newsroom.address] : [])];
  const extraFooter = content.footer ?? [];
  const masthead =
    `<mj-text font-family='${FONT}' font-size="22px" font-weight="bold" color="${INK}" padding="0 24px">` +
    `<a href="${attr(newsroom.url)}" style="color:${INK};text-decoration:none">${text(newsroom.name)}</a></mj-text>`;
  const readOnSite = content.readOnSite
    ? `<mj-text font-family='${SANS}' font-size="15px" padding="16px 24px 8px">` +
      `<a href="${attr(content.readOnSite)}" style="color:${INK}">${text(t('email.readOnSite'))}</a></mj-text>`
    : '';
  const mjml = `<mjml lang="${attr(content.language)}">
  <mj-head>
    <mj-title>${text(content.subject)}</mj-title>
    ${content.preview ? `<mj-preview>${text(content.preview)}</mj-preview>` : ''}
    <mj-attributes><mj-all font-family='${FONT}' /></mj-attributes>
  </mj-head>
  <mj-body background-color="#f4f4f1" width="600px">
    <mj-section padding="24px 0 8px"><mj-column>
      ${masthead}
    </mj-column></mj-section>
    <mj-section background-color="#ffffff" padding="16px 0"><mj-column>
      ${content.blocks.map(blockMjml).join('\n      ')}
      ${readOnSite}
    </mj-column></mj-section>
    <mj-section padding="16px 0 32px"><mj-column>
      ${[...footer.map((line) => ({ text: line, href: undefined as string | undefined })), ...extraFooter]
        .map(
          (line) =>
            `<mj-text font-family='${SANS}' font-size="12px" line-height="1.5" color="${MUTED}" padding="2px 24px">${
              line.href ? `<a href="${attr(line.href)}" style="color:${MUTED}">${text(line.text)}</a>` : text(line.text)
            }</mj-text>`,
        )
        .join('\n      ')}
    </mj-column></mj-section>
  </mj-body>
</mjml>`;
  const out = await mjml2html(mjml, { validationLevel: 'strict', keepComments: false });
  const textPart = [
    newsroom.name,
    '',
    ...content.blocks
      .map(blockText)
      .filter(Boolean)
      .flatMap((s) => [s, '']),
    ...(content.readOnSite ? [`${t('email.readOnSite')}: ${content.readOnSite}`, ''] : []),
    '--',
    ...footer,
    ...extraFooter.map((l) => (l.href ? `${l.text}: ${l.href}` : l.text)),
  ].join('\n');
  return { html: out.html, text: `${textPart}\n` };
}

/**
 * The newsroom as an email in one language names it: its name and postal address in that edition (the primary's
 * where not written), and that edition's home page. From the settings the lookups keep in memory.
 */
export async function emailNewsroom(
  deps: Pick<AppDeps, 'lookups' | 'config'>,
  language: string,
): Promise<EmailNewsroom> {
  const s = await deps.lookups.settings();
  const { name, address } = newsroomIn(s, language);
  return { name, address, url: deps.config.publicUrl + editionPath(editionOf(s.editions, language), '/') };
}
