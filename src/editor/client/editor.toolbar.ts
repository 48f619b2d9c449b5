import type { Editor } from '@tiptap/core';
import { h } from './dom.js';

/** One toolbar button: its visible text, accessible name, what it does, and when it shows as pressed. */
interface Tool {
  id: string;
  text: string;
  label: string;
  keys?: string;
  run: () => void;
  active?: () => boolean;
}

/**
 * The formatting toolbar: a WAI-ARIA toolbar (one tab stop, arrow keys move between buttons, Home/End),
 * toggle buttons report aria-pressed, and clicking never moves focus out of the text being edited.
 */
export function buildToolbar(
  editor: Editor,
  panels: { link(): void; image(): void; related(): void },
  controls: string,
): HTMLElement {
  const c = () => editor.chain().focus();
  const tools: Tool[] = [
    {
      id: 'h2',
      text: 'H2',
      label: 'Heading level 2',
      run: () => c().toggleHeading({ level: 2 }).run(),
      active: () => editor.isActive('heading', { level: 2 }),
    },
    {
      id: 'h3',
      text: 'H3',
      label: 'Heading level 3',
      run: () => c().toggleHeading({ level: 3 }).run(),
      active: () => editor.isActive('heading', { level: 3 }),
    },
    {
      id: 'h4',
      text: 'H4',
      label: 'Heading level 4',
      run: () => c().toggleHeading({ level: 4 }).run(),
      active: () => editor.isActive('heading', { level: 4 }),
    },
    {
      id: 'bold',
      text: 'B',
      label: 'Bold',
      keys: 'Control+B',
      run: () => c().toggleBold().run(),
      active: () => editor.isActive('bold'),
    },
    {
      id: 'italic',
      text: 'I',
      label: 'Italic',
      keys: 'Control+I',
      run: () => c().toggleItalic().run(),
      active: () => editor.isActive('italic'),
    },
    {
      id: 'link',
      text: 'Link',
      label: 'Link',
      keys: 'Control+K',
      run: panels.link,
      active: () => editor.isActive('link'),
    },
    {
      id: 'quote',
      text: '“ Quote',
      label: 'Quote with attribution',
      run: () => c().insertQuote().run(),
      active: () => editor.isActive('pullQuote'),
    },
    {
      id: 'bullets',
      text: '• List',
      label: 'Bulleted list',
      run: () => c().toggleBulletList().run(),
      active: () => editor.isActive('bulletList'),
    },
    {
      id: 'numbers',
      text: '1. List',
      label: 'Numbered list',
      run: () => c().toggleOrderedList().run(),
      active: () => editor.isActive('orderedList'),
    },
    { id: 'divider', text: '—', label: 'Divider', run: () => c().setHorizontalRule().run() },
    { id: 'image', text: 'Image', label: 'Insert image', run: panels.image },
    { id: 'related', text: 'Related', label: 'Insert related story', run: panels.related },
  ];
  const bar = h('div', {
    role: 'toolbar',
    'aria-label': 'Formatting',
    'aria-controls': controls,
    class: 'editor-toolbar',
  });
  const buttons = tools.map((t, i) => {
    const b = h(
      'button',
      {
        type: 'button',
        class: 'editor-tool',
        'data-tool': t.id,
        'aria-label': t.label,
        title: t.label,
        'aria-keyshortcuts': t.keys,
        tabindex: i === 0 ? '0' : '-1',
      },
      t.text,
    );
    if (t.active) b.setAttribute('aria-pressed', 'false');
    // Keep the editor's selection: a mouse press on a button must not take focus from the text.
    b.addEventListener('mousedown', (e) => e.preventDefault());
    b.addEventListener('click', () => t.run());
    bar.append(b);
    return b;
  });
  bar.addEventListener('keydown', (e) => {
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % buttons.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + buttons.length) % buttons.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? buttons.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    buttons[i]!.tabIndex = -1;
    buttons[to]!.tabIndex = 0;
    buttons[to]!.focus();
  });
  const refresh = () =>
    tools.forEach((t, i) => {
      if (t.active) buttons[i]!.setAttribute('aria-pressed', String(t.active()));
    });
  editor.on('selectionUpdate', refresh);
  editor.on('transaction', refresh);
  return bar;
}
