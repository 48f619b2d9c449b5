import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getSchema } from '@tiptap/core';
import { Node as PMNodeClass } from '@tiptap/pm/model';
import { DocumentSchema, type StoryDocument } from '../document/document.schema.js';
import { editorExtensions } from './client/editor.nodes.js';
import { NODE, type PMNode, toProseMirror, toStoryDocument } from './prosemirror.map.js';

// The editor's real schema, built from the same extensions the browser uses.
const schema = getSchema(editorExtensions());
const checkPM = (json: PMNode) => {
  const node = PMNodeClass.fromJSON(schema, json);
  node.check();
  return node.toJSON() as PMNode;
};

const full: StoryDocument = {
  version: 1,
  blocks: [
    {
      type: 'paragraph',
      content: [
        { text: 'Plain, ' },
        { text: 'bold', bold: true },
        { text: ' and ' },
        { text: 'both', bold: true, italic: true },
        { text: ' and a ' },
        { text: 'link', href: 'https://example.org/a?b=1' },
        { text: '.' },
      ],
    },
    { type: 'heading', level: 2, content: [{ text: 'Second level' }] },
    { type: 'heading', level: 3, content: [{ text: 'Third', italic: true }] },
    { type: 'heading', level: 4, content: [{ text: 'Fourth' }] },
    { type: 'quote', content: [{ text: 'We will rebuild the bridge by spring.' }], attribution: 'Olena Koval, mayor' },
    { type: 'quote', content: [{ text: 'Unattributed ' }, { text: 'words', italic: true }] },
    { type: 'list', ordered: false, items: [[{ text: 'One' }], [{ text: 'Two ' }, { text: 'strong', bold: true }]] },
    { type: 'list', ordered: true, items: [[{ text: 'First' }], [{ text: 'Second', href: '/stories/other' }]] },
    { type: 'image', imageId: 7, alt: 'A river at dawn', caption: 'The river at dawn.', credit: 'Photo: Desk' },
    { type: 'image', imageId: 8, alt: '' },
    { type: 'embed', storyId: 42 },
    { type: 'divider' },
    { type: 'paragraph', content: [{ text: '<script>alert(1)</script> stays text' }] },
  ],
};

describe('ProseMirror JSON ⇄ story document', () => {
  test('document → editor → document is the identity, and the editor JSON fits the real Tiptap schema', () => {
    const pm = toProseMirror(full);
    const checked = checkPM(pm);
    assert.deepEqual(toStoryDocument(checked), full);
    assert.ok(DocumentSchema.safeParse(toStoryDocument(checked)).success);
  });

  test('editor → document → editor is the identity for what the editor produces', () => {
    const pm = checkPM(toProseMirror(full));
    assert.deepEqual(checkPM(toProseMirror(toStoryDocument(pm))), pm);
  });

  test('an empty document is one empty paragraph, and back', () => {
    const pm = toProseMirror({ version: 1, blocks: [] });
    checkPM(pm);
    assert.deepEqual(pm, { type: 'doc', content: [{ type: 'paragraph' }] });
    assert.deepEqual(toStoryDocument(pm), { version: 1, blocks: [] });
  });

  test('empty paragraphs, headings and quotes are dropped; an empty attribution is left out', () => {
    const pm: PMNode = {
      type: 'doc',
      content: [
        { type: 'paragraph' },
        { type: 'paragraph', content: [{ type: 'text', text: '   ' }] },
        { type: 'heading', attrs: { level: 2 } },
        {
          type: NODE.quote,
          content: [
            { type: NODE.quoteText },
            { type: NODE.quoteAttribution, content: [{ type: 'text', text: 'Nobody' }] },
          ],
        },
        {
          type: NODE.quote,
          content: [
            { type: NODE.quoteText, content: [{ type: 'text', text: 'Said' }] },
            { type: NODE.quoteAttribution, content: [{ type: 'text', text: '  ' }] },
          ],
        },
      ],
    };
    checkPM(pm);
    assert.deepEqual(toStoryDocument(pm).blocks, [{ type: 'quote', content: [{ text: 'Said' }] }]);
  });

  test('javascript:, data: and protocol-relative links lose their target but keep their words', () => {
    const link = (href: string): PMNode => ({
      type: 'text',
      text: `to ${href}`,
      marks: [{ type: 'link', attrs: { href } }],
    });
    const pm: PMNode = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            link('javascript:alert(1)'),
            link(' JaVaScRiPt:alert(2)'),
            link('data:text/html,<b>'),
            link('//evil.test/x'),
          ],
        },
      ],
    };
    const doc = toStoryDocument(pm);
    assert.deepEqual(doc.blocks, [
      {
        type: 'paragraph',
        content: [{ text: 'to javascript:alert(1)to  JaVaScRiPt:alert(2)to data:text/html,<b>to //evil.test/x' }],
      },
    ]);
    assert.ok(DocumentSchema.safeParse(doc).success);
  });

  test('heading levels outside 2–4 are clamped; nested list items are flattened into the list', () => {
    const pm: PMNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Top' }] },
        { type: 'heading', attrs: { level: 6 }, content: [{ type: 'text', text: 'Deep' }] },
        {
          type: 'bulletList',
          content: [
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'Outer' }] },
                {
                  type: 'orderedList',
                  content: [
                    { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Inner' }] }] },
                  ],
                },
              ],
            },
            { type: 'listItem', content: [{ type: 'paragraph' }] },
          ],
        },
      ],
    };
    assert.deepEqual(toStoryDocument(pm).blocks, [
      { type: 'heading', level: 2, content: [{ text: 'Top' }] },
      { type: 'heading', level: 4, content: [{ text: 'Deep' }] },
      { type: 'list', ordered: false, items: [[{ text: 'Outer' }], [{ text: 'Inner' }]] },
    ]);
  });

  test('images and embeds without a valid id are dropped; ids given as strings are accepted', () => {
    const pm: PMNode = {
      type: 'doc',
      content: [
        { type: NODE.image, attrs: { imageId: null, alt: 'x' } },
        { type: NODE.image, attrs: { imageId: '12', alt: ' Alt ', caption: '', credit: ' C ' } },
        { type: NODE.embed, attrs: { storyId: -3 } },
        { type: NODE.embed, attrs: { storyId: 5 } },
      ],
    };
    assert.deepEqual(toStoryDocument(pm).blocks, [
      { type: 'image', imageId: 12, alt: 'Alt', credit: 'C' },
      { type: 'embed', storyId: 5 },
    ]);
  });

  test('adjacent runs with the same marks merge; unknown nodes keep their text as a paragraph', () => {
    const pm: PMNode = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'a', marks: [{ type: 'bold' }] },
            { type: 'text', text: 'b', marks: [{ type: 'bold' }, { type: 'strike' }] },
          ],
        },
        { type: 'codeBlock', content: [{ type: 'text', text: 'pasted code' }] },
      ],
    };
    assert.deepEqual(toStoryDocument(pm).blocks, [
      { type: 'paragraph', content: [{ text: 'ab', bold: true }] },
      { type: 'paragraph', content: [{ text: 'pasted code' }] },
    ]);
  });
});
