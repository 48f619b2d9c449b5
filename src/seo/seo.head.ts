import type { AuthorView } from '../authors/author.present.js';
import type { StoryView } from '../stories/story.present.js';
import { isoDate } from '../lib/iso-date.js';
import { html } from '../ui/html.js';
import type { Chrome } from '../ui/layout.js';
import { FeedLinks } from './syndication-links.js';
import { JsonLd } from './json-ld.js';
import { editionPath, editionTitle } from '../editions/edition.js';
import {
  type TranslationRef,
  breadcrumbData,
  newsArticleData,
  profilePageData,
  structuredImageUrls,
  webSiteData,
} from './seo.data.js';

// Rendering rule (ui/html.ts): the head of every story page, so an `html` template escaped by the one escaper.

/**
 * Everything a story page adds to <head> for search engines and social cards: NewsArticle and
 * BreadcrumbList JSON-LD (a LiveBlogPosting for live blogs), OpenGraph `article:*`, the Twitter card, large image previews and the site's feeds.
 */
export function StorySeoHead(props: {
  story: StoryView;
  chrome: Chrome;
  publicUrl: string;
  canonical: string;
  liveblog?: Record<string, unknown>;
  /** The story this one was translated from, and (for that source) its published translations. */
  translationOf?: TranslationRef;
  translations?: readonly TranslationRef[];
}) {
  const { story, chrome, publicUrl, canonical } = props;
  const o = {
    publicUrl,
    canonical,
    siteName: chrome.name,
    translationOf: props.translationOf,
    translations: props.translations,
  };
  const description = story.dek || story.excerpt;
  const image = story.hero ? structuredImageUrls(publicUrl, story.hero.image)[0] : undefined;
  const crop = story.hero?.image.crops.find((c) => c.ratio === '16x9');
  const section = story.sections[story.sections.length - 1];
  return html`<meta name="robots" content="max-image-preview:large"/>
    <meta property="og:type" content="article"/>
    <meta property="og:site_name" content="${chrome.name}"/>
    <meta property="og:title" content="${story.headline}"/>
    <meta property="og:description" content="${description}"/>
    <meta property="og:url" content="${canonical}"/>
    ${image ? html`<meta property="og:image" content="${image}"/>` : ''}
    ${crop ? html`<meta property="og:image:width" content="${crop.width}"/><meta property="og:image:height" content="${crop.height}"/>` : ''}
    ${story.hero ? html`<meta property="og:image:alt" content="${story.hero.alt}"/>` : ''}
    <meta property="article:published_time" content="${isoDate(story.publishedAt)}"/>
    <meta property="article:modified_time" content="${isoDate(Math.max(story.updatedAt, story.publishedAt))}"/>
    ${section ? html`<meta property="article:section" content="${section.name}"/>` : ''}
    ${story.tags.map((t) => html`<meta property="article:tag" content="${t.name}"/>`)}
    ${story.authors.map((a) => html`<meta property="article:author" content="${publicUrl + a.url}"/>`)}
    <meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}"/>
    <meta name="twitter:title" content="${story.headline}"/>
    <meta name="twitter:description" content="${description}"/>
    ${image ? html`<meta name="twitter:image" content="${image}"/>` : ''}
    ${story.hero ? html`<meta name="twitter:image:alt" content="${story.hero.alt}"/>` : ''}
    ${FeedLinks({ publicUrl, path: editionPath(chrome.edition, ''), title: editionTitle(chrome.name, chrome.edition, chrome.editions) })}
    ${JsonLd({ data: props.liveblog ? { ...newsArticleData(story, o), ...props.liveblog } : newsArticleData(story, o) })}
    ${JsonLd({ data: breadcrumbData(story, o) })}`;
}

/** An author page's head: ProfilePage JSON-LD with the author as a Person, and the author's feeds. */
export function AuthorSeoHead(props: { author: AuthorView; chrome: Chrome; publicUrl: string }) {
  const { author, chrome, publicUrl } = props;
  return html`<meta property="og:type" content="profile"/>
    <meta property="og:title" content="${author.name}"/>
    <meta property="og:url" content="${publicUrl + author.url}"/>
    ${FeedLinks({ publicUrl, path: author.url, title: `${author.name} — ${chrome.name}` })}
    ${JsonLd({ data: profilePageData(author, { publicUrl, siteName: chrome.name, language: chrome.language }) })}`;
}

/** An edition's home page head: WebSite JSON-LD with a SearchAction, and the edition's feeds. */
export function HomeSeoHead(props: { chrome: Chrome; publicUrl: string }) {
  const { chrome, publicUrl } = props;
  const home = editionPath(chrome.edition, '/');
  const title = editionTitle(chrome.name, chrome.edition, chrome.editions);
  const data = webSiteData({
    publicUrl,
    siteName: chrome.name,
    description: chrome.description,
    language: chrome.language,
    home,
    search: editionPath(chrome.edition, '/search'),
  });
  return html`<meta property="og:type" content="website"/>
    <meta property="og:site_name" content="${chrome.name}"/>
    <meta property="og:title" content="${chrome.name}"/>
    <meta property="og:url" content="${publicUrl + home}"/>
    ${FeedLinks({ publicUrl, path: editionPath(chrome.edition, ''), title })}
    ${JsonLd({ data })}`;
}
