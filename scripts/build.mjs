// `npm run build`: compiles src/ to plain JavaScript in dist/src (one file per module, no bundling), and copies
// every other file under src/ beside it (stylesheets, browser scripts, the editor's client sources, which the
// desk bundles on first use). Production then runs `node dist/src/main.js` without a TypeScript loader in memory.
// Type-checking is `tsc --noEmit` (part of `npm test`); this only strips types and compiles JSX.
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = process.argv[2] ? join(process.cwd(), process.argv[2]) : join(root, 'dist');
const src = join(root, 'src');

/** Server modules are compiled; tests are left out; the browser editor's sources are copied as they are. */
const compiled = (path) =>
  /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path) && !path.includes(`${join('editor', 'client')}`);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const started = performance.now();
rmSync(outRoot, { recursive: true, force: true });
const files = walk(src);
const entryPoints = files.filter(compiled);
await build({
  entryPoints,
  outdir: join(outRoot, 'src'),
  outbase: src,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  sourcemap: 'linked',
  logLevel: 'warning',
});
let copied = 0;
for (const f of files) {
  if (compiled(f) || /\.test\.tsx?$/.test(f)) continue;
  cpSync(f, join(outRoot, 'src', relative(src, f)));
  copied++;
}
console.log(
  `built ${entryPoints.length} modules and copied ${copied} files into ${relative(process.cwd(), outRoot) || '.'} in ` +
    `${Math.round(performance.now() - started)} ms`,
);
