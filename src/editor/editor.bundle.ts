import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** A built browser file held in memory: its bytes, gzipped bytes and an ETag. */
export interface BuiltAsset {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  type: string;
}

const built = (body: Buffer, type: string): BuiltAsset => ({ body, gzip: gzipSync(body, { level: 9 }), etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`, type });

/**
 * Bundles the editor (Tiptap + our schema mapping) into one ES module with esbuild. It runs once per
 * process, on the first request for it, and the result stays in memory; a fresh clone needs no build step.
 */
export async function buildEditorBundle(minify = true): Promise<BuiltAsset> {
  // esbuild is loaded only when the editor is first asked for: reader-only processes never pay for it.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./client/editor.client.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    minify,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no output for the editor');
  return built(Buffer.from(out.contents), 'text/javascript; charset=utf-8');
}

/** The editor's stylesheet, read from disk. */
export async function loadEditorCss(): Promise<BuiltAsset> {
  return built(await readFile(new URL('./assets/editor.css', import.meta.url)), 'text/css; charset=utf-8');
}

/** Runs a build once and hands every caller the same promise; a failed build is retried on the next call. */
export function once(make: () => Promise<BuiltAsset>): () => Promise<BuiltAsset> {
  let p: Promise<BuiltAsset> | null = null;
  return () => {
    p ??= make().catch((err) => {
      p = null;
      throw err;
    });
    return p;
  };
}
