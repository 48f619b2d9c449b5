import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/**
 * Real files for upload tests, generated on this machine: ordinary images in each accepted format,
 * and the hostile ones the pipeline must refuse.
 */
const base = (width = 640, height = 400) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } });

export const pngFile = (width?: number, height?: number) => base(width, height).png().toBuffer();
export const jpegFile = () => base().jpeg().toBuffer();
export const webpFile = () => base().webp().toBuffer();
export const avifFile = () => base(160, 100).avif({ effort: 0 }).toBuffer();
export const gifFile = () => base(64, 64).gif().toBuffer();

/** An SVG with a script inside: an image format we never accept (it can carry code). */
export const svgFile = () =>
  Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
  );

/** Noise saved without compression: a real PNG just over `megabytes` in size. */
export async function hugePng(megabytes = 21): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt((megabytes * 1024 * 1024) / 3));
  return sharp({
    create: {
      width: side,
      height: side,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

/**
 * A decompression bomb: a valid 1-bit greyscale PNG of width×height pixels (64 megapixels by default)
 * that weighs a few kilobytes, because every row is zeros.
 */
export function pngBomb(width = 8000, height = 8000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const row = Math.ceil(width / 8) + 1; // filter byte + packed pixels
  const raw = Buffer.alloc(row * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A multipart body with the file in `file` and any other text fields. */
export function uploadForm(
  bytes: Buffer,
  fields: Record<string, string> = {},
  name = 'upload.png',
  type = 'image/png',
): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}
