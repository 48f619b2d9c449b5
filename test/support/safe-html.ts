import assert from 'node:assert/strict';

/** Checks a reader page for anything a hostile export could have smuggled in. */
export function assertNoScript(html: string, where: string): void {
  const body = html.slice(html.indexOf('<article') >= 0 ? html.indexOf('<article') : 0);
  for (const bad of [/<script(?![^>]*type="application\/ld\+json")[^>]*>[^<]*(alert|cookie)/i, /\son(click|error|load|mouseover)=/i, /javascript:/i, /<iframe/i, /<style>body/i])
    assert.doesNotMatch(body, bad, `${where}: ${bad}`);
}

