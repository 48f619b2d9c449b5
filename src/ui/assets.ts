import { readFileSync } from 'node:fs';
import { StaticAssets } from '../http/static-assets.js';

/**
 * The reader site's own static files (one stylesheet, one small script). They are part of the program, so
 * they are read once at load and served by the one static-asset scheme (http/static-assets.ts): a content
 * hash in the URL, a year-long immutable cache, brotli or gzip.
 */
export const siteAssets = new StaticAssets(
  '/assets',
  (['site.css', 'site.js'] as const).map((name) => ({
    name,
    body: readFileSync(new URL(`./assets/${name}`, import.meta.url)),
  })),
);

/** The URL of an asset, versioned by its content. */
export const assetUrl = (name: 'site.css' | 'site.js'): string => siteAssets.url(name);
