import assert from 'node:assert/strict';
import { test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { wellFormedErrors } from '../../test/support/xml-validate.js';
import { el, stripIllegalXmlChars, wrap, xmlDocument, xmlEscape } from './xml.js';

const HOSTILE =
  `<script>alert('x')</script> "quoted" & ]]> <![CDATA[ x ]]> &amp; &#1; ` +
  `\u0000\u0001\u0008\u000B\u000C\u001F\uFFFE\uFFFF \uD800 \uDFFF tab\tnl\ncr\r emoji 😀 Київ`;
const CLEAN = `<script>alert('x')</script> "quoted" & ]]> <![CDATA[ x ]]> &amp; &#1;    tab\tnl\ncr\r emoji 😀 Київ`;

test('xmlEscape escapes markup characters and drops what XML 1.0 forbids', () => {
  assert.equal(xmlEscape(`a<b>&"'`), 'a&lt;b&gt;&amp;&quot;&apos;');
  assert.equal(stripIllegalXmlChars(HOSTILE), CLEAN);
  const escaped = xmlEscape(HOSTILE);
  assert.ok(!/[<>"']/.test(escaped));
  assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(escaped));
  assert.ok(escaped.includes('😀'), 'a proper surrogate pair is kept');
  assert.equal(xmlEscape(42), '42');
});

test('hostile text in elements and attributes makes a well-formed document that reads back as the same text', async () => {
  const doc = xmlDocument(
    wrap('root', [el('title', HOSTILE, { label: HOSTILE }), el('empty', undefined, { skipped: undefined, n: 3 })]),
  );
  assert.deepEqual(await wellFormedErrors(doc), []);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
  }).parse(doc);
  // XML parsers normalise CR and CRLF to LF in text (and whitespace to spaces in attributes).
  assert.equal(parsed.root.title['#text'], CLEAN.replace(/\r\n?/g, '\n'));
  assert.equal(parsed.root.title['@label'].replace(/[\t\n\r]/g, ' '), CLEAN.replace(/[\t\n\r]/g, ' '));
  assert.equal(parsed.root.empty['@n'], '3');
  assert.ok(!('@skipped' in parsed.root.empty));
});
