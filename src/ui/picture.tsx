import type { ImageView } from '../media/image.present.js';

/**
 * A responsive image: WebP and JPEG srcsets, intrinsic width and height (no layout shift),
 * lazy unless it is the hero.
 */
export function Picture(props: { image: ImageView; alt: string; sizes: string; eager?: boolean; class?: string }) {
  const { image } = props;
  return (
    <picture>
      {image.srcset.webp && <source type="image/webp" srcset={image.srcset.webp} sizes={props.sizes} />}
      <img
        src={image.src}
        srcset={image.srcset.jpeg || undefined}
        sizes={props.sizes}
        width={image.width}
        height={image.height}
        alt={props.alt}
        loading={props.eager ? 'eager' : 'lazy'}
        decoding={props.eager ? 'auto' : 'async'}
        fetchpriority={props.eager ? 'high' : undefined}
        class={props.class}
      />
    </picture>
  );
}
