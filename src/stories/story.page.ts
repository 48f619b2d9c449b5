import type { Child } from 'hono/jsx';
import { DocumentBody } from '../document/document.render.js';
import { AuthorCard } from '../ui/author-card.js';
import { FeedList } from '../ui/news-feed-list.js';
import { html } from '../ui/html.js';
import { type Alternate, type Chrome, Layout, listingWords } from '../ui/layout.js';
import { editionPath } from '../editions/edition.js';
import { Picture } from '../ui/picture.js';
import { Time } from '../ui/time.js';
import type { FeedPage } from '../news-feed/news-feed.service.js';
import type { StoryPageData } from './story.page-data.js';
import { StoryNotes } from './story-notes.js';
import { SignUpForm } from '../newsletters/signup.form.js';

// Rendering rule (ui/html.ts): the hottest reader page, so an `html` template escaped by the one escaper.

/** News Feed blocks as rendered, by the block they were rendered from: most story pages share one (see loadStoryPage). */
const renderedFeeds = new WeakMap<FeedPage, { tz: string; html: ReturnType<typeof FeedList> }>();

function newsFeed(feed: FeedPage, tz: string, chrome: Chrome) {
  const known = renderedFeeds.get(feed);
  if (known && known.tz === tz) return known.html;
  // A block is made from one edition's newest stories, so it is always rendered in that edition's words.
  const rendered = FeedList({
    cards: feed.cards,
    next: feed.next,
    basePath: editionPath(chrome.edition, '/'),
    tz,
    words: listingWords(chrome),
    headingLevel: 3,
    label: chrome.t('feed.latest'),
    live: true,
  });
  renderedFeeds.set(feed, { tz, html: rendered });
  return rendered;
}

/**
 * The story page: label, headline, dek, byline, times, reading time, hero, body, tags, author cards, News Feed;
 * a page (kind 'page') shows its headline, dek, hero and body only. `canonical` is the page's canonical URL.
 */
export function StoryPage(props: {
  chrome: Chrome;
  data: StoryPageData;
  tz: string;
  canonical: string;
  head?: Child;
  beforeBody?: Child;
  afterBody?: Child;
  notice?: Child;
  /** Where its readers' comments load (comments/comment-slot.ts); none when they are off. */
  comments?: Child;
  /** The story in each edition it has been translated for (none: no switcher). */
  alternates?: Alternate[];
}) {
  const { story, render, feed } = props.data;
  const { tz, chrome } = props;
  const { t } = chrome;
  const locale = chrome.edition.locale;
  const names = (people: StoryPageData['story']['authors']) => {
    const end = people.length - 1;
    return people.map(
      (a, i) => html`${i > 0 ? (i === end ? t('story.and') : ', ') : ''}<a href="${a.url}" rel="author">${a.name}</a>`,
    );
  };
  const section = story.sections[story.sections.length - 1];
  const updated = story.updatedAt > story.publishedAt + 60_000;
  const crumbs =
    story.sections.length > 0
      ? html`<nav class="crumbs" aria-label="${t('story.breadcrumb')}">
          <ol>${story.sections.map((s) => html`<li><a href="${s.url}">${s.name}</a></li>`)}</ol>
        </nav>`
      : '';
  const byline =
    story.authors.length > 0
      ? html`<span class="byline">${t('story.by', { count: story.authors.length })} ${names(story.authors)}</span>`
      : '';
  const translators =
    story.translators.length > 0
      ? html`<span class="translators">${t('story.translatedBy', { count: story.translators.length })} ${names(story.translators)}</span>`
      : '';
  const hero = story.hero;
  const heroCaption =
    hero && (hero.caption || hero.credit)
      ? html`<figcaption>
          ${hero.caption}${hero.caption && hero.credit ? ' ' : ''}${hero.credit ? html`<span class="credit">${hero.credit}</span>` : ''}
        </figcaption>`
      : '';
  const heroFigure = hero
    ? html`<figure class="hero">
        ${Picture({ image: hero.image, alt: hero.alt, sizes: '(min-width: 44rem) 44rem, 100vw', eager: true })}${heroCaption}
      </figure>`
    : '';
  const tags =
    story.tags.length > 0
      ? html`<ul class="tags" aria-label="${t('story.tags')}">${story.tags.map((t) => html`<li><a href="${t.url}" rel="tag">${t.name}</a></li>`)}</ul>`
      : '';
  // A page (an imported About page) is not news: no section label or breadcrumb, byline, dates or tags.
  const page = story.kind === 'page';
  const article = html`${props.notice}
    <article class="${page ? 'story page' : 'story'}" data-story-id="${story.id}">
      ${page ? '' : crumbs}
      ${
        page
          ? ''
          : html`<p class="label">
        ${story.kind === 'liveblog' && story.coverageEndedAt == null ? html`<span class="live">${t('feed.live')}</span>` : ''}
        ${t('layout.newsFeed')}${section ? ` · ${section.name}` : ''}
      </p>`
      }
      <h1>${story.headline}</h1>
      ${story.dek ? html`<p class="dek">${story.dek}</p>` : ''}
      ${
        page
          ? ''
          : html`<div class="meta">
        ${byline}
        ${translators}
        <span>${t('story.published')} ${Time({ ms: story.publishedAt, tz, locale })}</span>
        ${updated ? html`<span>${t('story.updated')} ${Time({ ms: story.updatedAt, tz, locale })}</span>` : ''}
        <span class="reading-time">${t('story.readingTime', { count: story.readingMinutes })}</span>
      </div>`
      }
      ${StoryNotes({ notes: props.data.notes ?? [], tz, words: listingWords(chrome) })}
      ${heroFigure}
      ${props.beforeBody}
      <div class="body">${DocumentBody({ doc: story.body, ctx: { ...render, t } })}</div>
      ${props.afterBody}
      ${page ? '' : tags}
      ${
        !page && chrome.newsletters?.length
          ? SignUpForm({
              t,
              action: editionPath(chrome.edition, '/newsletters/sign-up'),
              choices: chrome.newsletters,
              source: 'story',
              from: story.url,
            })
          : ''
      }
      ${page ? '' : story.authors.map((a) => AuthorCard({ author: a, t }))}
    </article>
    ${props.comments}
    <section class="news-feed" aria-labelledby="news-feed-title">
      <h2 id="news-feed-title">${t('layout.newsFeed')}</h2>
      ${newsFeed(feed, tz, chrome)}
    </section>`;
  return Layout({
    chrome,
    alternates: props.alternates,
    title: story.headline,
    fullTitle: story.seo.metaTitle || undefined,
    description: story.seo.metaDescription || story.dek || story.excerpt,
    canonical: props.canonical,
    head: props.head,
    footerSignUp: false,
    children: article,
  });
}
