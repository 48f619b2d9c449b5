import { LinkifyIt } from 'linkify-it';

/**
 * The links in a comment's plain text, found by linkify-it: written-out http and https addresses, and bare ones
 * such as `www.example.org` or `example.org/page` (taken as http). No other scheme is a link (no mailto:, ftp:,
 * protocol-relative `//host`, and so no javascript: or data:), and addresses with a user name (`http://a@b`) are
 * not read as one. Shared by the rule on how many links a comment may have and the view that makes them clickable.
 */
const linkify = new LinkifyIt()
  .add('ftp:', null)
  .add('//', null)
  .add('mailto:', null)
  .set({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false });

/** One link in a text: where it is, what the reader wrote, and the address it goes to (always http or https). */
export interface TextLink {
  index: number;
  lastIndex: number;
  text: string;
  url: string;
}

const WEB = /^https?:\/\//i;

/** The text's links, in order. */
export function findLinks(text: string): TextLink[] {
  const found = linkify.match(text) ?? [];
  return found
    .filter((m) => WEB.test(m.url))
    .map((m) => ({ index: m.index, lastIndex: m.lastIndex, text: m.text, url: m.url }));
}

/** How many links a text has (without finding them all when it has none). */
export function countLinks(text: string): number {
  return linkify.test(text) ? findLinks(text).length : 0;
}
