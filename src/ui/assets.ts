import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/**
 * The reader site's own static files (one stylesheet, one small script). They are part of the
 * program, so they are read once at load and served with a content hash in the URL and a year-long cache.
 */
export interface Asset {
  name: string;
  body: Buffer;
  gzip: Buffer;
  type: string;
  hash: string;
}

const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };

function load(name: string): Asset {
  const body = readFileSync(new URL(`./assets/${name}`, import.meta.url));
  const ext = name.split('.').pop() ?? '';
  return { name, body, gzip: gzipSync(body, { level: 9 }), type: TYPES[ext] ?? 'application/octet-stream', hash: createHash('sha256').update(body).digest('hex').slice(0, 10) };
}

const ASSETS = new Map<string, Asset>(['site.css', 'site.js', 'live.js'].map((n) => [n, load(n)]));

/** The URL of an asset, versioned by its content. */
export function assetUrl(name: string): string {
  const a = ASSETS.get(name);
  if (!a) throw new Error(`unknown asset ${name}`);
  const dot = name.lastIndexOf('.');
  return `/assets/${name.slice(0, dot)}.${a.hash}${name.slice(dot)}`;
}

/** Finds an asset by its versioned file name (site.abc123.css); an unknown or stale hash finds nothing. */
export function assetByFile(file: string): Asset | undefined {
  const m = /^([a-z-]+)\.([0-9a-f]{10})\.(css|js)$/.exec(file);
  if (!m) return undefined;
  const a = ASSETS.get(`${m[1]}.${m[3]}`);
  return a && a.hash === m[2] ? a : undefined;
}
