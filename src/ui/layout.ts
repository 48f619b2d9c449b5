import type { Child } from 'hono/jsx';
import { assetUrl } from './assets.js';
import { Banner, type BannerView } from './banner.js';
import { html } from './html.js';

// Rendering rule (ui/html.ts): the shell of every reader page, so an `html` template escaped by the one escaper.

/** The newsroom-wide parts every page shows: name, navigation, language. */
export interface Chrome {
  name: string;
  description: string;
  language: string;
  nav: { name: string; url: string }[];
  /** The live layer: the feed-event id this page is current to (live.js resumes there) and the breaking-news banner. */
  live?: { since: number; banner: BannerView | null };
}

export interface LayoutProps {
  chrome: Chrome;
  title: string;
  description?: string;
  canonical?: string;
  /** Extra elements for <head> (feeds, structured data, social meta). */
  head?: Child;
  children?: Child;
}

/** The page shell: landmarks, skip link, header with navigation, main, footer. */
export function Layout(props: LayoutProps) {
  const { chrome } = props;
  const title = props.title === chrome.name ? chrome.name : `${props.title} — ${chrome.name}`;
  const live = chrome.live ? html` data-live-since="${chrome.live.since}"` : '';
  return html`<html lang="${chrome.language}">
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title>${title}</title>
      <meta name="description" content="${props.description ?? chrome.description}"/>
      ${props.canonical ? html`<link rel="canonical" href="${props.canonical}"/>` : ''}
      <link rel="icon" href="/favicon.ico" sizes="any"/>
      <link rel="apple-touch-icon" href="/apple-touch-icon.png"/>
      <link rel="manifest" href="/site.webmanifest"/>
      <link rel="stylesheet" href="${assetUrl('site.css')}"/>
      <script src="${assetUrl('site.js')}" defer=""></script>
      ${props.head}
    </head>
    <body>
      <a class="skip" href="#main">Skip to content</a>
      <header class="masthead">
        <div class="wrap masthead-inner">
          <a class="brand" href="/">${chrome.name}</a>
          <nav aria-label="Sections">
            <ul class="nav">
              <li><a href="/">News Feed</a></li>
              ${chrome.nav.map((s) => html`<li><a href="${s.url}">${s.name}</a></li>`)}
              <li><a href="/search">Search</a></li>
            </ul>
          </nav>
        </div>
      </header>
      <div id="banner-slot"${live}>${chrome.live?.banner ? Banner({ banner: chrome.live.banner }) : ''}</div>
      <main id="main" class="wrap" tabindex="-1">${props.children}</main>
      <footer class="footer">
        <div class="wrap">
          <p>${chrome.name} — ${chrome.description}</p>
        </div>
      </footer>
    </body>
  </html>`;
}
