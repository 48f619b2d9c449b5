import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context, Hono } from 'hono';
import { etagFor, etagMatches, strongEtag } from './conditional.js';
import { chooseEncoding } from './encoding.js';
import { notFound } from './errors.js';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Content types by extension: the program's own files are only stylesheets and scripts. */
const TYPES: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };

/** A versioned URL names exact bytes, so it can be kept for a year; a bare one is revalidated on every use. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** One file of a set: read at load (`body`) or made on first use (`build`, e.g. bundled by esbuild). */
export type StaticSource = { name: string; body: Buffer } | { name: string; build: () => Promise<Buffer> };

interface Prepared {
  body: Buffer;
  gzip: Buffer;
  br: Buffer;
  etag: string;
  /** The content hash in the versioned URL: the ETag's hash, in hex. */
  version: string;
}

/** The version of some bytes as a versioned URL spells it: the one ETag's hash, as 10 hex digits. */
export function contentVersion(etag: string): string {
  return Buffer.from(etag.replace(/^W\//, '').slice(1, -1), 'base64url').toString('hex').slice(0, 10);
}

/**
 * The one way the program serves its own static files (the reader site's, the desk's, the editor's bundle).
 * A set lives under one path prefix; each file is reachable at its bare name (`/assets/site.css`, revalidated
 * by ETag on every use) and, once its bytes are known, at a name with its content hash (`/assets/site.0a1b2c3d4e.css`,
 * cached for a year and immutable; a stale hash finds nothing). Bodies are compressed once, brotli and gzip, and
 * sent in the encoding `chooseEncoding` picks; ETag/304 as everywhere else (http/conditional.ts).
 *
 * The set is a library (layouts ask it for `url(name)`); `serve(app)` is what a route module calls.
 */
export class StaticAssets<Name extends string = string> {
  private readonly files = new Map<string, StaticFile>();

  constructor(
    readonly prefix: string,
    sources: readonly (StaticSource & { name: Name })[],
  ) {
    for (const source of sources) {
      const type = TYPES[source.name.slice(source.name.lastIndexOf('.') + 1)];
      if (!type) throw new Error(`StaticAssets: no content type for ${source.name}`);
      this.files.set(source.name, new StaticFile(type, source));
    }
  }

  /** The URL of a file: versioned by content when its bytes are known, else its bare name (revalidated). */
  url(name: Name): string {
    const file = this.files.get(name);
    if (!file) throw new Error(`unknown asset ${name}`);
    const version = file.version;
    if (!version) return `${this.prefix}/${name}`;
    const dot = name.lastIndexOf('.');
    return `${this.prefix}/${name.slice(0, dot)}.${version}${name.slice(dot)}`;
  }

  /** Registers `GET <prefix>/:file` on the app. */
  serve(app: Hono): void {
    app.get(`${this.prefix}/:file`, async (c) => {
      const requested = c.req.param('file');
      let file = this.files.get(requested);
      let version: string | null = null;
      if (!file) {
        const m = /^(.+)\.([0-9a-f]{10})(\.[a-z]+)$/.exec(requested);
        file = m ? this.files.get(`${m[1]}${m[3]}`) : undefined;
        version = m?.[2] ?? null;
      }
      if (!file) throw notFound('file');
      const p = await file.ready();
      if (version !== null && version !== p.version) throw notFound('file');
      return send(c, file.type, p, version !== null);
    });
  }
}

/** One file: its version known at once when its bytes are, and its compressed forms made on first use. */
class StaticFile {
  /** The content version, once the bytes are known. */
  version: string | null = null;
  private making: Promise<Prepared> | null = null;

  constructor(
    readonly type: string,
    private readonly source: StaticSource,
  ) {
    // A layout links the file synchronously, so a file read at load has its version at once.
    if ('body' in source) this.version = contentVersion(strongEtag(source.body));
  }

  /** The prepared bytes; a build runs once per process, and a failed one is tried again on the next request. */
  ready(): Promise<Prepared> {
    const { source } = this;
    this.making ??= ('body' in source ? Promise.resolve(source.body) : source.build()).then(prepare).then(
      (p) => {
        this.version = p.version;
        return p;
      },
      (err: unknown) => {
        this.making = null;
        throw err;
      },
    );
    return this.making;
  }
}

/**
 * Brotli's best quality takes 1.3 s on the 420 KB editor bundle (quality 9: 75 ms, 8 % larger), which the first
 * desk page would wait for; small files get the best.
 */
const brotliQuality = (bytes: number) => (bytes <= 100_000 ? 11 : 9);

async function prepare(body: Buffer): Promise<Prepared> {
  const [gz, br] = await Promise.all([
    gzipAsync(body, { level: 9 }),
    brotliAsync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: brotliQuality(body.length),
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  ]);
  const etag = strongEtag(body);
  return { body, gzip: gz, br, etag, version: contentVersion(etag) };
}

function send(c: Context, type: string, p: Prepared, versioned: boolean): Response {
  const enc = chooseEncoding(c.req.header('accept-encoding'));
  const headers: Record<string, string> = {
    'Cache-Control': versioned ? IMMUTABLE : REVALIDATE,
    ETag: etagFor(p.etag, enc),
    Vary: 'Accept-Encoding',
  };
  if (etagMatches(c.req.header('if-none-match'), p.etag)) return c.body(null, 304, headers);
  headers['Content-Type'] = type;
  if (enc) headers['Content-Encoding'] = enc;
  const bytes = enc === 'br' ? p.br : enc === 'gzip' ? p.gzip : p.body;
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, headers);
}
