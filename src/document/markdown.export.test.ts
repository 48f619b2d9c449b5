import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownToDocument } from './markdown.js';
import type { StoryDocument } from './document.schema.js';
import { documentToMarkdown } from './markdown.export.js';

test('document → Markdown → document keeps every block and hostile text as text', () => {
  const doc: StoryDocument = {
    version: 1,
    blocks: [
      { type: 'heading', level: 2, content: [{ text: 'What happened' }] },
      {
        type: 'paragraph',
        content: [
          { text: 'Plain, ' },
          { text: 'bold', bold: true },
          { text: ' and ' },
          { text: 'a link', href: 'https://example.org/a' },
          { text: '. <script>alert(1)</script> *not em* 1. x' },
        ],
      },
      { type: 'quote', content: [{ text: 'We will build it.' }], attribution: 'The mayor' },
      { type: 'list', ordered: false, items: [[{ text: 'one' }], [{ text: 'two' }]] },
      { type: 'image', imageId: 7, alt: 'A bridge', caption: 'The bridge at dusk' },
      { type: 'embed', storyId: 12 },
      { type: 'divider' },
    ],
  };
  const back = markdownToDocument(documentToMarkdown(doc));
  assert.deepEqual(
    back.blocks.map((b) => b.type),
    ['heading', 'paragraph', 'quote', 'list', 'image', 'embed', 'divider'],
  );
  const para = back.blocks[1]!;
  assert.equal(para.type, 'paragraph');
  if (para.type === 'paragraph') {
    assert.equal(
      para.content.map((i) => i.text).join(''),
      'Plain, bold and a link. <script>alert(1)</script> *not em* 1. x',
    );
    assert.ok(para.content.some((i) => i.bold && i.text === 'bold'));
    assert.ok(para.content.some((i) => i.href === 'https://example.org/a'));
  }
  const quote = back.blocks[2]!;
  assert.ok(quote.type === 'quote' && quote.attribution === 'The mayor');
  const img = back.blocks[4]!;
  assert.ok(img.type === 'image' && img.imageId === 7 && img.caption === 'The bridge at dusk');
});
