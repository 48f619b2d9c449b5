import type { ImageView } from '../media/image.present.js';
import { html } from './html.js';

// Rendering rule (ui/html.ts): rendered for every card and story image, so an `html` template escaped by the one escaper.

/** The densest screens served: a slot `largest` CSS pixels wide never needs a candidate wider than this many times that. */
const MAX_DENSITY = 3;

const trimmed = new WeakMap<ImageView, Map<number, ImageView['srcset']>>();

/** The candidates of a srcset ("url 400w, url 800w, …", narrowest first) up to the first one at least `width` wide. */
function upTo(srcset: string, width: number): string {
  const out: string[] = [];
  for (const candidate of srcset.split(', ')) {
    out.push(candidate);
    if (Number(/ (\d+)w$/.exec(candidate)?.[1] ?? 0) >= width) break;
  }
  return out.join(', ');
}

/**
 * An image's srcsets without the candidates no screen picks for a slot at most `largest` CSS pixels wide
 * (a 200-pixel thumbnail has no use for a 1600w file, and each such candidate is two URLs of markup in
 * every card). Worked out once per image view and slot width.
 */
export function srcsetFor(image: ImageView, largest?: number): ImageView['srcset'] {
  if (largest === undefined) return image.srcset;
  let bySlot = trimmed.get(image);
  if (!bySlot) {
    bySlot = new Map();
    trimmed.set(image, bySlot);
  }
  let set = bySlot.get(largest);
  if (!set) {
    set = {
      webp: upTo(image.srcset.webp, largest * MAX_DENSITY),
      jpeg: upTo(image.srcset.jpeg, largest * MAX_DENSITY),
    };
    bySlot.set(largest, set);
  }
  return set;
}

/**
 * A responsive image: WebP and JPEG srcsets, intrinsic width and height (no layout shift),
 * lazy unless it is the hero. `largest` is the widest the slot ever shows it, in CSS pixels, where
 * that is small (thumbnails, avatars): wider candidates are left out.
 */
export function Picture(props: {
  image: ImageView;
  alt: string;
  sizes: string;
  largest?: number;
  eager?: boolean;
  class?: string;
}) {
  const { image, sizes, eager } = props;
  const srcset = srcsetFor(image, props.largest);
  const webp = srcset.webp ? html`<source type="image/webp" srcset="${srcset.webp}" sizes="${sizes}"/>` : '';
  const jpegSet = srcset.jpeg ? html` srcset="${srcset.jpeg}"` : '';
  const loading = eager
    ? html` loading="eager" decoding="auto" fetchpriority="high"`
    : html` loading="lazy" decoding="async"`;
  const cls = props.class !== undefined ? html` class="${props.class}"` : '';
  return html`<picture>
    ${webp}
    <img src="${image.src}"${jpegSet} sizes="${sizes}" width="${image.width}" height="${image.height}" alt="${props.alt}"${loading}${cls}/>
  </picture>`;
}
