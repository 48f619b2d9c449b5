import { type Crop, UNTOUCHED_ORIGINAL, type Variant } from './image.pipeline.js';
import type { ImageViewRow } from './image.repo.js';
import type { MediaStore } from './media.store.js';

/** What a page may show of an image: URLs of its variants and its descriptive text. */
export interface ImageView {
  id: number;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  /** The fallback URL (the 800 px JPEG variant, or the largest). */
  src: string;
  srcset: { webp: string; jpeg: string };
  /** The full-size copy (upright, no metadata but its colour profile), for feeds and structured data. */
  original: string;
  /** Fixed-ratio crops (16:9, 4:3, 1:1); empty for images made before crops existed. */
  crops: { ratio: Crop['ratio']; url: string; width: number; height: number; bytes: number }[];
}

/** Lists the fields of an image a reader may see. */
export function presentImage(img: ImageViewRow, store: Pick<MediaStore, 'url'>): ImageView {
  const variants = JSON.parse(img.variants) as Variant[];
  const set = (fmt: Variant['format']) =>
    variants
      .filter((v) => v.format === fmt)
      .sort((a, b) => a.width - b.width)
      .map((v) => `${store.url(v.key)} ${v.width}w`)
      .join(', ');
  const jpegs = variants.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width);
  const fallback = jpegs.find((v) => v.width >= 800) ?? jpegs[jpegs.length - 1];
  // An untouched upload from before stripping is never served: its largest variant stands in until `media strip`.
  const full = UNTOUCHED_ORIGINAL.test(img.storage_key) ? jpegs[jpegs.length - 1]?.key : img.storage_key;
  return {
    id: img.id,
    width: img.width,
    height: img.height,
    alt: img.alt,
    caption: img.caption,
    credit: img.credit,
    src: store.url(fallback ? fallback.key : (full ?? img.storage_key)),
    srcset: { webp: set('webp'), jpeg: set('jpeg') },
    original: store.url(full ?? img.storage_key),
    crops: (JSON.parse(img.crops || '[]') as Crop[]).map((c) => ({
      ratio: c.ratio,
      url: store.url(c.key),
      width: c.width,
      height: c.height,
      bytes: c.bytes,
    })),
  };
}
