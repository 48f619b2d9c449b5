import type { Child } from 'hono/jsx';
import { DocumentBody } from '../document/document.render.js';
import { AuthorCard } from '../ui/author-card.js';
import { FeedList } from '../ui/feed-list.js';
import { type Chrome, Layout } from '../ui/layout.js';
import { Picture } from '../ui/picture.js';
import { Time } from '../ui/time.js';
import type { StoryPageData } from './story.page-data.js';
import { StoryNotes } from './story-notes.js';

/** The story page: label, headline, dek, byline, times, reading time, hero, body, tags, author cards, News Feed. */
export function StoryPage(props: { chrome: Chrome; data: StoryPageData; tz: string; canonical: string; head?: Child; beforeBody?: Child; afterBody?: Child; notice?: Child }) {
  const { story, render, feed } = props.data;
  const section = story.sections[story.sections.length - 1];
  const updated = story.updatedAt > story.publishedAt + 60_000;
  return (
    <Layout chrome={props.chrome} title={story.headline} description={story.dek || story.excerpt} canonical={props.canonical} head={props.head}>
      {props.notice}
      <article class="story" data-story-id={String(story.id)}>
        {story.sections.length > 0 && (
          <nav class="crumbs" aria-label="Breadcrumb">
            <ol>
              {story.sections.map((s) => (
                <li>
                  <a href={s.url}>{s.name}</a>
                </li>
              ))}
            </ol>
          </nav>
        )}
        <p class="label">
          {story.kind === 'liveblog' && story.coverageEndedAt == null && <span class="live">LIVE</span>}
          News Feed{section ? ` · ${section.name}` : ''}
        </p>
        <h1>{story.headline}</h1>
        {story.dek && <p class="dek">{story.dek}</p>}
        <div class="meta">
          {story.authors.length > 0 && (
            <span class="byline">
              By{' '}
              {story.authors.map((a, i) => (
                <>
                  {i > 0 && (i === story.authors.length - 1 ? ' and ' : ', ')}
                  <a href={a.url} rel="author">
                    {a.name}
                  </a>
                </>
              ))}
            </span>
          )}
          <span>
            Published <Time ms={story.publishedAt} tz={props.tz} />
          </span>
          {updated && (
            <span>
              Updated <Time ms={story.updatedAt} tz={props.tz} />
            </span>
          )}
          <span class="reading-time">{story.readingMinutes} min read</span>
        </div>
        <StoryNotes notes={props.data.notes ?? []} tz={props.tz} />
        {story.hero && (
          <figure class="hero">
            <Picture image={story.hero.image} alt={story.hero.alt} sizes="(min-width: 44rem) 44rem, 100vw" eager />
            {(story.hero.caption || story.hero.credit) && (
              <figcaption>
                {story.hero.caption}
                {story.hero.caption && story.hero.credit ? ' ' : ''}
                {story.hero.credit && <span class="credit">{story.hero.credit}</span>}
              </figcaption>
            )}
          </figure>
        )}
        {props.beforeBody}
        <div class="body">
          <DocumentBody doc={story.body} ctx={render} />
        </div>
        {props.afterBody}
        {story.tags.length > 0 && (
          <ul class="tags" aria-label="Tags">
            {story.tags.map((t) => (
              <li>
                <a href={t.url} rel="tag">
                  {t.name}
                </a>
              </li>
            ))}
          </ul>
        )}
        {story.authors.map((a) => (
          <AuthorCard author={a} />
        ))}
      </article>
      <section class="news-feed" aria-labelledby="news-feed-title">
        <h2 id="news-feed-title">News Feed</h2>
        <FeedList cards={feed.cards} next={feed.next} basePath="/" tz={props.tz} headingLevel={3} label="Latest stories" live />
      </section>
    </Layout>
  );
}
