import { type Extensions, Node, type NodeViewRenderer, type SingleCommands, mergeAttributes } from '@tiptap/core';
import { type EditorState, NodeSelection, TextSelection } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import { isSafeHref } from '../../document/safe-href.js';
import { NODE } from '../prosemirror.map.js';

/**
 * The editor's schema: StarterKit trimmed to what our document can hold, plus our own blocks
 * (quote with attribution, image, related story). No DOM is touched at import, so tests can build
 * the schema in Node and check the mapping against it; node views are passed in by the browser entry.
 */

const QuoteText = Node.create({
  name: NODE.quoteText,
  content: 'inline*',
  marks: 'bold italic link',
  defining: true,
  parseHTML: () => [{ tag: 'p.quote-text' }],
  renderHTML: ({ HTMLAttributes }) => ['p', mergeAttributes(HTMLAttributes, { class: 'quote-text' }), 0],
});

const QuoteAttribution = Node.create({
  name: NODE.quoteAttribution,
  content: 'text*',
  marks: '',
  defining: true,
  parseHTML: () => [{ tag: 'footer.quote-attribution' }],
  renderHTML: ({ HTMLAttributes }) => [
    'footer',
    mergeAttributes(HTMLAttributes, { class: 'quote-attribution', 'data-placeholder': 'Attribution (who said it)' }),
    0,
  ],
});

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    storyBlocks: {
      /** Inserts a quote with an attribution line, wrapping the selected text when there is some. */
      insertQuote: () => ReturnType;
      insertStoryImage: (attrs: { imageId: number; alt: string; caption?: string; credit?: string }) => ReturnType;
      insertRelatedStory: (attrs: { storyId: number; headline?: string }) => ReturnType;
    };
  }
}

/**
 * Where a new block goes: after a selected image or card; after the quote or list the cursor is in (never
 * splitting it in two); otherwise at the cursor, replacing an empty paragraph.
 */
function blockInsertPos(state: EditorState): number | null {
  const sel = state.selection;
  if (sel instanceof NodeSelection) return sel.to;
  return sel.$from.depth > 1 ? sel.$from.after(1) : null;
}

/** Inserts a block at blockInsertPos. */
const insertBlock =
  (content: Record<string, unknown>) =>
  ({ state, commands }: { state: EditorState; commands: SingleCommands }) => {
    const at = blockInsertPos(state);
    return at === null ? commands.insertContent(content) : commands.insertContentAt(at, content);
  };

const PullQuote = Node.create({
  name: NODE.quote,
  group: 'block',
  content: `${NODE.quoteText} ${NODE.quoteAttribution}`,
  defining: true,
  isolating: true,
  parseHTML: () => [{ tag: 'blockquote' }],
  renderHTML: ({ HTMLAttributes }) => ['blockquote', mergeAttributes(HTMLAttributes, { class: 'pull-quote' }), 0],
  addCommands() {
    return {
      insertQuote:
        () =>
        ({ state, chain }) => {
          const { from, to, empty } = state.selection;
          const at = blockInsertPos(state);
          // Selected words in a paragraph become the quote; elsewhere an empty quote is added after the block.
          const text = empty || at !== null ? '' : state.doc.textBetween(from, to, ' ');
          const quoteText = text
            ? { type: NODE.quoteText, content: [{ type: 'text', text }] }
            : { type: NODE.quoteText };
          const quote = { type: NODE.quote, content: [quoteText, { type: NODE.quoteAttribution }] };
          return chain()
            .command(({ commands }) =>
              at === null ? commands.insertContent(quote) : commands.insertContentAt(at, quote),
            )
            .command(({ tr }) => {
              // The cursor lands at the end of the (empty) attribution; the writer starts with the quote's words.
              const $pos = tr.selection.$from;
              if ($pos.parent.type.name === NODE.quoteAttribution)
                tr.setSelection(TextSelection.create(tr.doc, $pos.before() - 1));
              return true;
            })
            .run();
        },
    };
  },
  addKeyboardShortcuts() {
    return {
      // Enter in the quote moves on to the attribution; Enter in the attribution leaves the quote.
      Enter: ({ editor }) => {
        const { $from, empty } = editor.state.selection;
        if (!empty) return false;
        if ($from.parent.type.name === NODE.quoteText) {
          return editor.commands.command(({ tr }) => {
            tr.setSelection(TextSelection.create(tr.doc, $from.after() + 1));
            return true;
          });
        }
        if ($from.parent.type.name === NODE.quoteAttribution) {
          const after = $from.after($from.depth - 1);
          return editor
            .chain()
            .insertContentAt(after, { type: 'paragraph' })
            .setTextSelection(after + 1)
            .run();
        }
        return false;
      },
    };
  },
});

const StoryImage = Node.create({
  name: NODE.image,
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes: () => ({
    imageId: { default: null },
    alt: { default: '' },
    caption: { default: '' },
    credit: { default: '' },
  }),
  parseHTML: () => [
    {
      tag: 'figure[data-image-id]',
      getAttrs: (el) => ({ imageId: Number((el as HTMLElement).dataset.imageId) || null }),
    },
  ],
  renderHTML: ({ node }) => ['figure', { 'data-image-id': String(node.attrs.imageId ?? '') }],
  addCommands() {
    return {
      insertStoryImage: (attrs) => (props) =>
        insertBlock({ type: NODE.image, attrs: { caption: '', credit: '', ...attrs } })(props),
    };
  },
  addNodeView() {
    return this.options.view ?? null;
  },
  addOptions: () => ({ view: null as NodeViewRenderer | null }),
});

const RelatedStory = Node.create({
  name: NODE.embed,
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes: () => ({ storyId: { default: null } }),
  parseHTML: () => [
    {
      tag: 'aside[data-embed-story-id]',
      getAttrs: (el) => ({ storyId: Number((el as HTMLElement).dataset.embedStoryId) || null }),
    },
  ],
  renderHTML: ({ node }) => ['aside', { 'data-embed-story-id': String(node.attrs.storyId ?? '') }],
  addCommands() {
    return {
      insertRelatedStory:
        ({ storyId }) =>
        (props) =>
          insertBlock({ type: NODE.embed, attrs: { storyId } })(props),
    };
  },
  addNodeView() {
    return this.options.view ?? null;
  },
  addOptions: () => ({ view: null as NodeViewRenderer | null }),
});

/**
 * Every extension of the desk editor. Marks and blocks our document cannot store (code, strike, underline,
 * hard breaks, code blocks, plain blockquotes, h1/h5/h6) are left out, so the editor cannot produce them.
 */
export function editorExtensions(views: { image?: NodeViewRenderer; embed?: NodeViewRenderer } = {}): Extensions {
  return [
    StarterKit.configure({
      blockquote: false,
      code: false,
      codeBlock: false,
      strike: false,
      underline: false,
      hardBreak: false,
      heading: { levels: [2, 3, 4] },
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        // The same rule as the server's: http(s), mailto or a path on this site; javascript: and friends never become links.
        isAllowedUri: (url) => isSafeHref(url),
        HTMLAttributes: { rel: 'noopener', target: null },
      },
    }),
    QuoteText,
    QuoteAttribution,
    PullQuote,
    StoryImage.configure({ view: views.image ?? null }),
    RelatedStory.configure({ view: views.embed ?? null }),
  ];
}
