/** A feed in neutral form; the RSS, Atom and JSON Feed writers each turn it into their format. */
export interface FeedDoc {
  title: string;
  description: string;
  /** BCP 47 / ISO 639 code: the feed's edition's language (every item is in it). */
  language: string;
  /** Absolute URL of the page the feed mirrors, in the feed's edition. */
  homeUrl: string;
  /** Absolute URL of the feed without its extension (`…/feed`), so each format can name itself and its siblings. */
  feedBase: string;
  publisher: string;
  /** Absolute URL of the newsroom's square logo. */
  iconUrl: string;
  /** Newest change among the items (epoch ms); 0 for an empty feed. */
  updated: number;
  items: FeedItem[];
}

export interface FeedItem {
  /** Never changes: the story's permanent id URL (`PUBLIC_URL/stories/id/<id>`), unlike its slug. */
  id: string;
  url: string;
  title: string;
  summary: string;
  /** The rendered body with absolute links and image URLs. */
  contentHtml: string;
  published: number;
  updated: number;
  authors: { name: string; url: string }[];
  categories: string[];
  image: FeedImage | null;
  /** The story's published translations, each in its edition (Atom writes them as hreflang alternates). */
  translations: { language: string; url: string }[];
}

export interface FeedImage {
  url: string;
  type: string;
  /** Bytes, as an RSS enclosure requires. */
  length: number;
  width: number;
  height: number;
  alt: string;
}

/** Feed formats and their media types. */
export const FEED_FORMATS = {
  xml: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const;
export type FeedFormat = keyof typeof FEED_FORMATS;
