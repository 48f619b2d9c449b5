import { createHash } from 'node:crypto';
import type { AppDeps } from '../app.deps.js';
import type { Newsletter, NewsletterIssue } from '../db/database.js';
import { type RenderContext, renderDocumentHtml } from '../document/document.render.js';
import { type Block, type StoryDocument, documentText } from '../document/document.schema.js';
import { type Edition, editionOf, editionPath } from '../editions/edition.js';
import { notFound } from '../http/errors.js';
import { translator } from '../i18n/catalogue.js';
import type { Translate } from '../i18n/catalogue.types.js';
import { type EmailBlock, emailNewsroom, renderEmail } from '../mail/email.layout.js';
import { type MailBody, type MailCopy, fillMail, mailSlot } from '../mail/mail.template.js';
import { type MailMessage, newMessageId } from '../mail/mailer.js';
import type { ImageView } from '../media/image.present.js';
import { presentCard } from '../news-feed/card.present.js';
import { sectionMaps } from '../news-feed/news-feed.service.js';
import { loadStoryPage } from '../stories/story.page-data.js';
import { type CardRow, cardsByIds, listPublished, storyById } from '../stories/story.repo.js';
import { clickSignature, openToken, unsubscribeToken } from './newsletter.links.js';
import { newsletterById } from './newsletter.repo.js';
import type { NewsletterView } from './newsletter.service.js';
import { signingKey, trackingEnabled } from './newsletter.settings.js';

/** Slots in a rendered issue for what differs per recipient (the issue is rendered once, then filled in). */
const UNSUBSCRIBE = 'UNSUBSCRIBE';
const OPEN = 'OPEN';
const DELIVERY = 'DELIVERY';
const click = (i: number) => `CLICK_${i}`;

/** The widest an image is shown in the 600-pixel email body (its 24-pixel margins taken off). */
const CONTENT_WIDTH = 552;

/**
 * An issue rendered once (mjml is tens of milliseconds; an issue goes to many thousands): the message every
 * recipient gets, with slots (mail.template.ts) for the recipient's unsubscribe link (and, when counting is on,
 * their open pixel and click links), which the mailer compiles once. `personalize` gives each recipient's values.
 */
export interface IssueTemplate {
  issueId: number;
  newsletterId: number;
  /** The message with its slots: HTML and plain text, headers (List-Unsubscribe, List-Id, …). */
  mail: MailBody;
  /** Counting on: the links counted clicks go through, by slot number. */
  links: string[];
}

/** One recipient of an issue. */
export interface Recipient {
  /** The delivery row (0 for a test send: its counting links count nothing). */
  deliveryId: number;
  readerId: number;
  email: string;
}

type EmailDeps = Pick<AppDeps, 'db' | 'lookups' | 'config' | 'media'>;

const absolute = (publicUrl: string, url: string) => (url.startsWith('/') ? publicUrl + url : url);

/** An image as an email shows it: its fallback file at most CONTENT_WIDTH wide, with width, height and alt. */
function emailImage(publicUrl: string, img: ImageView, alt: string) {
  const width = Math.min(CONTENT_WIDTH, img.width || CONTENT_WIDTH);
  const height = img.width ? Math.round((width * img.height) / img.width) : Math.round(width * 0.5625);
  return { src: absolute(publicUrl, img.src), width, height, alt };
}

/** The language an issue is written in: the newsletter's, else its story's, else the primary edition's. */
function issueEdition(editions: readonly Edition[], n: Newsletter, storyLanguage?: string): Edition {
  return editionOf(editions, n.language || storyLanguage || (editions[0] as Edition).code);
}

/**
 * A story's body as email blocks: runs of text (paragraphs, headings, quotes, lists, dividers) rendered by the one
 * document renderer with absolute links; pictures as image blocks (width, height, alt); related stories as story
 * blocks.
 */
function bodyBlocks(doc: StoryDocument, render: RenderContext, publicUrl: string, t: Translate): EmailBlock[] {
  const out: EmailBlock[] = [];
  let run: Block[] = [];
  const flush = () => {
    if (!run.length) return;
    const part: StoryDocument = { version: 1, blocks: run };
    out.push({
      kind: 'body',
      html: renderDocumentHtml(part, { ...render, baseUrl: publicUrl, t }),
      text: documentText(part).join('\n\n'),
    });
    run = [];
  };
  for (const b of doc.blocks) {
    if (b.type === 'image') {
      const img = render.images.get(b.imageId);
      flush();
      if (img) out.push({ kind: 'image', ...emailImage(publicUrl, img, b.alt || img.alt) });
      const caption = [b.caption ?? img?.caption, b.credit ?? img?.credit].filter(Boolean).join(' ');
      if (caption) out.push({ kind: 'note', text: caption });
    } else if (b.type === 'embed') {
      const card = render.cards.get(b.storyId);
      flush();
      if (card)
        out.push({
          kind: 'story',
          headline: card.headline,
          href: absolute(publicUrl, card.url),
          summary: card.excerpt,
          more: t('newsletters.email.readMore'),
        });
    } else run.push(b);
  }
  flush();
  return out;
}

