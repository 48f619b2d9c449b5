// Fails with file:line for each source line over MAX characters in src/, test/, bench/ and scripts/ (`npm run lint`).
// Biome's formatter wraps code at its lineWidth but cannot split string or template literals, and Biome has no
// line-length rule; split those by hand ('…' + '…', a named const, a break at a tag boundary in an html template).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const MAX = 160;
const ROOTS = ['src', 'test', 'bench', 'scripts'];
const SOURCE = /\.(ts|tsx|mjs|cjs)$/;
// Dependencies, and the folders of static files served as they are (CSS, the site's script).
const SKIP = new Set(['node_modules', 'assets']);

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(entry.name)) yield path;
  }
}

let long = 0;
for (const file of ROOTS.flatMap((root) => [...sourceFiles(root)])) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const width = [...line].length; // characters, not UTF-16 units: Ukrainian text and emoji count once
      if (width <= MAX) return;
      long++;
      console.error(`${file}:${i + 1}: ${width} characters (at most ${MAX})`);
    });
}
if (long > 0) {
  console.error(`${long} line(s) over ${MAX} characters`);
  process.exit(1);
}
