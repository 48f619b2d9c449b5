import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { StoryCardView } from '../news-feed/card.present.js';
import type { Translate } from '../i18n/catalogue.types.js';
import { html } from './html.js';
import { Picture } from './picture.js';
import { Time } from './time.js';

// Rendering rule (ui/html.ts): cards are rendered dozens of times per listing, so an `html` template escaped by the one escaper.

/** A card's thumbnail slot: 200 CSS pixels on wide screens, a third of the viewport below 700 pixels (at most 233). */
const THUMB_SIZES = '(min-width: 700px) 200px, 33vw';
const THUMB_LARGEST = 233;

/** What a listing needs of its edition: its words and the locale its times are written in. */
export interface ListingWords {
  t: Translate;
  locale: string;
}

/**
 * One story in a listing: section label, headline link, time, lede and thumbnail. A listing that marks
 * up the text (search hits) passes its own `headline` and `lede`; they are still escaped (strings) or
 * rendered as elements.
 */
export function StoryCard(props: {
  card: StoryCardView;
  tz: string;
  words: ListingWords;
  headingLevel?: 2 | 3;
  headline?: Child;
  lede?: Child;
}) {
  const { card, words } = props;
  const H = raw(props.headingLevel === 3 ? 'h3' : 'h2');
  const thumb = card.image
    ? html`<a class="card-thumb" href="${card.url}" tabindex="-1" aria-hidden="true">
        ${Picture({ image: card.image, alt: '', sizes: THUMB_SIZES, largest: THUMB_LARGEST })}
      </a>`
    : '';
  const lede = props.lede
    ? html`<p class="card-lede">${props.lede}</p>`
    : card.excerpt
      ? html`<p class="card-lede">${card.excerpt}</p>`
      : '';
  return html`<li class="card" data-story-id="${card.id}">
    <article>
      ${thumb}
      <div class="card-text">
        <p class="label">
          ${card.live ? html`<span class="live">${words.t('feed.live')}</span>` : ''}
          ${card.section ? html`<a href="${card.section.url}">${card.section.name}</a>` : ''}
        </p>
        <${H} class="card-headline"><a href="${card.url}">${props.headline ?? card.headline}</a></${H}>
        <p class="card-time">${Time({ ms: card.publishedAt, tz: props.tz, kind: 'short', locale: words.locale })}</p>
        ${lede}
      </div>
    </article>
  </li>`;
}

/**
 * A keyset-paged list of stories with a "Show More" link to the next older page.
 * The link works without JavaScript; site.js appends the next items in place when it can.
 */
export function FeedList(props: {
  cards: StoryCardView[];
  next: string | null;
  basePath: string;
  tz: string;
  words: ListingWords;
  headingLevel?: 2 | 3;
  label?: string;
  live?: boolean;
}) {
  const { t } = props.words;
  const sep = props.basePath.includes('?') ? '&' : '?';
  const items =
    props.cards.length === 0
      ? html`<p class="empty">${t('feed.empty')}</p>`
      : html`<ol class="cards" data-feed-items="true" aria-label="${props.label ?? t('feed.stories')}">
          ${props.cards.map((c) => StoryCard({ card: c, tz: props.tz, words: props.words, headingLevel: props.headingLevel }))}
        </ol>`;
  const more = props.next
    ? html`<p class="more">
        <a class="button" href="${`${props.basePath}${sep}before=${props.next}`}" data-show-more="true" rel="next">${t('feed.showMore')}</a>
      </p>`
    : '';
  return html`<div class="feed" data-feed="true"${props.live ? html` data-live-feed=""` : ''}>${items}${more}</div>`;
}
