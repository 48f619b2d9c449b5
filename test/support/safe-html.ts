import assert from 'node:assert/strict';

/**
 * Checks a whole reader page for anything a hostile export could have smuggled in: script bodies,
 * event-handler attributes, javascript: URLs, frames or style blocks. Every fixture's hostile payload
 * calls alert(…) or steal(…), so those words must not appear at all, not even as text.
 */
export function assertNoScript(html: string, where: string): void {
  for (const bad of [
    /alert\(/i,
    /steal\(/i,
    /document\.cookie/i,
    /\son[a-z]+=/i,
    /javascript:/i,
    /<iframe/i,
    /<style>body/i,
  ])
    assert.doesNotMatch(html, bad, `${where}: ${bad}`);
}
