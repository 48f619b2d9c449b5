// Runs every *.test.ts / *.test.tsx under src/ and test/ with Node's test runner (TypeScript through tsx).
// Usage: node scripts/run-tests.mjs [--hostile] [filter…] — filters keep files whose path contains any of them;
// --hostile keeps the standing hostile suite, the files named *.hostile.test.ts(x) (`npm run test:hostile`);
// --topology runs the files under test/topology/ (`npm run test:topology`: Varnish in front of two processes), which
// the rest of the suite leaves out, so `npm test` needs no Varnish.
// First it makes the machine ready (test/support/services.ts): PostgreSQL and Redis started if installed but
// stopped, Chromium installed for the browser tests (test/e2e/) when it may, and a clear message when it cannot.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const args = process.argv.slice(2);
const hostile = args.includes('--hostile');
const topology = args.includes('--topology');
const filters = args.filter((a) => a !== '--hostile' && a !== '--topology');
const files = ['src', 'test']
  .flatMap((d) => walk(d))
  .filter((f) => topology === f.startsWith(join('test', 'topology')))
  .filter((f) => !hostile || /\.hostile\.test\.tsx?$/.test(f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const ready = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    'test/support/services.ts',
    ...(files.some((f) => f.includes('e2e')) ? ['--browser'] : []),
    ...(topology ? ['--varnish'] : []),
  ],
  { stdio: 'inherit' },
);
if (ready.status !== 0) {
  console.error('The machine is not ready for the tests (see above); nothing was run.');
  process.exit(ready.status ?? 1);
}
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
