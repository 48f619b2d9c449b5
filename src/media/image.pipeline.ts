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
/**
 * Refuses decompression bombs and merely huge photos: a small file that would decode to a gigantic bitmap.
 * The default of IMAGE_MAX_MEGAPIXELS; uploads pass the configured figure.
 */
export const DEFAULT_MAX_PIXELS = 40_000_000;

/** What bounds one image's processing. */
export interface ImageLimits {
  maxPixels: number;
}

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

/** The name of the full-size public copy beside the variants; `original.*` (the untouched upload) is never stored. */
export const FULL_NAME = 'full';

/** The key of an untouched upload stored before stripping; never served (`media strip` replaces them). */
export const UNTOUCHED_ORIGINAL = /\/original\.[a-z]+$/;

/**
 * Checks an upload by its content (never its name) and writes what readers may fetch: a full-size copy, the
 * responsive variants and the crops. Every one is re-encoded from the pixels, upright (the EXIF orientation
 * applied) and with the colour profile kept, and carries no other metadata: no EXIF (GPS position, camera,
 * owner), XMP or IPTC. The untouched upload is not kept anywhere (a source's location is not ours to store).
 * Throws AppError 413/415/422 with a readable message for oversized, unknown or bomb-like files.
 */
export async function processImage(
  store: MediaStore,
  bytes: Buffer,
  limits: ImageLimits = { maxPixels: DEFAULT_MAX_PIXELS },
): Promise<ProcessedImage & { crops: Crop[] }> {
  return renderImage(store, bytes, await inspectImage(bytes, limits));
}

/** What the header of an accepted upload says: enough to decide before any pixel is decoded. */
export interface InspectedImage {
  format: string;
  mime: string;
  /** Upright (the EXIF orientation applied). */
  width: number;
  height: number;
  maxPixels: number;
}

/**
 * Checks an upload from its header alone (cheap: nothing is decoded), so a refusal never waits for, or takes,
 * a turn at the image gate. Throws the pipeline's readable 413/415/422.
 */
export async function inspectImage(bytes: Buffer, limits: ImageLimits): Promise<InspectedImage> {
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
  if (width * height > limits.maxPixels)
    throw new AppError(
      422,
      'image_too_many_pixels',
      `The image is ${width}×${height} pixels (${megapixels(width * height)} megapixels); at most ${megapixels(limits.maxPixels)} megapixels are accepted.`,
    );
  return { format, mime, width, height, maxPixels: limits.maxPixels };
}

/** Decodes and writes an inspected image's files (the CPU- and memory-heavy part; uploads run it in the gate). */
export async function renderImage(
  store: MediaStore,
  bytes: Buffer,
  { format, mime, width, height, maxPixels }: InspectedImage,
): Promise<ProcessedImage & { crops: Crop[] }> {
  const sharp = await loadSharp();
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 20);
  const base = `img/${hash.slice(0, 2)}/${hash}`;
  const full = await cleanCopy(bytes, format, maxPixels);
  const storageKey = `${base}/${FULL_NAME}.${full.ext}`;
  await store.put(storageKey, full.data);

  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < width);
  if (widths.length === 0 || widths[widths.length - 1]! < Math.min(width, 1600)) widths.push(Math.min(width, 1600));
  const variants = await Promise.all(
    widths.flatMap((w) =>
      VARIANT_FORMATS.map(async (fmt): Promise<Variant> => {
        const pipeline = sharp(bytes, { limitInputPixels: maxPixels })
          .autoOrient()
          .keepIccProfile()
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
  const crops = await makeCrops(store, bytes, base, width, height, maxPixels);
  return { storageKey, mime, width, height, bytes: full.data.length, variants, crops };
}

const megapixels = (pixels: number) => String(Math.round(pixels / 100_000) / 10);

/**
 * The image at full size in its own format, upright, with its ICC profile and nothing else of its metadata
 * (sharp writes none unless asked). PNG stays lossless; JPEG, WebP and AVIF are re-encoded at high quality.
 */
export async function cleanCopy(
  bytes: Buffer,
  format: string,
  /** 0: no limit (images already accepted). */
  maxPixels = DEFAULT_MAX_PIXELS,
): Promise<{ data: Buffer; ext: string }> {
  const sharp = await loadSharp();
  const pipeline = sharp(bytes, { limitInputPixels: maxPixels }).autoOrient().keepIccProfile();
  switch (format) {
    case 'png':
      return { data: await pipeline.png({ compressionLevel: 9 }).toBuffer(), ext: 'png' };
    case 'webp':
      return { data: await pipeline.webp({ quality: 90 }).toBuffer(), ext: 'webp' };
    case 'heif':
      return { data: await pipeline.avif({ quality: 70 }).toBuffer(), ext: 'avif' };
    default:
      return { data: await pipeline.jpeg({ quality: 90, mozjpeg: true }).toBuffer(), ext: 'jpg' };
  }
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
  maxPixels = DEFAULT_MAX_PIXELS,
): Promise<Crop[]> {
  const sharp = await loadSharp();
  return Promise.all(
    CROP_RATIOS.map(async ({ ratio, w, h }): Promise<Crop> => {
      const fullWidth = width / height >= w / h ? Math.floor((height * w) / h) : width;
      const outWidth = Math.max(1, Math.min(CROP_WIDTH, fullWidth));
      const outHeight = Math.max(1, Math.round((outWidth * h) / w));
      const out = await sharp(bytes, { limitInputPixels: maxPixels })
        .autoOrient()
        .keepIccProfile()
        .resize({ width: outWidth, height: outHeight, fit: 'cover', position: 'attention' })
        .jpeg({ quality: 80, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      const key = `${base}/crop-${ratio}.jpg`;
      await store.put(key, out.data);
      return { ratio, width: out.info.width, height: out.info.height, key, bytes: out.data.length };
    }),
  );
}
