import type { Block, Inline, StoryDocument } from './document.schema.js';

/** Backslash-escapes what Markdown would read as markup, so text (even "<script>") comes back as the same text. */
function esc(text: string): string {
  return text
    .replace(/([\\`*_{}[\]()<>#+!|~])/g, '\\$1')
    .replace(/^(\s*)(\d+)\./gm, '$1$2\\.')
    .replace(/^(\s*)-/gm, '$1\\-');
}

function inlines(content: Inline[]): string {
  return content
    .map((i) => {
      let t = esc(i.text).replace(/\n/g, '  \n');
      if (!t.trim()) return t;
      if (i.bold) t = `**${t}**`;
      if (i.italic) t = `*${t}*`;
      if (i.href) t = `[${t}](<${i.href.replace(/[<>]/g, encodeURIComponent)}>)`;
      return t;
    })
    .join('');
}

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return inlines(b.content);
    case 'heading':
      return `${'#'.repeat(b.level)} ${inlines(b.content)}`;
    case 'quote':
      return [`> ${inlines(b.content)}`, ...(b.attribution ? ['>', `> — ${esc(b.attribution)}`] : [])].join('\n');
    case 'list':
      return b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '-'} ${inlines(it)}`).join('\n');
    case 'image':
      return `![${esc(b.alt)}](image:${b.imageId}${b.caption ? ` "${b.caption.replace(/"/g, "'")}"` : ''})`;
    case 'embed':
      return `{{related:${b.storyId}}}`;
    case 'divider':
      return '---';
  }
}

/**
 * Writes the structured document as Markdown for the desk's no-JavaScript editor, in the dialect
 * markdownToDocument reads back (images as image:ID, related stories as {{related:ID}}).
 */
export function documentToMarkdown(doc: StoryDocument): string {
  return doc.blocks.map(block).join('\n\n');
}
