import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toStoryDocument } from '../editor/prosemirror.map.js';
import { htmlToBlocks } from '../transfer/html.convert.js';
import { renderDocumentHtml } from './document.render.js';
import { DocumentSchema } from './document.schema.js';
import { markdownToDocument } from './markdown.js';
import { isSafeHref } from './safe-href.js';

/** Spellings a browser resolves off-site or to script, though a prefix test reads some of them as site paths. */
const HOSTILE = [
  '/\\evil.test/x',
  '\\\\evil.test/x',
  '/\t/evil.test/x',
  '/\n/evil.test/x',
  '\\/evil.test',
  '//evil.test/x',
  ' //evil.test/x',
  '\u0001/\\evil.test',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' JaVaScRiPt:alert(1)',
  '\u0000javascript:alert(1)',
  'data:text/html,<b>',
  'vbscript:x',
  'evil.test/x',
];

const GOOD = [
  '/stories/other',
  '/search?q=a%20b#r',
  '#notes',
  'https://example.org/a?b=1',
  'HTTP://example.org',
  'mailto:desk@example.org',
];

test('isSafeHref reads links the way a browser does: off-site and script spellings are refused', () => {
  for (const href of HOSTILE) assert.equal(isSafeHref(href), false, JSON.stringify(href));
  for (const href of GOOD) assert.equal(isSafeHref(href), true, href);
});

test('the schema refuses them and the renderer never links them, even from a stored document', () => {
  for (const href of HOSTILE) {
    const doc = { version: 1 as const, blocks: [{ type: 'paragraph' as const, content: [{ text: 'x', href }] }] };
    assert.equal(DocumentSchema.safeParse(doc).success, false, JSON.stringify(href));
    const out = renderDocumentHtml(doc, { images: new Map(), cards: new Map() });
    assert.doesNotMatch(out, /<a /, JSON.stringify(href));
  }
  const good = { version: 1 as const, blocks: [{ type: 'paragraph' as const, content: [{ text: 'x', href: '/a' }] }] };
  assert.match(renderDocumentHtml(good, { images: new Map(), cards: new Map() }), /<a href="\/a">/);
});

test('the editor mapping drops their target and keeps the words', () => {
  for (const href of [...HOSTILE, '/ok']) {
    const doc = toStoryDocument({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }] },
      ],
    });
    const expected = href === '/ok' ? [{ text: 'x', href }] : [{ text: 'x' }];
    assert.deepEqual(doc.blocks, [{ type: 'paragraph', content: expected }], JSON.stringify(href));
  }
});

test('the Markdown and HTML importers drop them, entity spellings included', () => {
  const md = markdownToDocument('[a](/\\evil.test/x) [b](//evil.test) [c](/ok)');
  const links = md.blocks.flatMap((b) => (b.type === 'paragraph' ? b.content : [])).filter((i) => i.href);
  assert.deepEqual(
    links.map((i) => i.href),
    ['/ok'],
  );
  const notes: string[] = [];
  const blocks = htmlToBlocks(
    '<p><a href="/&#x5c;evil.test/x">a</a> <a href="/&#9;/evil.test">b</a> <a href="&#106;ava&#x09;script:alert(1)">c</a> <a href="/ok">d</a></p>',
    { note: (w) => notes.push(w) },
  );
  const hrefs = JSON.stringify(blocks).match(/"href":"[^"]*"/g);
  assert.deepEqual(hrefs, ['"href":"/ok"']);
  assert.equal(notes.filter((n) => n === 'unsafe link removed').length, 3);
});
