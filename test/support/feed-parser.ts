import { Readable } from 'node:stream';
import FeedParser from 'feedparser';

/** A feed as the `feedparser` package (a real, sax-based RSS/Atom parser used by feed readers) reads it. */
export interface ParsedFeed {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

/** Parses RSS or Atom text with feedparser (its default, lenient sax mode, as readers run it); rejects on a feed error. */
export function parseFeed(xml: string): Promise<ParsedFeed> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ addmeta: false });
    const items: FeedParser.Item[] = [];
    let meta: FeedParser.Meta | undefined;
    parser.on('error', reject);
    parser.on('meta', (m: FeedParser.Meta) => (meta = m));
    parser.on('readable', () => {
      for (let item = parser.read() as FeedParser.Item | null; item; item = parser.read() as FeedParser.Item | null)
        items.push(item);
    });
    parser.on('end', () => (meta ? resolve({ meta, items }) : reject(new Error('no feed metadata'))));
    Readable.from([xml]).pipe(parser);
  });
}
