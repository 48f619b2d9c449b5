import type SharpType from 'sharp';

let loaded: Promise<typeof SharpType> | null = null;
let settings: { threads: number; cacheMb: number } | null = null;

/**
 * sharp (libvips), loaded when an image is first processed or the logo first drawn. It maps about 20 MB into
 * the process; a reader-serving process that never handles an upload should not carry it (the same reason the
 * editor bundle loads esbuild on demand). The settings of `configureSharp` are applied as it loads.
 */
export function loadSharp(): Promise<typeof SharpType> {
  loaded ??= import('sharp').then((m) => {
    if (settings) apply(m.default, settings);
    return m.default;
  });
  return loaded;
}

/**
 * libvips' threads per image and its operation cache, set once by the composition root (main.ts) before any
 * image work: with IMAGE_CONCURRENCY jobs at once, the cores left over serve readers.
 */
export function configureSharp(opts: { threads: number; cacheMb: number }): void {
  settings = opts;
  if (loaded) void loaded.then((sharp) => apply(sharp, opts));
}

function apply(sharp: typeof SharpType, opts: { threads: number; cacheMb: number }): void {
  sharp.concurrency(opts.threads);
  sharp.cache(opts.cacheMb > 0 ? { memory: opts.cacheMb, files: 0, items: 100 } : false);
}
