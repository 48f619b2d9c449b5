import { readFileSync } from 'node:fs';
import { StaticAssets } from '../http/static-assets.js';

/** The desk's own stylesheet and script, self-hosted (no third-party requests), read once at load. */
export const deskAssets = new StaticAssets(
  '/desk/static',
  (['desk.css', 'desk.js'] as const).map((name) => ({
    name,
    body: readFileSync(new URL(`./assets/${name}`, import.meta.url)),
  })),
);

/** URL of a desk asset, with its content hash in the name so a changed file is fetched again. */
export const deskAssetUrl = (name: 'desk.css' | 'desk.js'): string => deskAssets.url(name);
