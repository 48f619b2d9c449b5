import type Sharp from 'sharp';

let loading: Promise<typeof Sharp> | null = null;

/**
 * sharp, loaded on first use. libvips costs about 30 MB of resident memory once loaded, so a reader-facing
 * process that never receives an upload (or draws a logo) never pays for it.
 */
export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then((m) => m.default);
  return loading;
}
