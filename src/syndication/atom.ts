import { isoDate } from '../lib/iso-date.js';
import type { FeedDoc, FeedItem } from './syndication.model.js';
import { mediaContent } from './syndication.media.js';
import { el, wrap, xmlDocument } from '../lib/xml.js';

function entry(i: FeedItem): string {
  return wrap('entry', [
    el('id', i.id),
    el('title', i.title, { type: 'text' }),
    el('link', undefined, { rel: 'alternate', type: 'text/html', href: i.url }),
    // RFC 4287 §4.2.7.4: alternates differ by hreflang, so each translation is one more rel="alternate".
    ...i.translations.map((t) =>
      el('link', undefined, { rel: 'alternate', type: 'text/html', hreflang: t.language, href: t.url }),
    ),
    el('published', isoDate(i.published)),
    el('updated', isoDate(i.updated)),
    ...i.authors.map((a) => wrap('author', [el('name', a.name), el('uri', a.url)])),
    ...i.categories.map((c) => el('category', undefined, { term: c })),
    el('summary', i.summary, { type: 'text' }),
    el('content', i.contentHtml, { type: 'html' }),
    ...(i.image
      ? [
          el('link', undefined, { rel: 'enclosure', type: i.image.type, length: i.image.length, href: i.image.url }),
          mediaContent(i.image),
        ]
      : []),
  ]);
}

/**
 * An Atom 1.0 document (RFC 4287). The feed-level author is the newsroom, which also covers entries
 * without a byline (RFC 4287 §4.1.1 requires an author for every entry, directly or through the feed).
 */
export function renderAtom(f: FeedDoc): string {
  return xmlDocument(
    wrap(
      'feed',
      [
        el('id', f.homeUrl),
        el('title', f.title, { type: 'text' }),
        el('subtitle', f.description, { type: 'text' }),
        el('updated', isoDate(f.updated)),
        el('link', undefined, { rel: 'self', type: 'application/atom+xml', href: `${f.feedBase}.atom` }),
        el('link', undefined, { rel: 'alternate', type: 'text/html', href: f.homeUrl }),
        wrap('author', [el('name', f.publisher)]),
        el('generator', 'Broadsheet'),
        el('icon', f.iconUrl),
        ...f.items.map(entry),
      ],
      { xmlns: 'http://www.w3.org/2005/Atom', 'xmlns:media': 'http://search.yahoo.com/mrss/', 'xml:lang': f.language },
    ),
  );
}
