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
  resolvedSeo,
  structuredImageUrls,
  webPageData,
  webSiteData,
} from './seo.data.js';

// Rendering rule (ui/html.ts): the head of every story page, so an `html` template escaped by the one escaper.

/**
 * Everything a story page adds to <head> for search engines and social cards: NewsArticle and
 * BreadcrumbList JSON-LD (a LiveBlogPosting for live blogs; a WebPage for a page), OpenGraph `article:*`, the
 * Twitter card, large image previews (or noindex) and the site's feeds. The story's own search and social words
 * win over the defaults (resolvedSeo); `canonical` is the page's canonical URL (the story's override, if any).
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
  const seo = resolvedSeo(story);
  const page = story.kind === 'page';
  const ogImage = seo.ogImage ? structuredImageUrls(publicUrl, seo.ogImage)[0] : undefined;
  const twitterImage = seo.twitterImage ? structuredImageUrls(publicUrl, seo.twitterImage)[0] : undefined;
  const crop = seo.ogImage?.crops.find((c) => c.ratio === '16x9');
  // The hero's alt text describes the hero; another image chosen for the cards describes itself.
  const altOf = (img: StoryView['seo']['ogImage']) => (img && img === story.hero?.image ? story.hero.alt : img?.alt);
  const section = story.sections[story.sections.length - 1];
  const article = page
    ? ''
    : html`<meta property="article:published_time" content="${isoDate(story.publishedAt)}"/>
    <meta property="article:modified_time" content="${isoDate(Math.max(story.updatedAt, story.publishedAt))}"/>
    ${section ? html`<meta property="article:section" content="${section.name}"/>` : ''}
    ${story.tags.map((t) => html`<meta property="article:tag" content="${t.name}"/>`)}
    ${story.authors.map((a) => html`<meta property="article:author" content="${publicUrl + a.url}"/>`)}`;
  const data = page
    ? webPageData(story, o)
    : props.liveblog
      ? { ...newsArticleData(story, o), ...props.liveblog }
      : newsArticleData(story, o);
  return html`<meta name="robots" content="${story.seo.noindex ? 'noindex' : 'max-image-preview:large'}"/>
    <meta property="og:type" content="${page ? 'website' : 'article'}"/>
    <meta property="og:site_name" content="${chrome.name}"/>
    <meta property="og:title" content="${seo.ogTitle}"/>
    <meta property="og:description" content="${seo.ogDescription}"/>
    <meta property="og:url" content="${canonical}"/>
    ${ogImage ? html`<meta property="og:image" content="${ogImage}"/>` : ''}
    ${crop ? html`<meta property="og:image:width" content="${crop.width}"/><meta property="og:image:height" content="${crop.height}"/>` : ''}
    ${seo.ogImage ? html`<meta property="og:image:alt" content="${altOf(seo.ogImage)}"/>` : ''}
    ${article}
    <meta name="twitter:card" content="${twitterImage ? 'summary_large_image' : 'summary'}"/>
    <meta name="twitter:title" content="${seo.twitterTitle}"/>
    <meta name="twitter:description" content="${seo.twitterDescription}"/>
    ${twitterImage ? html`<meta name="twitter:image" content="${twitterImage}"/>` : ''}
    ${seo.twitterImage ? html`<meta name="twitter:image:alt" content="${altOf(seo.twitterImage)}"/>` : ''}
    ${FeedLinks({ publicUrl, path: editionPath(chrome.edition, ''), title: editionTitle(chrome.name, chrome.edition, chrome.editions) })}
    ${JsonLd({ data })}
    ${page ? '' : JsonLd({ data: breadcrumbData(story, o) })}`;
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
