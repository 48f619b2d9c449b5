import type { AuthorView } from '../authors/author.present.js';
import type { ImageView } from '../media/image.present.js';
import type { StoryView } from '../stories/story.present.js';
import { isoDate } from '../lib/iso-date.js';
import { LOGO_SIZE } from './logo.js';

/** The newsroom as schema.org sees it: the publisher of every article. */
export function publisherData(publicUrl: string, name: string) {
  return {
    '@type': 'NewsMediaOrganization',
    name,
    url: `${publicUrl}/`,
    logo: { '@type': 'ImageObject', url: `${publicUrl}/brand/logo.png`, width: LOGO_SIZE, height: LOGO_SIZE },
  };
}

/** Absolute URLs of an image for search engines: its 16:9, 4:3 and 1:1 crops, or its largest variant if it predates crops. */
export function structuredImageUrls(publicUrl: string, image: ImageView): string[] {
  const order = ['16x9', '4x3', '1x1'];
  const crops = [...image.crops].sort((a, b) => order.indexOf(a.ratio) - order.indexOf(b.ratio));
  return crops.length ? crops.map((c) => publicUrl + c.url) : [publicUrl + image.src];
}

/** What a story page tells search engines and social cards: the story's own words where written, else the defaults. */
export interface ResolvedSeo {
  /** The whole <title> when the story has its own (meta title); null: the headline with the site's name. */
  title: string | null;
  description: string;
  ogTitle: string;
  ogDescription: string;
  ogImage: ImageView | null;
  twitterTitle: string;
  twitterDescription: string;
  twitterImage: ImageView | null;
}

/**
 * The defaults follow each other as Ghost's and Yoast's do: the meta title and description stand in for the social
 * ones, OpenGraph's for Twitter's; without any, the headline and the dek (or the excerpt); the hero is the image.
 */
export function resolvedSeo(story: StoryView): ResolvedSeo {
  const seo = story.seo;
  const description = seo.metaDescription || story.dek || story.excerpt;
  const ogTitle = seo.ogTitle || seo.metaTitle || story.headline;
  const ogDescription = seo.ogDescription || description;
  const ogImage = seo.ogImage ?? story.hero?.image ?? null;
  return {
    title: seo.metaTitle || null,
    description,
    ogTitle,
    ogDescription,
    ogImage,
    twitterTitle: seo.twitterTitle || ogTitle,
    twitterDescription: seo.twitterDescription || ogDescription,
    twitterImage: seo.twitterImage ?? ogImage,
  };
}

/** Another language's version of a story, as its page's canonical URL and its language. */
export interface TranslationRef {
  url: string;
  language: string;
}

/** A story in another language, as schema.org names it: by its page's article id. */
const articleRef = (t: TranslationRef) => ({
  '@type': 'NewsArticle',
  '@id': `${t.url}#article`,
  url: t.url,
  inLanguage: t.language,
});

/**
 * schema.org NewsArticle for a story page (Google's article structured data, required and recommended fields).
 * `inLanguage` is the story's own language; a translation names the story it was translated from
 * (`translationOfWork`), and that story its published translations (`workTranslation`).
 */
export function newsArticleData(
  story: StoryView,
  o: {
    publicUrl: string;
    canonical: string;
    siteName: string;
    translationOf?: TranslationRef;
    translations?: readonly TranslationRef[];
  },
) {
  const section = story.sections[story.sections.length - 1];
  const seo = resolvedSeo(story);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': `${o.canonical}#article`,
    mainEntityOfPage: { '@type': 'WebPage', '@id': o.canonical },
    url: o.canonical,
    headline: story.headline,
    description: seo.description,
    ...(seo.ogImage ? { image: structuredImageUrls(o.publicUrl, seo.ogImage) } : {}),
    datePublished: isoDate(story.publishedAt),
    dateModified: isoDate(Math.max(story.updatedAt, story.publishedAt)),
    // A story without a byline is the newsroom's own: Google accepts an Organization as the author.
    author: story.authors.length
      ? story.authors.map((a) => ({ '@type': 'Person', name: a.name, url: o.publicUrl + a.url }))
      : [{ '@type': 'NewsMediaOrganization', name: o.siteName, url: `${o.publicUrl}/` }],
    publisher: publisherData(o.publicUrl, o.siteName),
    ...(section ? { articleSection: section.name } : {}),
    ...(story.tags.length ? { keywords: story.tags.map((t) => t.name) } : {}),
    wordCount: story.wordCount,
    inLanguage: story.language,
    ...(o.translationOf ? { translationOfWork: articleRef(o.translationOf) } : {}),
    ...(o.translations?.length ? { workTranslation: o.translations.map(articleRef) } : {}),
    isAccessibleForFree: true,
  };
}

/**
 * schema.org WebPage for a page (kind 'page', an imported About page): not an article, so no dates, byline or
 * section for news engines to list; the newsroom is its publisher.
 */
export function webPageData(story: StoryView, o: { publicUrl: string; canonical: string; siteName: string }) {
  const seo = resolvedSeo(story);
  return {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    '@id': `${o.canonical}#page`,
    url: o.canonical,
    name: story.headline,
    description: seo.description,
    ...(seo.ogImage ? { image: structuredImageUrls(o.publicUrl, seo.ogImage) } : {}),
    inLanguage: story.language,
    publisher: publisherData(o.publicUrl, o.siteName),
  };
}

/** Home › sections › the story, as a schema.org BreadcrumbList. */
export function breadcrumbData(story: StoryView, o: { publicUrl: string; canonical: string; siteName: string }) {
  const trail = [
    { name: o.siteName, url: `${o.publicUrl}/` },
    ...story.sections.map((s) => ({ name: s.name, url: o.publicUrl + s.url })),
    { name: story.headline, url: o.canonical },
  ];
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((t, i) => ({ '@type': 'ListItem', position: i + 1, name: t.name, item: t.url })),
  };
}

/** schema.org ProfilePage whose main entity is the author as a Person; in the page's edition's language. */
export function profilePageData(author: AuthorView, o: { publicUrl: string; siteName: string; language: string }) {
  const url = o.publicUrl + author.url;
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    url,
    inLanguage: o.language,
    mainEntity: {
      '@type': 'Person',
      '@id': `${url}#person`,
      name: author.name,
      url,
      ...(author.roleTitle ? { jobTitle: author.roleTitle } : {}),
      ...(author.bio ? { description: author.bio } : {}),
      ...(author.avatar ? { image: o.publicUrl + author.avatar.src } : {}),
      ...(author.links.some((l) => /^https?:/.test(l.url))
        ? { sameAs: author.links.filter((l) => /^https?:/.test(l.url)).map((l) => l.url) }
        : {}),
      worksFor: { '@type': 'NewsMediaOrganization', name: o.siteName, url: `${o.publicUrl}/` },
    },
  };
}

/**
 * schema.org WebSite with a SearchAction, for an edition's home page (the sitelinks search box): `home` and
 * `search` are the edition's paths (`/uk/`, `/uk/search`), `language` its language.
 */
export function webSiteData(o: {
  publicUrl: string;
  siteName: string;
  description: string;
  language: string;
  home: string;
  search: string;
}) {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: o.siteName,
    url: o.publicUrl + o.home,
    description: o.description,
    inLanguage: o.language,
    publisher: publisherData(o.publicUrl, o.siteName),
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${o.publicUrl}${o.search}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}
