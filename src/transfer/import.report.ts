import type { ImportReport } from './source.model.js';

/** The end-of-import report for people: what came in, what was kept in another form, what stayed behind and why. */
export function formatReport(r: ImportReport): string {
  const lines = [`Import from ${r.source} finished in ${(r.ms / 1000).toFixed(1)} s.`, '', 'Imported:'];
  const imported = Object.entries(r.imported);
  lines.push(...(imported.length ? imported.map(([k, n]) => `  ${k}: ${n}`) : ['  nothing new']));
  // A members import has neither; a site import says how many it made.
  if (r.redirects) lines.push(`  redirects from old URLs: ${r.redirects}`);
  if (r.pendingMedia) lines.push(`  images pending download (source URL kept): ${r.pendingMedia}`);
  for (const [title, bucket] of [
    ['Kept in another form:', r.adapted],
    ['Skipped:', r.skipped],
  ] as const) {
    const entries = Object.entries(bucket);
    if (!entries.length) continue;
    lines.push('', title);
    for (const [kind, reasons] of entries)
      for (const [reason, n] of Object.entries(reasons)) lines.push(`  ${kind}: ${n} × ${reason}`);
  }
  return lines.join('\n');
}
