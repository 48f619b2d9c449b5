import { truncateText } from '../document/excerpt.js';
import { htmlText } from './html.convert.js';
import { type ImportReport, count } from './source.model.js';

/**
 * Field conversions both importers share, each counting in the report what it changes: a caption's credit moved to
 * the credit field, markup reduced to text, text shortened to what a column keeps.
 */

const CREDIT_WORD = '(?:photo(?:graph)?s?|image|picture|illustration|graphic|video|credit|фото|ілюстрація)';
/** "… Photo: Jane Roe", "… (Photo by Jane Roe)", "Photo by Jane Roe / Unsplash", "… — Credit: Agency". */
const CREDIT = new RegExp(
  String.raw`^(.*?)(?:^|(?<=[.!?…])\s+|\s*[(\[]\s*|\s+[—–|/]\s+)(${CREDIT_WORD}(?:\s+by\s+|\s*[:—–]\s*)([^()[\]]{1,200}?))[)\]]?\s*$`,
  'iu',
);

/** A caption's text and its credit, when the caption ends with one ("… Photo: Jane Roe"); else the whole caption. */
export function splitCredit(caption: string): { caption: string; credit: string } {
  const m = CREDIT.exec(caption.trim());
  if (!m || !m[3]!.trim()) return { caption: caption.trim(), credit: '' };
  return { caption: m[1]!.trim(), credit: m[3]!.trim() };
}

/**
 * A source's caption (HTML allowed) as our caption and credit: markup reduced to text (counted when there was
 * any), a credit at its end moved to the credit field (counted) unless the source gave a credit of its own.
 */
export function captionAndCredit(
  report: ImportReport,
  kind: string,
  what: string,
  html: string,
  credit = '',
): { caption: string; credit: string } {
  if (!html) return { caption: '', credit };
  const text = /[<&]/.test(html) ? htmlText(html).replace(/\s+/g, ' ').trim() : html.replace(/\s+/g, ' ').trim();
  if (/<[a-z]/i.test(html)) count(report.adapted, kind, `${what}: markup reduced to text (captions are plain text)`);
  if (credit) return { caption: text, credit };
  const split = splitCredit(text);
  if (split.credit) count(report.adapted, kind, `${what}: the credit at its end moved to the credit field`);
  return split;
}

/** Text for a column that keeps at most `max` characters: shortened on a word boundary and counted when longer. */
export function fitText(report: ImportReport, kind: string, what: string, text: string, max: number): string {
  const clean = text.trim();
  if (clean.length <= max) return clean;
  count(report.adapted, kind, `${what} longer than ${max} characters: shortened`);
  return truncateText(clean, max);
}

/** Social profiles as Ghost stores them (a handle or a path), by the field that holds them. */
const SOCIAL: Record<string, { label: string; url: (handle: string) => string | null }> = {
  facebook: { label: 'Facebook', url: (h) => `https://www.facebook.com/${h.replace(/^\/+/, '')}` },
  twitter: { label: 'X', url: (h) => `https://x.com/${h.replace(/^@/, '')}` },
  threads: { label: 'Threads', url: (h) => `https://www.threads.net/@${h.replace(/^@/, '')}` },
  bluesky: { label: 'Bluesky', url: (h) => `https://bsky.app/profile/${h.replace(/^@/, '')}` },
  mastodon: {
    label: 'Mastodon',
    url: (h) => {
      const m = /^@?([^@\s/]+)@([^@\s/]+)$/.exec(h);
      return m ? `https://${m[2]}/@${m[1]}` : null;
    },
  },
  tiktok: { label: 'TikTok', url: (h) => `https://www.tiktok.com/@${h.replace(/^@/, '')}` },
  youtube: { label: 'YouTube', url: (h) => `https://www.youtube.com/${h.replace(/^\/+/, '')}` },
  instagram: { label: 'Instagram', url: (h) => `https://www.instagram.com/${h.replace(/^@/, '')}` },
  linkedin: {
    label: 'LinkedIn',
    url: (h) => `https://www.linkedin.com/${/^(in|company)\//.test(h) ? h : `in/${h.replace(/^\/+/, '')}`}`,
  },
};

/**
 * An author's website and social profiles as links (label, URL): a full URL is kept as it is, a handle becomes the
 * network's profile address (counted); one that makes no address ("@me" on Mastodon without a server) is reported.
 */
export function profileLinks(
  report: ImportReport,
  fields: Record<string, string | null | undefined>,
): { label: string; url: string }[] {
  const links: { label: string; url: string }[] = [];
  if (fields.website?.trim()) links.push({ label: 'Website', url: fields.website.trim() });
  for (const [field, net] of Object.entries(SOCIAL)) {
    const value = fields[field]?.trim();
    if (!value) continue;
    if (/^https?:\/\//i.test(value)) {
      links.push({ label: net.label, url: value });
      continue;
    }
    const url = /^[\w.@/-]+$/.test(value) ? net.url(value) : null;
    if (url) {
      links.push({ label: net.label, url });
      count(report.adapted, 'author', `${field} handle kept as a profile link`);
    } else count(report.skipped, 'author', `${field} "${value.slice(0, 40)}": not a handle we can link to`);
  }
  return links;
}
