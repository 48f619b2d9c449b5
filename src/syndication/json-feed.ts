import { isoDate } from '../lib/iso-date.js';
import type { FeedDoc } from './syndication.model.js';

/** A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1). */
export function renderJsonFeed(f: FeedDoc): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: f.title,
    home_page_url: f.homeUrl,
    feed_url: `${f.feedBase}.json`,
    description: f.description,
    icon: f.iconUrl,
    language: f.language,
    authors: [{ name: f.publisher, url: f.homeUrl }],
    items: f.items.map((i) => ({
      id: i.id,
      url: i.url,
      title: i.title,
      content_html: i.contentHtml,
      summary: i.summary,
      ...(i.image ? { image: i.image.url } : {}),
      date_published: isoDate(i.published),
      date_modified: isoDate(i.updated),
      ...(i.authors.length ? { authors: i.authors } : {}),
      ...(i.categories.length ? { tags: i.categories } : {}),
    })),
  };
  return JSON.stringify(feed);
}
