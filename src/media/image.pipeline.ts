import { createHash } from 'node:crypto';
import type { Metadata } from 'sharp';
import { AppError } from '../http/errors.js';
import type { MediaStore } from './media.store.js';
import { loadSharp } from './sharp.js';

/** Widths of the responsive variants; none wider than the original is made. */
export const VARIANT_WIDTHS = [400, 800, 1200, 1600] as const;
/** Formats of every variant: a modern one and a universal fallback. */
export const VARIANT_FORMATS = ['webp', 'jpeg'] as const;
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Refuses decompression bombs: a small file that would decode to a gigantic bitmap. */
export const MAX_PIXELS = 50_000_000;

const ACCEPTED: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heif: 'image/avif',
};

export interface Variant {
  width: number;
  height: number;
  format: (typeof VARIANT_FORMATS)[number];
  key: string;
}

/** Aspect ratios of the fixed crops search engines ask for (Google: 16:9, 4:3 and 1:1 for article images). */
export const CROP_RATIOS = [
  { ratio: '16x9', w: 16, h: 9 },
  { ratio: '4x3', w: 4, h: 3 },
  { ratio: '1x1', w: 1, h: 1 },
] as const;
/** Width of each crop: structured-data images should be at least 1200 px wide; narrower originals give narrower crops. */
export const CROP_WIDTH = 1200;

export interface Crop {
  ratio: (typeof CROP_RATIOS)[number]['ratio'];
  width: number;
  height: number;
  key: string;
  /** Size in bytes (feeds state an enclosure's length). */
  bytes: number;
}

export interface ProcessedImage {
  storageKey: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  variants: Variant[];
  /** Optional so code that builds a ProcessedImage by hand (imports, older callers) still compiles; insertImage stores [] then. */
  crops?: Crop[];
}

/**
 * Checks an upload by its content (never its name), keeps the original and writes the responsive variants.
 * Throws AppError 413/415/422 with a readable message for oversized, unknown or bomb-like files.
 */
export async function processImage(store: MediaStore, bytes: Buffer): Promise<ProcessedImage & { crops: Crop[] }> {
  if (bytes.length === 0) throw new AppError(422, 'empty_image', 'The file is empty.');
  if (bytes.length > MAX_UPLOAD_BYTES)
    throw new AppError(413, 'image_too_large', `Images may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new AppError(415, 'not_an_image', 'That file is not an image we can read. Upload a JPEG, PNG, WebP or AVIF.');
  }
  const format = meta.format ?? '';
  const mime = ACCEPTED[format];
  if (!mime || (format === 'heif' && meta.compression !== 'av1'))
    throw new AppError(415, 'unsupported_image', 'Only JPEG, PNG, WebP and AVIF images are accepted.');
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (!width || !height) throw new AppError(422, 'bad_image', 'The image has no readable dimensions.');
  if (width * height > MAX_PIXELS)
    throw new AppError(
      422,
      'image_too_many_pixels',
      `The image is ${width}×${height} pixels; at most ${MAX_PIXELS / 1_000_000} megapixels are accepted.`,
    );

  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 20);
  const base = `img/${hash.slice(0, 2)}/${hash}`;
  const ext = format === 'heif' ? 'avif' : format === 'jpeg' ? 'jpg' : format;
  const storageKey = `${base}/original.${ext}`;
  await store.put(storageKey, bytes);

  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < width);
  if (widths.length === 0 || widths[widths.length - 1]! < Math.min(width, 1600)) widths.push(Math.min(width, 1600));
  const variants = await Promise.all(
    widths.flatMap((w) =>
      VARIANT_FORMATS.map(async (fmt): Promise<Variant> => {
        const pipeline = sharp(bytes, { limitInputPixels: MAX_PIXELS })
          .autoOrient()
          .resize({ width: w, withoutEnlargement: true });
        const out = await (fmt === 'webp'
          ? pipeline.webp({ quality: 78 })
          : pipeline.jpeg({ quality: 80, mozjpeg: true })
        ).toBuffer({ resolveWithObject: true });
        const key = `${base}/${w}.${fmt === 'jpeg' ? 'jpg' : fmt}`;
        await store.put(key, out.data);
        return { width: out.info.width, height: out.info.height, format: fmt, key };
      }),
    ),
  );
  const crops = await makeCrops(store, bytes, base, width, height);
  return { storageKey, mime, width, height, bytes: bytes.length, variants, crops };
}

/**
 * The largest centred-on-interest crop of each ratio, scaled down to CROP_WIDTH (never up), as JPEG.
 * Images processed before crops existed simply have none; readers of crops fall back to the variants.
 */
export async function makeCrops(
  store: MediaStore,
  bytes: Buffer,
  base: string,
  width: number,
  height: number,
): Promise<Crop[]> {
  const sharp = await loadSharp();
  return Promise.all(
    CROP_RATIOS.map(async ({ ratio, w, h }): Promise<Crop> => {
      const fullWidth = width / height >= w / h ? Math.floor((height * w) / h) : width;
      const outWidth = Math.max(1, Math.min(CROP_WIDTH, fullWidth));
      const outHeight = Math.max(1, Math.round((outWidth * h) / w));
      const out = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
        .autoOrient()
        .resize({ width: outWidth, height: outHeight, fit: 'cover', position: 'attention' })
        .jpeg({ quality: 80, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      const key = `${base}/crop-${ratio}.jpg`;
      await store.put(key, out.data);
      return { ratio, width: out.info.width, height: out.info.height, key, bytes: out.data.length };
    }),
  );
}
