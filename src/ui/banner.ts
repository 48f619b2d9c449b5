import { html } from './html.js';

// Rendering rule (ui/html.ts): inside every reader page (and streamed live), so an `html` template escaped by the one escaper.

/** What the breaking-news banner shows: a short label ("Breaking") and the linked story. */
export interface BannerView {
  storyId: number;
  label: string;
  headline: string;
  url: string;
}

/** The banner's markup inside the layout's #banner-slot (also streamed to open pages when raised). */
export function Banner(props: { banner: BannerView }) {
  const b = props.banner;
  return html`<p class="breaking wrap" role="status"><span class="breaking-label">${b.label}</span> <a href="${b.url}">${b.headline}</a></p>`;
}