/** A story sent on its own: kicker, headline, dek, byline, picture, the whole body; read it on the site. */
async function storyContent(deps: EmailDeps, storyId: number, t: Translate) {
  const story = await storyById(deps.db, storyId);
  if (story?.status !== 'published') throw notFound('published story');
  const { story: view, render } = await loadStoryPage(deps, story);
  const publicUrl = deps.config.publicUrl;
  const blocks: EmailBlock[] = [];
  const section = view.sections.at(-1);
  if (section) blocks.push({ kind: 'note', text: section.name });
  blocks.push({ kind: 'heading', text: view.headline });
  if (view.dek) blocks.push({ kind: 'paragraph', text: view.dek });
  if (view.authors.length)
    blocks.push({
      kind: 'note',
      text: `${t('story.by', { count: view.authors.length })} ${view.authors.map((a) => a.name).join(', ')}`,
    });
  if (view.hero) blocks.push({ kind: 'image', ...emailImage(publicUrl, view.hero.image, view.hero.alt) });
  blocks.push(...bodyBlocks(view.body, render, publicUrl, t));
  return {
    blocks,
    readOnSite: absolute(publicUrl, view.url),
    preview: view.dek || view.excerpt,
    language: view.language,
  };
}

/** Cards of published stories in the order given (unpublished ones are left out). */
async function storyCards(deps: EmailDeps, ids: readonly number[]) {
  const rows = await cardsByIds(deps.db, ids);
  const ordered = ids.map((id) => rows.get(id)).filter((r): r is CardRow => r !== undefined);
  const [images, sections, settings] = await Promise.all([
    deps.lookups.images(ordered.flatMap((r) => (r.hero_image_id ? [r.hero_image_id] : []))),
    sectionMaps(deps.lookups, ordered),
    deps.lookups.settings(),
  ]);
  return ordered.map((r) => presentCard(r, sections, images, settings.editions));
}

/** A digest: the intro's paragraphs, then each story with its picture, section, headline and summary. */
async function digestContent(deps: EmailDeps, issue: NewsletterIssue, t: Translate) {
  const cards = await storyCards(deps, JSON.parse(issue.story_ids) as number[]);
  if (cards.length === 0) throw notFound('published story in this digest');
  const publicUrl = deps.config.publicUrl;
  const blocks: EmailBlock[] = [];
  for (const para of issue.intro
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean))
    blocks.push({ kind: 'paragraph', text: para });
  blocks.push({ kind: 'note', text: t('newsletters.email.inThisIssue', { count: cards.length }) });
  cards.forEach((card, i) => {
    if (i > 0) blocks.push({ kind: 'divider' });
    blocks.push({
      kind: 'story',
      headline: card.headline,
      href: absolute(publicUrl, card.url),
      ...(card.section ? { kicker: card.section.name } : {}),
      ...(card.excerpt ? { summary: card.excerpt } : {}),
      ...(card.image ? { image: emailImage(publicUrl, card.image, card.image.alt) } : {}),
      more: t('newsletters.email.readMore'),
    });
  });
  return {
    blocks,
    readOnSite: undefined,
    preview: issue.intro.split('\n')[0] || cards[0]!.headline,
    language: cards[0]!.language,
  };
}

/**
 * Every `href="http…"` of the HTML but the unsubscribe link, as counted links: through the site's click
 * redirect, with the target and a per-recipient signature (filled in by personalize).
 */
function countClicks(html: string, publicUrl: string, unsubscribeBase: string): { html: string; links: string[] } {
  const links: string[] = [];
  const out = html.replace(/href="(https?:\/\/[^"]+)"/g, (whole, href: string) => {
    const url = href
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
    if (url.startsWith(unsubscribeBase)) return whole;
    links.push(url);
    const signature = mailSlot(click(links.length - 1));
    return `href="${publicUrl}/newsletters/c/${mailSlot(DELIVERY)}?u=${encodeURIComponent(url)}&amp;s=${signature}"`;
  });
  return { html: out, links };
}

