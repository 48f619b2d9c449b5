import type { Child } from 'hono/jsx';
import { type Alternate, type Edition, editionPath, hreflangLinks, ogLocale } from '../editions/edition.js';
import type { Translate } from '../i18n/catalogue.types.js';
import { assetUrl } from './assets.js';
import { Banner, type BannerView } from './banner.js';
import { type Html, html } from './html.js';
import { scriptWordsAttribute } from './script-words.js';
import { SignUpForm, type SignUpChoice } from '../newsletters/signup.form.js';
import type { NavLink } from '../pages/menu.links.js';

// Rendering rule (ui/html.ts): the shell of every reader page, so an `html` template escaped by the one escaper.

/** The newsroom-wide parts every page shows: name, navigation, the edition and its words. */
export interface Chrome {
  name: string;
  description: string;
  /** The edition's language (`<html lang>`, `inLanguage`). */
  language: string;
  /** The edition the page is in, and every edition (the primary one first). */
  edition: Edition;
  editions: readonly Edition[];
  /** Absolute URLs (hreflang alternates) start with it. */
  publicUrl: string;
  /** The edition's words (src/i18n). */
  t: Translate;
  /** The header's navigation: the edition's menu (one level of links under a link), or its top-level sections. */
  nav: NavLink[];
  /** The footer's menu (none when the desk made none). */
  footerNav?: NavLink[];
  /** The live layer: the feed-event id this page is current to (live.js resumes there) and the breaking-news banner. */
  live?: { since: number; banner: BannerView | null };
  /** The newsletters readers of this edition may sign up for (the footer's form, the story's), from memory. */
  newsletters?: readonly SignUpChoice[];
}

export interface LayoutProps {
  chrome: Chrome;
  title: string;
  /** The page's own whole <title> (a story's meta title), shown as written: without the site's name after it. */
  fullTitle?: string;
  description?: string;
  canonical?: string;
  /** Extra elements for <head> (feeds, structured data, social meta). */
  head?: Child;
  /**
   * This page in each edition that has it (the current one included): hreflang links, og:locale alternates and
   * the language switcher. Listing pages pass `everyEdition(chrome.editions, path)`; a story, its translations.
   * A page with none (an error, a search) shows no switcher.
   */
  alternates?: Alternate[];
  /** The footer's newsletter form; off where the page has its own (a story's, under the story). */
  footerSignUp?: boolean;
  children?: Child;
}

export type { Alternate };

/** What a listing needs of the page's edition (its words and locale). */
export function listingWords(chrome: Pick<Chrome, 't' | 'edition'>): { t: Translate; locale: string } {
  return { t: chrome.t, locale: chrome.edition.locale };
}

/**
 * What a page with counterparts adds to <head>: a hreflang link for each edition and x-default for the primary
 * edition's (when it has one), and og:locale with its alternates. Reciprocal by construction: every counterpart
 * lists the same set, itself included.
 */
function EditionHead(chrome: Chrome, alternates: Alternate[]) {
  const links = hreflangLinks(chrome.editions, alternates, chrome.publicUrl);
  return html`${links.map((l) => html`<link rel="alternate" hreflang="${l.hreflang}" href="${l.href}"/>`)}
      ${alternates
        .filter((a) => a.edition.code !== chrome.edition.code)
        .map((a) => html`<meta property="og:locale:alternate" content="${ogLocale(a.edition)}"/>`)}`;
}

/** The language switcher: this page in each other edition, named in its own language. */
function EditionSwitcher(chrome: Chrome, alternates: Alternate[]) {
  const others = alternates.filter((a) => a.edition.code !== chrome.edition.code);
  if (!others.length) return '';
  return html`<nav class="editions" aria-label="${chrome.t('layout.editions')}">
    <ul>${others.map(
      (a) =>
        html`<li><a href="${a.path}" hreflang="${a.edition.code}" lang="${a.edition.code}" rel="alternate">${a.edition.name}</a></li>`,
    )}</ul>
  </nav>`;
}

/**
 * The header's "Sign in" link, the same for everyone (pages stay cacheable): back to this page after signing in.
 * site.js asks /account/state.json when the reader is signed in and turns it into the "Account" link.
 */
