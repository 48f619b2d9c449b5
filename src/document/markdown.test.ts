import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownToDocument } from './markdown.js';

test('Markdown becomes the structured document', () => {
  const doc = markdownToDocument(
    [
      'Crews worked **all night** in *heavy rain*, [officials said](https://example.org/report).',
      '',
      '## What next',
      '',
      '> We do not wait.',
      '> — Olena, foreman',
      '',
      '- first',
      '- second',
      '',
      '![A bridge](image:7 "The repaired bridge")',
      '',
      '{{related:12}}',
      '',
      '---',
    ].join('\n'),
  );
  assert.deepEqual(doc.blocks[0], {
    type: 'paragraph',
    content: [
      { text: 'Crews worked ' },
      { text: 'all night', bold: true },
      { text: ' in ' },
      { text: 'heavy rain', italic: true },
      { text: ', ' },
      { text: 'officials said', href: 'https://example.org/report' },
      { text: '.' },
    ],
  });
  assert.deepEqual(doc.blocks[1], { type: 'heading', level: 2, content: [{ text: 'What next' }] });
  assert.deepEqual(doc.blocks[2], {
    type: 'quote',
    content: [{ text: 'We do not wait.' }],
    attribution: 'Olena, foreman',
  });
  assert.deepEqual(doc.blocks[3], { type: 'list', ordered: false, items: [[{ text: 'first' }], [{ text: 'second' }]] });
  assert.deepEqual(doc.blocks[4], { type: 'image', imageId: 7, alt: 'A bridge', caption: 'The repaired bridge' });
  assert.deepEqual(doc.blocks[5], { type: 'embed', storyId: 12 });
  assert.deepEqual(doc.blocks[6], { type: 'divider' });
});

test('raw HTML and unsafe links in Markdown do not survive as markup', () => {
  const doc = markdownToDocument(
    '<script>alert(1)</script>\n\nHello <b onclick="x()">there</b> [click](javascript:alert(1))',
  );
  const json = JSON.stringify(doc);
  assert.ok(!json.includes('<script'), json);
  assert.ok(!json.includes('javascript:'), json);
  assert.ok(!json.includes('onclick'), json);
  assert.ok(json.includes('there'));
  assert.ok(json.includes('click'));
});
