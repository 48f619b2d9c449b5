import type { StoryCardView } from '../news-feed/card.present.js';
import type { ImageView } from '../media/image.present.js';
import { raw } from 'hono/html';
import { translator } from '../i18n/catalogue.js';
import type { Translate } from '../i18n/catalogue.types.js';
import { type Html, html } from '../ui/html.js';
import { Picture } from '../ui/picture.js';
import { type Block, type Inline, type StoryDocument, isSafeHref } from './document.schema.js';

// Rendering rule (ui/html.ts): the story body, on every uncached story page, so an `html` template escaped by the one escaper.

/** What the renderer needs besides the document: images and related-story cards, loaded in batches beforehand. */
export interface RenderContext {
  images: ReadonlyMap<number, ImageView>;
  /** Current data of embedded stories; a missing (unpublished) one renders nothing. */
  cards: ReadonlyMap<number, StoryCardView>;
  /** Prefix for links and image URLs (absolute URLs in feeds); empty on the site. */
  baseUrl?: string;
  /** The words of the page the body is shown in; without them an embedded card is labelled in its story's language. */
  t?: Translate;
}

const abs = (url: string, base?: string) => (base && url.startsWith('/') ? base + url : url);
const EXTERNAL = /^https?:/;

/** Inline runs: plain text stays a string, which the enclosing template escapes. */
function inlines(content: Inline[], base?: string): unknown[] {
  return content.map((i) => {
    let node: unknown = i.text;
    if (i.italic) node = html`<em>${node}</em>`;
    if (i.bold) node = html`<strong>${node}</strong>`;
    if (i.href && isSafeHref(i.href))
      node = html`<a href="${abs(i.href, base)}"${EXTERNAL.test(i.href) ? html` rel="noopener"` : ''}>${node}</a>`;
    return node;
  });
}

function EmbedCard(card: StoryCardView, ctx: RenderContext) {
  const base = ctx.baseUrl;
  const t = ctx.t ?? translator(card.language);
  return html`<aside class="embed" aria-label="${t('embed.label')}">
    <a href="${abs(card.url, base)}">
      ${card.image ? Picture({ image: card.image, alt: '', sizes: '120px', largest: 120 }) : ''}
      <span>
        <span class="embed-kicker">${t('embed.kicker')}</span>
        <span class="embed-headline">${card.headline}</span>
        ${card.excerpt ? html`<span class="embed-excerpt">${card.excerpt}</span>` : ''}
      </span>
    </a>
  </aside>`;
}

/** Heading and list tags by block field: fixed names, never data. */
const HEADINGS = { 2: raw('h2'), 3: raw('h3'), 4: raw('h4') } as const;

function block(b: Block, ctx: RenderContext): Html | '' {
  const base = ctx.baseUrl;
  switch (b.type) {
    case 'paragraph':
      return html`<p>${inlines(b.content, base)}</p>`;
    case 'heading': {
      const H = HEADINGS[b.level];
      return html`<${H}>${inlines(b.content, base)}</${H}>`;
    }
    case 'quote':
      return html`<blockquote><p>${inlines(b.content, base)}</p>${b.attribution ? html`<footer>— ${b.attribution}</footer>` : ''}</blockquote>`;
    case 'list': {
      const items = b.items.map((item) => html`<li>${inlines(item, base)}</li>`);
      return b.ordered ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`;
    }
    case 'image': {
      const img = ctx.images.get(b.imageId);
      if (!img) return '';
      const image = base ? { ...img, src: abs(img.src, base), srcset: { webp: '', jpeg: '' } } : img;
      const caption = b.caption ?? img.caption;
      const credit = b.credit ?? img.credit;
      const figcaption =
        caption || credit
          ? html`<figcaption>${caption}${caption && credit ? ' ' : ''}${credit ? html`<span class="credit">${credit}</span>` : ''}</figcaption>`
          : '';
      return html`<figure>
        ${Picture({ image, alt: b.alt || img.alt, sizes: '(min-width: 44rem) 44rem, 100vw' })}
        ${figcaption}
      </figure>`;
    }
    case 'embed': {
      const card = ctx.cards.get(b.storyId);
      return card ? EmbedCard(card, ctx) : '';
    }
    case 'divider':
      return html`<hr/>`;
  }
}

/**
 * Renders a story body. Every string goes through the escaping `html` template (as it did through hono/jsx),
 * and links are re-checked here, so nothing in a document can become markup or script on a reader's page.
 */
export function DocumentBody(props: { doc: StoryDocument; ctx: RenderContext }) {
  return html`${props.doc.blocks.map((b) => block(b, props.ctx))}`;
}

/** The body as an HTML string (feeds, the API). */
export function renderDocumentHtml(doc: StoryDocument, ctx: RenderContext): string {
  return String(DocumentBody({ doc, ctx }));
}