function AccountLink(chrome: Chrome, canonical: string | undefined) {
  let next = '';
  if (canonical?.startsWith(chrome.publicUrl)) {
    const path = canonical.slice(chrome.publicUrl.length) || '/';
    if (path.startsWith('/') && !path.startsWith('//')) next = `?next=${encodeURIComponent(path)}`;
  }
  const signIn = editionPath(chrome.edition, '/account/sign-in');
  const stateUrl = editionPath(chrome.edition, '/account/state.json');
  return html`<a class="account-link" href="${signIn}${next}" data-account-link="" data-state-url="${stateUrl}">${chrome.t('layout.signIn')}</a>`;
}

/** The footer's newsletter form: the same on every page of an edition, so made once per list of newsletters. */
const footerForms = new WeakMap<readonly SignUpChoice[], Map<string, ReturnType<typeof SignUpForm>>>();
function FooterSignUp(chrome: Chrome) {
  const choices = chrome.newsletters;
  if (!choices?.length) return '';
  let byEdition = footerForms.get(choices);
  if (!byEdition) {
    byEdition = new Map();
    footerForms.set(choices, byEdition);
  }
  let form = byEdition.get(chrome.edition.code);
  if (!form) {
    form = SignUpForm({
      t: chrome.t,
      action: editionPath(chrome.edition, '/newsletters/sign-up'),
      choices,
      source: 'footer',
    });
    byEdition.set(chrome.edition.code, form);
  }
  return form;
}

/** A menu link, and the links under it (one level) as a list inside its item. */
const NavItem = (l: NavLink): Html =>
  html`<li><a href="${l.url}">${l.name}</a>${
    l.children?.length ? html`<ul class="subnav">${l.children.map(NavItem)}</ul>` : ''
  }</li>`;

/** The footer's menu: its top-level links, each with the links under it. */
const FooterNav = (chrome: Chrome, links: readonly NavLink[]) =>
  html`<nav class="footer-nav" aria-label="${chrome.t('layout.footerNav')}"><ul>${links.map(NavItem)}</ul></nav>`;

/** The page shell: landmarks, skip link, header with navigation, main, footer. */
export function Layout(props: LayoutProps) {
  const { chrome } = props;
  const { t } = chrome;
  const home = editionPath(chrome.edition, '/');
  const alternates = props.alternates ?? [];
  const title = props.fullTitle || (props.title === chrome.name ? chrome.name : `${props.title} — ${chrome.name}`);
  // The page's live stream is its edition's (/uk/live/feed for a page of the Ukrainian edition).
  const live = chrome.live
    ? html` data-live-since="${chrome.live.since}" data-live-url="${editionPath(chrome.edition, '/live/feed')}"`
    : '';
  return html`<html lang="${chrome.language}">
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title>${title}</title>
      <meta name="description" content="${props.description ?? chrome.description}"/>
      ${props.canonical ? html`<link rel="canonical" href="${props.canonical}"/>` : ''}
      <meta property="og:locale" content="${ogLocale(chrome.edition)}"/>
      ${alternates.length ? EditionHead(chrome, alternates) : ''}
      <link rel="icon" href="/favicon.ico" sizes="any"/>
      <link rel="apple-touch-icon" href="/apple-touch-icon.png"/>
      <link rel="manifest" href="/site.webmanifest"/>
      <link rel="stylesheet" href="${assetUrl('site.css')}"/>
      <script src="${assetUrl('site.js')}" defer=""></script>
      ${props.head}
    </head>
    <body${scriptWordsAttribute(chrome.language)}>
      <a class="skip" href="#main">${t('layout.skip')}</a>
      <header class="masthead">
        <div class="wrap masthead-inner">
          <a class="brand" href="${home}">${chrome.name}</a>
          <nav aria-label="${t('layout.sections')}">
            <ul class="nav">
              <li><a href="${home}">${t('layout.newsFeed')}</a></li>
              ${chrome.nav.map(NavItem)}
              <li><a href="${editionPath(chrome.edition, '/search')}">${t('layout.search')}</a></li>
            </ul>
          </nav>
          ${EditionSwitcher(chrome, alternates)}
          ${AccountLink(chrome, props.canonical)}
        </div>
      </header>
      <div id="banner-slot"${live}>${chrome.live?.banner ? Banner({ banner: chrome.live.banner }) : ''}</div>
      <main id="main" class="wrap" tabindex="-1">${props.children}</main>
      <footer class="footer">
        <div class="wrap">
          ${props.footerSignUp === false ? '' : FooterSignUp(chrome)}
          ${chrome.footerNav?.length ? FooterNav(chrome, chrome.footerNav) : ''}
          <p>${chrome.name} — ${chrome.description}</p>
        </div>
      </footer>
    </body>
  </html>`;
}
