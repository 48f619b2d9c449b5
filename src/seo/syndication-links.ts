import { html } from '../ui/html.js';

// Rendering rule (ui/html.ts): the head of every reader page, so an `html` template escaped by the one escaper.

/**
 * `<link rel="alternate">` to the RSS, Atom and JSON feeds of a page, for feed readers' auto-discovery.
 * `path` is the page's site-relative path ('' for the whole site); `title` names the feed.
 */
export function FeedLinks(props: { publicUrl: string; path: string; title: string }) {
  const base = `${props.publicUrl}${props.path}/feed`;
  return html`<link rel="alternate" type="application/rss+xml" title="${`${props.title} (RSS)`}" href="${`${base}.xml`}"/>
    <link rel="alternate" type="application/atom+xml" title="${`${props.title} (Atom)`}" href="${`${base}.atom`}"/>
    <link rel="alternate" type="application/feed+json" title="${`${props.title} (JSON Feed)`}" href="${`${base}.json`}"/>`;
}
