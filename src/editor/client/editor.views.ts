import type { NodeViewRenderer } from '@tiptap/core';
import type { ImageViewJson, StoryHit } from './api.js';
import { h, getJson } from './dom.js';

/**
 * Node views of the two atom blocks. They sit outside ProseMirror's editable text (contenteditable=false)
 * and carry their own small forms; events inside them are theirs, not the editor's.
 */

const own = (dom: HTMLElement) => ({
  stopEvent: (e: Event) =>
    e.target instanceof Node &&
    dom.contains(e.target) &&
    (e.target as HTMLElement).closest('input, textarea, button') !== null,
  ignoreMutation: () => true,
});

/** An uploaded image in the body: a preview and fields for alt text, caption and credit. */
export const imageView: NodeViewRenderer = ({ node, getPos, editor }) => {
  let current = node;
  const img = h('img', { alt: '', class: 'editor-figure-img' });
  const setAttr = (name: string, value: string) => {
    const pos = typeof getPos === 'function' ? getPos() : undefined;
    if (typeof pos !== 'number') return;
    editor.view.dispatch(editor.view.state.tr.setNodeMarkup(pos, undefined, { ...current.attrs, [name]: value }));
  };
  const field = (name: 'alt' | 'caption' | 'credit', label: string) => {
    const input = h('input', { type: 'text', 'data-attr': name, value: String(current.attrs[name] ?? '') });
    input.addEventListener('input', () => setAttr(name, input.value));
    // Enter would submit the story form around the editor; here it means nothing.
    input.addEventListener('keydown', (e) => e.key === 'Enter' && e.preventDefault());
    return h('label', { class: 'editor-field' }, h('span', {}, label), input);
  };
  const remove = h('button', { type: 'button', class: 'editor-remove' }, 'Remove image');
  remove.addEventListener('click', () => {
    const pos = typeof getPos === 'function' ? getPos() : undefined;
    if (typeof pos === 'number')
      editor
        .chain()
        .focus()
        .deleteRange({ from: pos, to: pos + current.nodeSize })
        .run();
  });
  const dom = h(
    'figure',
    { class: 'editor-figure', contenteditable: 'false', 'data-image-id': String(current.attrs.imageId ?? '') },
    img,
    h(
      'div',
      { class: 'editor-figure-fields' },
      field('alt', 'Alt text'),
      field('caption', 'Caption'),
      field('credit', 'Credit'),
      remove,
    ),
  );
  const load = (id: unknown) => {
    getJson<ImageViewJson>(`/desk/api/media/${Number(id)}`)
      .then((v) => {
        img.src = v.src;
        img.width = v.width;
        img.height = v.height;
      })
      .catch(() => dom.classList.add('editor-missing'));
  };
  load(current.attrs.imageId);
  return {
    dom,
    ...own(dom),
    update(updated) {
      if (updated.type !== current.type) return false;
      if (updated.attrs.imageId !== current.attrs.imageId) load(updated.attrs.imageId);
      current = updated;
      img.alt = String(updated.attrs.alt ?? '');
      for (const input of dom.querySelectorAll<HTMLInputElement>('input[data-attr]')) {
        const v = String(updated.attrs[input.dataset.attr!] ?? '');
        if (document.activeElement !== input && input.value !== v) input.value = v;
      }
      return true;
    },
  };
};

/** A related-story card in the body: its headline, fetched by id, and a way to remove it. */
export const embedView: NodeViewRenderer = ({ node, getPos, editor }) => {
  const current = node;
  const headline = h('span', { class: 'editor-embed-headline' }, `Story #${String(current.attrs.storyId)}`);
  const remove = h('button', { type: 'button', class: 'editor-remove' }, 'Remove related story');
  remove.addEventListener('click', () => {
    const pos = typeof getPos === 'function' ? getPos() : undefined;
    if (typeof pos === 'number')
      editor
        .chain()
        .focus()
        .deleteRange({ from: pos, to: pos + current.nodeSize })
        .run();
  });
  const dom = h(
    'aside',
    { class: 'editor-embed', contenteditable: 'false', 'data-embed-story-id': String(current.attrs.storyId ?? '') },
    h('span', { class: 'editor-embed-kicker' }, 'Related story'),
    headline,
    remove,
  );
  getJson<{ stories: StoryHit[] }>(`/desk/api/stories/search?ids=${Number(current.attrs.storyId)}`)
    .then(({ stories }) => {
      const hit = stories[0];
      if (hit) headline.textContent = hit.headline;
      else {
        headline.textContent = 'This story is not published; readers will not see the card.';
        dom.classList.add('editor-missing');
      }
    })
    .catch(() => {});
  return {
    dom,
    ...own(dom),
    update: (updated) => updated.type === current.type && updated.attrs.storyId === current.attrs.storyId,
  };
};
