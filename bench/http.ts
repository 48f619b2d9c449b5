import { request } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** A response exactly as it came over the wire (no decoding), so the ceiling can send the same bytes. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** GET without any decoding (fetch would decompress the body). */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h[k] = v;
        resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export interface Weight {
  raw: number;
  gzip: number;
  br: number;
}

const weigh = (b: Buffer): Weight => ({
  raw: b.length,
  gzip: gzipSync(b, { level: 9 }).length,
  br: brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});

export interface PageWeight {
  html: Weight;
  css: Weight;
  js: Weight;
  total: Weight;
  /** Requests the browser must finish before it can paint: stylesheets and synchronous scripts in <head>. */
  renderBlocking: string[];
  /** Whether the story text is in the HTML itself (readable with JavaScript off). */
  readableWithoutJs: boolean;
}

/** What a reader downloads for a story page: its HTML, stylesheet and script, compressed and not. */
export async function pageWeight(base: string, path: string): Promise<PageWeight> {
  const html = (await rawGet(base + path)).body;
  const text = html.toString('utf8');
  const head = text.slice(0, text.indexOf('</head>'));
  const css = [...head.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  const scripts = [...text.matchAll(/<script[^>]*src="([^"]+)"[^>]*>/g)].map((m) => ({ src: m[1]!, tag: m[0] }));
  const blockingScripts = [...head.matchAll(/<script[^>]*src="([^"]+)"[^>]*>/g)]
    .filter((m) => !/\b(defer|async)\b|type="module"/.test(m[0]))
    .map((m) => m[1]!);
  const fetchAll = async (urls: string[]) =>
    Buffer.concat(await Promise.all(urls.map(async (u) => (await rawGet(base + u)).body)));
  const [cssBytes, jsBytes] = await Promise.all([fetchAll(css), fetchAll(scripts.map((s) => s.src))]);
  const w = { html: weigh(html), css: weigh(cssBytes), js: weigh(jsBytes) };
  const sum = (k: keyof Weight) => w.html[k] + w.css[k] + w.js[k];
  return {
    ...w,
    total: { raw: sum('raw'), gzip: sum('gzip'), br: sum('br') },
    renderBlocking: [...css, ...blockingScripts],
    readableWithoutJs: /<article[\s\S]*<div class="body">[\s\S]*<p>/.test(text),
  };
}
