import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DocumentSchema } from './document.schema.js';
import { renderDocumentHtml } from './document.render.js';

const ctx = { images: new Map(), cards: new Map() };

test('every block renders to semantic HTML', () => {
  const doc = DocumentSchema.parse({
    version: 1,
    blocks: [
      {
        type: 'paragraph',
        content: [
          { text: 'Plain ' },
          { text: 'bold', bold: true },
          { text: ' and ' },
          { text: 'linked', href: 'https://example.org/a' },
        ],
      },
      { type: 'heading', level: 2, content: [{ text: 'Next' }] },
      { type: 'quote', content: [{ text: 'We rebuild.' }], attribution: 'A foreman' },
      { type: 'list', ordered: true, items: [[{ text: 'one' }], [{ text: 'two' }]] },
      { type: 'divider' },
    ],
  });
  const html = renderDocumentHtml(doc, ctx);
  assert.match(
    html,
    /<p>Plain <strong>bold<\/strong> and <a href="https:\/\/example.org\/a" rel="noopener">linked<\/a><\/p>/,
  );
  assert.match(html, /<h2>Next<\/h2>/);
  assert.match(html, /<blockquote><p>We rebuild.<\/p><footer>— A foreman<\/footer><\/blockquote>/);
  assert.match(html, /<ol><li>one<\/li><li>two<\/li><\/ol>/);
  assert.match(html, /<hr\/?>/);
});

test('hostile text is escaped, never markup', () => {
  const doc = DocumentSchema.parse({
    version: 1,
    blocks: [
      { type: 'paragraph', content: [{ text: '<script>alert(1)</script><img src=x onerror=alert(2)>' }] },
      { type: 'quote', content: [{ text: '"><svg onload=alert(3)>' }], attribution: '<b>x</b>' },
    ],
  });
  const html = renderDocumentHtml(doc, ctx);
  assert.ok(!html.includes('<script'), html);
  assert.ok(!html.includes('<img'), html);
  assert.ok(!html.includes('<svg'), html);
  assert.match(html, /&lt;script&gt;/);
});

test('unsafe links are refused by the schema', () => {
  for (const href of [
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'data:text/html,hi',
    'vbscript:x',
    '//evil.example/x',
  ]) {
    const r = DocumentSchema.safeParse({ version: 1, blocks: [{ type: 'paragraph', content: [{ text: 'x', href }] }] });
    assert.equal(r.success, false, href);
  }
});
