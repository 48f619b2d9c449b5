import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { StaticAssets } from '../http/static-assets.js';

/**
 * Bundles the editor (Tiptap + our schema mapping) into one ES module with esbuild. It runs once per
 * process, on the first request for it, and the result stays in memory; a fresh clone needs no build step.
 */
export async function buildEditorBundle(minify = true): Promise<Buffer> {
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
  return Buffer.from(out.contents);
}

/** The editor's script and stylesheet as the desk serves them, each made once per process on first use. */
export const editorAssets = new StaticAssets('/desk/assets', [
  { name: 'editor.js', build: () => buildEditorBundle() },
  { name: 'editor.css', build: () => readFile(new URL('./assets/editor.css', import.meta.url)) },
]);
