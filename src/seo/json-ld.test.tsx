import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonLd, serializeJsonLd } from './json-ld.js';

test('JSON-LD cannot close its script element, and parses back to the same data', () => {
  const data = { headline: '</script><script>alert(1)</script> <!-- & \u2028\u2029 "q"', nested: ['</SCRIPT >'] };
  const out = serializeJsonLd(data);
  assert.ok(!/[<>&\u2028\u2029]/.test(out));
  assert.deepEqual(JSON.parse(out), data);
  const html = String(<JsonLd data={data} />);
  assert.equal(html.match(/<\/script/gi)?.length, 1, 'only the element’s own end tag');
  assert.ok(html.startsWith('<script type="application/ld+json">{'));
  assert.deepEqual(JSON.parse(html.slice(html.indexOf('>') + 1, html.lastIndexOf('</script>'))), data);
});
