import type { ImageView } from '../media/image.present.js';
import { html } from './html.js';

/**
 * A responsive image: WebP and JPEG srcsets, intrinsic width and height (no layout shift),
 * lazy unless it is the hero.
 */
export function Picture(props: { image: ImageView; alt: string; sizes: string; eager?: boolean; class?: string }) {
  const { image, sizes, eager } = props;
  const webp = image.srcset.webp ? html`<source type="image/webp" srcset="${image.srcset.webp}" sizes="${sizes}"/>` : '';
  const jpegSet = image.srcset.jpeg ? html` srcset="${image.srcset.jpeg}"` : '';
  const loading = eager ? html` loading="eager" decoding="auto" fetchpriority="high"` : html` loading="lazy" decoding="async"`;
  const cls = props.class !== undefined ? html` class="${props.class}"` : '';
  return html`<picture>
    ${webp}
    <img src="${image.src}"${jpegSet} sizes="${sizes}" width="${image.width}" height="${image.height}" alt="${props.alt}"${loading}${cls}/>
  </picture>`;
}
