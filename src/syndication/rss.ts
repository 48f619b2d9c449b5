import { escapeHtml } from '../lib/html-escape.js';
import { isoDate } from '../lib/iso-date.js';
import type { FeedDoc, FeedItem } from './syndication.model.js';
import { mediaContent } from './syndication.media.js';
import { el, wrap, xmlDocument } from '../lib/xml.js';

/** RFC 822 date, as RSS 2.0 requires (`Tue, 01 Jan 2026 00:00:00 GMT`). */
const rfc822 = (ms: number) => new Date(ms).toUTCString();

const NS = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
  'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
  'xmlns:dcterms': 'http://purl.org/dc/terms/',
  'xmlns:media': 'http://search.yahoo.com/mrss/',
};

/**
 * A text field of RSS. RSS 2.0 never says whether its text is plain or HTML, and many readers render titles,
 * descriptions, bylines and categories as HTML, so a dek of `<img onerror=…>` escaped only once for XML would run
 * there. HTML-escaping first, then XML-escaping (in `el`), makes both readings show the text and never markup.
 */
const text = (name: string, value: string) => el(name, escapeHtml(value));

function item(i: FeedItem): string {
  return wrap('item', [
    text('title', i.title),
    el('link', i.url),
    // The id URL answers with a redirect to the story wherever its slug moves, so it is a true permalink.
    el('guid', i.id, { isPermaLink: 'true' }),
    el('pubDate', rfc822(i.published)),
    el('dcterms:modified', isoDate(i.updated)),
    // RSS's own <author> must be an e-mail address; Dublin Core carries a byline's name.
    ...i.authors.map((a) => text('dc:creator', a.name)),
    ...i.categories.map((c) => text('category', c)),
    text('description', i.summary),
    // The rendered body is already HTML (sanitized by the document renderer), so it is escaped once, for XML only.
    el('content:encoded', i.contentHtml),
    ...(i.image
      ? [
          el('enclosure', undefined, { url: i.image.url, length: i.image.length, type: i.image.type }),
          mediaContent(i.image),
        ]
      : []),
  ]);
}

/** An RSS 2.0 document (with the content, Dublin Core, Media RSS and Atom self-link extensions). */
export function renderRss(f: FeedDoc): string {
  const channel = wrap('channel', [
    text('title', f.title),
    el('link', f.homeUrl),
    text('description', f.description),
    el('language', f.language),
    el('atom:link', undefined, { href: `${f.feedBase}.xml`, rel: 'self', type: 'application/rss+xml' }),
    ...(f.updated ? [el('lastBuildDate', rfc822(f.updated))] : []),
    el('generator', 'Broadsheet'),
    el('docs', 'https://www.rssboard.org/rss-specification'),
    el('ttl', 1),
    ...f.items.map(item),
  ]);
  return xmlDocument(wrap('rss', [channel], { version: '2.0', ...NS }));
}
