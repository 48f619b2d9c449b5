import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { ROOT } from './support/process.js';

// The one-minute soak (`npm run soak -- --minutes 1`) as part of `npm test`: two processes on a private
// PostgreSQL cluster, 50 connections of readers, a publish every 2 s, a kill -9 and a database restart.
// It exits non-zero on any lost acknowledged publish or a 5xx outside the outage; its report is the diagnostic.
test('the one-minute soak loses no acknowledged write and answers no 5xx outside the database outage', async (t) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/soak.ts', '--minutes', '1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  const report = out.slice(out.indexOf('\n{') + 1);
  t.diagnostic(report.replace(/\s+/g, ' '));
  assert.equal(code, 0, out);
  const figures = JSON.parse(report) as {
    acknowledgedLost: number;
    fiveXxOutsideOutage: number;
    publishesAcknowledged: number;
  };
  assert.equal(figures.acknowledgedLost, 0);
  assert.equal(figures.fiveXxOutsideOutage, 0);
  assert.ok(figures.publishesAcknowledged > 10, 'publishes went through around the faults');
});
