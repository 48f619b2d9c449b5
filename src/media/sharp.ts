import type SharpType from 'sharp';

let loaded: Promise<typeof SharpType> | null = null;

/**
 * sharp (libvips), loaded when an image is first processed or the logo first drawn. It maps about 20 MB into
 * the process; a reader-serving process that never handles an upload should not carry it (the same reason the
 * editor bundle loads esbuild on demand).
 */
export function loadSharp(): Promise<typeof SharpType> {
  loaded ??= import('sharp').then((m) => m.default);
  return loaded;
}
