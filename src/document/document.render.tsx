import type { StoryCardView } from '../feed/card.present.js';
import type { ImageView } from '../media/image.present.js';
import { Picture } from '../ui/picture.js';
import { type Block, type Inline, type StoryDocument, isSafeHref } from './document.schema.js';

/** What the renderer needs besides the document: images and related-story cards, loaded in batches beforehand. */
export interface RenderContext {
  images: ReadonlyMap<number, ImageView>;
  /** Current data of embedded stories; a missing (unpublished) one renders nothing. */
  cards: ReadonlyMap<number, StoryCardView>;
  /** Prefix for links and image URLs (absolute URLs in feeds); empty on the site. */
  baseUrl?: string;
}

const abs = (url: string, base?: string) => (base && url.startsWith('/') ? base + url : url);

function Inlines(props: { content: Inline[]; base?: string }) {
  return (
    <>
      {props.content.map((i) => {
        let node: any = i.text;
        if (i.italic) node = <em>{node}</em>;
        if (i.bold) node = <strong>{node}</strong>;
        if (i.href && isSafeHref(i.href)) {
          const external = /^https?:/.test(i.href);
          node = (
            <a href={abs(i.href, props.base)} rel={external ? 'noopener' : undefined}>
              {node}
            </a>
          );
        }
        return node;
      })}
    </>
  );
}

function EmbedCard(props: { card: StoryCardView; base?: string }) {
  const { card } = props;
  return (
    <aside class="embed" aria-label="Related story">
      <a href={abs(card.url, props.base)}>
        {card.image && <Picture image={card.image} alt="" sizes="120px" />}
        <span>
          <span class="embed-kicker">Related</span>
          <span class="embed-headline">{card.headline}</span>
          {card.excerpt && <span class="embed-excerpt">{card.excerpt}</span>}
        </span>
      </a>
    </aside>
  );
}

function BlockView(props: { block: Block; ctx: RenderContext }) {
  const { block: b, ctx } = props;
  const base = ctx.baseUrl;
  switch (b.type) {
    case 'paragraph':
      return (
        <p>
          <Inlines content={b.content} base={base} />
        </p>
      );
    case 'heading': {
      const H = `h${b.level}` as 'h2';
      return (
        <H>
          <Inlines content={b.content} base={base} />
        </H>
      );
    }
    case 'quote':
      return (
        <blockquote>
          <p>
            <Inlines content={b.content} base={base} />
          </p>
          {b.attribution && <footer>— {b.attribution}</footer>}
        </blockquote>
      );
    case 'list': {
      const L = b.ordered ? 'ol' : 'ul';
      return (
        <L>
          {b.items.map((item) => (
            <li>
              <Inlines content={item} base={base} />
            </li>
          ))}
        </L>
      );
    }
    case 'image': {
      const img = ctx.images.get(b.imageId);
      if (!img) return null;
      const image = base ? { ...img, src: abs(img.src, base), srcset: { webp: '', jpeg: '' } } : img;
      const caption = b.caption ?? img.caption;
      const credit = b.credit ?? img.credit;
      return (
        <figure>
          <Picture image={image} alt={b.alt || img.alt} sizes="(min-width: 44rem) 44rem, 100vw" />
          {(caption || credit) && (
            <figcaption>
              {caption}
              {caption && credit ? ' ' : ''}
              {credit && <span class="credit">{credit}</span>}
            </figcaption>
          )}
        </figure>
      );
    }
    case 'embed': {
      const card = ctx.cards.get(b.storyId);
      return card ? <EmbedCard card={card} base={base} /> : null;
    }
    case 'divider':
      return <hr />;
  }
}

/**
 * Renders a story body. Every string goes through hono/jsx, which escapes it, and links are
 * re-checked here, so nothing in a document can become markup or script on a reader's page.
 */
export function DocumentBody(props: { doc: StoryDocument; ctx: RenderContext }) {
  return (
    <>
      {props.doc.blocks.map((b) => (
        <BlockView block={b} ctx={props.ctx} />
      ))}
    </>
  );
}

/** The body as an HTML string (feeds, the API). */
export function renderDocumentHtml(doc: StoryDocument, ctx: RenderContext): string {
  return String(<DocumentBody doc={doc} ctx={ctx} />);
}
