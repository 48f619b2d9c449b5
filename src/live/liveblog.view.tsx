import type { RenderContext } from '../document/document.render.js';
import { DocumentBody } from '../document/document.render.js';
import { documentText } from '../document/document.schema.js';
import { isoTime } from '../lib/iso-date.js';
import type { ListingWords } from '../ui/news-feed-list.js';
import { Time } from '../ui/time.js';
import type { EntryView, LiveblogView } from './liveblog-entry.present.js';

/** One entry, in its blog's words: time, optional headline, pinned label, byline, body, and a permalink (#entry-ID). */
export function LiveEntry(props: { entry: EntryView; ctx: RenderContext; tz: string; words: ListingWords }) {
  const e = props.entry;
  const { t, locale } = props.words;
  const anchor = `entry-${e.id}`;
  return (
    <li
      class={e.pinned ? 'entry pinned' : 'entry'}
      id={anchor}
      data-entry-id={String(e.id)}
      data-pinned={e.pinned ? '1' : '0'}
      data-created={String(e.createdAt)}
    >
      <article>
        <p class="entry-meta">
          {e.pinned && <span class="pin">{t('live.pinned')}</span>}
          <a class="permalink" href={`#${anchor}`} aria-label={t('live.permalink')}>
            <Time ms={e.createdAt} tz={props.tz} kind="short" locale={locale} />
          </a>
          {e.authors.length > 0 && (
            <span class="entry-byline">
              {' · '}
              {e.authors.map((a, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={a.url}>{a.name}</a>
                </>
              ))}
            </span>
          )}
        </p>
        {e.headline && <h2 class="entry-headline">{e.headline}</h2>}
        <div class="entry-body">
          <DocumentBody doc={e.body} ctx={{ ...props.ctx, t }} />
        </div>
      </article>
    </li>
  );
}

/** The entries of a live blog with its status line, in the edition's words; site.js inserts new entries into the list. */
export function LiveblogEntries(props: { blog: LiveblogView; tz: string; words: ListingWords }) {
  const { blog, words } = props;
  const { t } = words;
  return (
    <section class="liveblog" aria-labelledby="liveblog-title" data-live-blog={String(blog.storyId)}>
      <h2 id="liveblog-title" class="liveblog-title">
        {t('live.latest')}
      </h2>
      <p class="liveblog-status" data-liveblog-status>
        {blog.endedAt == null ? (
          <>
            <span class="live">{t('feed.live')}</span> {t('live.happening')}
          </>
        ) : (
          <>
            {t('live.ended')} <Time ms={blog.endedAt} tz={props.tz} locale={words.locale} />.
          </>
        )}
      </p>
      <ol class="entries" data-entries aria-live="off">
        {blog.entries.map((e) => (
          <LiveEntry entry={e} ctx={blog.render} tz={props.tz} words={words} />
        ))}
      </ol>
      {blog.entries.length === 0 && (
        <p class="empty" data-no-entries>
          {t('live.empty')}
        </p>
      )}
    </section>
  );
}

/**
 * The fields that make a story's article JSON-LD a schema.org LiveBlogPosting: one liveBlogUpdate per entry
 * and the coverage window. StorySeoHead merges them into its article data (one JSON-LD serializer escapes it).
 */
export function liveblogData(blog: LiveblogView, url: string): Record<string, unknown> {
  return {
    '@type': 'LiveBlogPosting',
    coverageStartTime: isoTime(blog.startedAt),
    ...(blog.endedAt != null ? { coverageEndTime: isoTime(blog.endedAt) } : {}),
    liveBlogUpdate: blog.entries.map((e) => ({
      '@type': 'BlogPosting',
      ...(e.headline ? { headline: e.headline } : {}),
      url: `${url}#entry-${e.id}`,
      datePublished: isoTime(e.createdAt),
      dateModified: isoTime(e.updatedAt),
      articleBody: documentText(e.body).join('\n\n'),
      ...(e.authors.length ? { author: e.authors.map((a) => ({ '@type': 'Person', name: a.name })) } : {}),
    })),
  };
}
