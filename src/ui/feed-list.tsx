import type { Child } from 'hono/jsx';
import type { StoryCardView } from '../feed/card.present.js';
import { Picture } from './picture.js';
import { Time } from './time.js';

/**
 * One story in a listing: section label, headline link, time, lede and thumbnail. A listing that marks
 * up the text (search hits) passes its own `headline` and `lede`; they are still escaped by hono/jsx.
 */
export function StoryCard(props: { card: StoryCardView; tz: string; headingLevel?: 2 | 3; headline?: Child; lede?: Child }) {
  const { card } = props;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <li class="card" data-story-id={String(card.id)}>
      <article>
        {card.image && (
          <a class="card-thumb" href={card.url} tabindex={-1} aria-hidden="true">
            <Picture image={card.image} alt="" sizes="(min-width: 700px) 200px, 33vw" />
          </a>
        )}
        <div class="card-text">
          <p class="label">
            {card.live && <span class="live">LIVE</span>}
            {card.section && <a href={card.section.url}>{card.section.name}</a>}
          </p>
          <H class="card-headline">
            <a href={card.url}>{props.headline ?? card.headline}</a>
          </H>
          <p class="card-time">
            <Time ms={card.publishedAt} tz={props.tz} kind="short" />
          </p>
          {props.lede ? <p class="card-lede">{props.lede}</p> : card.excerpt && <p class="card-lede">{card.excerpt}</p>}
        </div>
      </article>
    </li>
  );
}

/**
 * A keyset-paged list of stories with a "Show More" link to the next older page.
 * The link works without JavaScript; site.js appends the next items in place when it can.
 */
export function FeedList(props: { cards: StoryCardView[]; next: string | null; basePath: string; tz: string; headingLevel?: 2 | 3; label?: string; live?: boolean }) {
  const sep = props.basePath.includes('?') ? '&' : '?';
  return (
    <div class="feed" data-feed data-live-feed={props.live ? '' : undefined}>
      {props.cards.length === 0 ? (
        <p class="empty">No stories here yet.</p>
      ) : (
        <ol class="cards" data-feed-items aria-label={props.label ?? 'Stories'}>
          {props.cards.map((c) => (
            <StoryCard card={c} tz={props.tz} headingLevel={props.headingLevel} />
          ))}
        </ol>
      )}
      {props.next && (
        <p class="more">
          <a class="button" href={`${props.basePath}${sep}before=${props.next}`} data-show-more rel="next">
            Show More
          </a>
        </p>
      )}
    </div>
  );
}