/** Renders an issue once for all its recipients (and for the desk's preview). */
export async function renderIssueTemplate(deps: EmailDeps, issue: NewsletterIssue): Promise<IssueTemplate> {
  const n = await newsletterById(deps.db, issue.newsletter_id);
  if (!n) throw notFound('newsletter');
  const settings = await deps.lookups.settings();
  const storyLanguage =
    issue.kind === 'story' && issue.story_id ? (await storyById(deps.db, issue.story_id))?.language : undefined;
  const edition = issueEdition(settings.editions, n, storyLanguage);
  const t = translator(edition.code);
  const content =
    issue.kind === 'story' && issue.story_id !== null
      ? await storyContent(deps, issue.story_id, t)
      : await digestContent(deps, issue, t);
  const publicUrl = deps.config.publicUrl;
  const tracking = await trackingEnabled(deps);
  const unsubscribeBase = `${publicUrl}${editionPath(edition, '/newsletters/unsubscribe/')}`;
  const unsubscribe = `${unsubscribeBase}${mailSlot(UNSUBSCRIBE)}`;
  const blocks = [...content.blocks];
  if (tracking)
    blocks.push({
      kind: 'image',
      src: `${publicUrl}/newsletters/o/${mailSlot(OPEN)}.gif`,
      width: 1,
      height: 1,
      alt: '',
    });
  const newsroom = await emailNewsroom(deps, edition.code);
  const rendered = await renderEmail({
    t,
    language: edition.code,
    newsroom,
    subject: issue.subject,
    preview: content.preview,
    blocks,
    ...(content.readOnSite ? { readOnSite: content.readOnSite } : {}),
    footer: [
      { text: t('newsletters.email.why', { newsletter: n.name, site: newsroom.name }) },
      { text: t('newsletters.email.unsubscribe', { newsletter: n.name }), href: unsubscribe },
      { text: t('newsletters.email.manage'), href: `${publicUrl}${editionPath(edition, '/account')}` },
      { text: tracking ? t('newsletters.email.counted') : t('newsletters.email.notCounted') },
    ],
  });
  const counted = tracking
    ? countClicks(rendered.html, publicUrl, unsubscribeBase)
    : { html: rendered.html, links: [] };
  const domain = new URL(publicUrl).hostname;
  return {
    issueId: issue.id,
    newsletterId: n.id,
    mail: {
      kind: 'newsletter.issue',
      from: { name: n.sender_name, address: n.sender_email },
      ...(n.reply_to ? { replyTo: n.reply_to } : {}),
      subject: issue.subject,
      html: counted.html,
      text: rendered.text,
      headers: {
        'List-Unsubscribe': `<${unsubscribe}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Id': `${n.name.replace(/[<>"\r\n]/g, '')} <${n.slug}.${domain}>`,
        Precedence: 'bulk',
      },
    },
    links: counted.links,
  };
}

/**
 * One recipient's copy of an issue: their unsubscribe link in the footer and in `List-Unsubscribe` with
 * `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058: a mail client's button POSTs to it, no sign-in),
 * their counting links when counting is on, and a Message-ID fixed by issue and reader, so a copy sent again after
 * a crash is the same message to the receiver.
 */
export function personalize(template: IssueTemplate, key: Buffer, r: Recipient): MailCopy {
  const slots: Record<string, string> = { [UNSUBSCRIBE]: unsubscribeToken(key, r.readerId, template.newsletterId) };
  if (template.links.length || template.mail.html.includes(mailSlot(OPEN))) {
    slots[OPEN] = openToken(key, r.deliveryId);
    slots[DELIVERY] = String(r.deliveryId);
    template.links.forEach((url, i) => {
      slots[click(i)] = clickSignature(key, r.deliveryId, url);
    });
  }
  const domain = template.mail.from.address.split('@')[1] || 'localhost';
  const tag = createHash('sha256').update(`${template.issueId}:${r.readerId}`).digest('hex').slice(0, 12);
  return { to: r.email, messageId: `<issue-${template.issueId}.${r.readerId}.${tag}@${domain}>`, slots };
}

/** An issue as one message with its slots filled: the desk's test send ("[Test]", a Message-ID of its own). */
export function testCopy(template: IssueTemplate, key: Buffer, r: Recipient): MailMessage {
  const { messageId: _fixed, ...copy } = personalize(template, key, r);
  const m = fillMail(template.mail, { ...copy, messageId: newMessageId(template.mail.from.address) });
  return { ...m, kind: 'newsletter.test', subject: `[Test] ${m.subject}` };
}

/** The desk's preview: the issue as a reader gets it, with the editor's own address in it. */
export async function previewIssue(
  deps: EmailDeps,
  issue: NewsletterIssue,
  user: { id: number; email: string },
): Promise<{ html: string; text: string }> {
  const template = await renderIssueTemplate(deps, issue);
  const m = fillMail(
    template.mail,
    personalize(template, await signingKey(deps.db), {
      deliveryId: 0,
      readerId: 0,
      email: user.email,
    }),
  );
  return { html: m.html, text: m.text };
}

/** The stories a digest form offers: the newest published ones in the newsletter's language. */
export async function digestCandidates(
  deps: Pick<AppDeps, 'db'>,
  newsletter: Pick<NewsletterView, 'language'> | undefined,
): Promise<CardRow[]> {
  return listPublished(deps.db, { ...(newsletter?.language ? { language: newsletter.language } : {}), limit: 40 });
}
