import type { Editor } from '@tiptap/core';
import { isSafeHref } from '../../document/safe-href.js';
import type { ImageViewJson, StoryHit } from './api.js';
import { getJson, h } from './dom.js';
import { imageChooser, onEnter } from './image-chooser.js';

/**
 * The small forms the toolbar opens under itself: link, image (upload in place or pick from the
 * library) and related story (search published headlines). One is open at a time; Escape closes it
 * and gives focus back to the text.
 */
export class Panels {
  private open: HTMLElement | null = null;
  constructor(
    private readonly editor: Editor | null,
    private readonly host: HTMLElement,
    // view.focus() is synchronous, so the very next key press lands in the text again.
    private readonly afterClose: () => void = () => editor?.view.focus(),
  ) {
    host.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.close();
      }
    });
  }

  close(): void {
    this.open?.remove();
    this.open = null;
    this.afterClose();
  }

  /** Opens a panel with the given title and content in place of any open one. */
  show(title: string, ...body: Node[]): HTMLElement {
    this.open?.remove();
    const close = h(
      'button',
      { type: 'button', class: 'editor-panel-close', 'aria-label': `Close ${title.toLowerCase()}` },
      '×',
    );
    close.addEventListener('click', () => this.close());
    const panel = h(
      'section',
      { class: 'editor-panel', role: 'dialog', 'aria-label': title },
      h('h2', { class: 'editor-panel-title' }, title),
      close,
      ...body,
    );
    this.host.append(panel);
    this.open = panel;
    panel.querySelector<HTMLElement>('input, button:not(.editor-panel-close)')?.focus();
    return panel;
  }

  /** Link: add, change or remove a link on the selection; only http(s), mailto and site paths are accepted. */
  link(): void {
    const existing = String(this.editor!.getAttributes('link').href ?? '');
    const input = h('input', {
      type: 'text',
      value: existing,
      placeholder: 'https://…',
      'aria-describedby': 'link-error',
      autocomplete: 'off',
    });
    const error = h('p', { id: 'link-error', class: 'editor-error', role: 'alert' });
    const apply = h('button', { type: 'button' }, 'Apply link');
    const unlink = h('button', { type: 'button' }, 'Remove link');
    const form = h(
      'div',
      { class: 'editor-form' },
      h('label', { class: 'editor-field' }, h('span', {}, 'Link address'), input),
      error,
      apply,
      unlink,
    );
    onEnter(input, () => apply.click());
    apply.addEventListener('click', () => {
      let href = input.value.trim();
      // "example.org/page" means the web address, not a path on this site.
      if (
        href &&
        !/^[a-z][a-z0-9+.-]*:/i.test(href) &&
        !href.startsWith('/') &&
        !href.startsWith('#') &&
        /^[^\s/]+\.[^\s/]+/.test(href)
      )
        href = `https://${href}`;
      if (!href || !isSafeHref(href)) {
        error.textContent =
          'That link is not allowed. Use an address that starts with https://, http://, mailto: or /.';
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      const chain = this.editor!.chain().focus().extendMarkRange('link');
      if (this.editor!.state.selection.empty && !this.editor!.isActive('link'))
        chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
      else chain.setLink({ href }).run();
      this.close();
    });
    unlink.addEventListener('click', () => {
      this.editor!.chain().focus().extendMarkRange('link').unsetLink().run();
      this.close();
    });
    this.show('Link', form);
  }

  /** Image: upload a file with alt text, caption and credit, or reuse one from the media library. */
  image(): void {
    this.show('Image', ...imageChooser((img) => this.insertImage(img), 'Upload and insert', 'Insert image'));
  }

  private insertImage(img: ImageViewJson): void {
    this.editor!.chain()
      .focus()
      .insertStoryImage({ imageId: img.id, alt: img.alt, caption: img.caption, credit: img.credit })
      .run();
    this.close();
  }

  /** Related story: search published headlines and insert the chosen one as a card. */
  related(): void {
    const q = h('input', {
      type: 'search',
      placeholder: 'Search headlines',
      autocomplete: 'off',
      'aria-controls': 'related-results',
    });
    const results = h('ul', { id: 'related-results', class: 'editor-results', 'aria-live': 'polite' });
    let timer: ReturnType<typeof setTimeout> | null = null;
    let seq = 0;
    const search = async () => {
      const mine = ++seq;
      const term = q.value.trim();
      if (!term) return void results.replaceChildren();
      try {
        const { stories } = await getJson<{ stories: StoryHit[] }>(
          `/desk/api/stories/search?q=${encodeURIComponent(term)}`,
        );
        if (mine !== seq) return;
        results.replaceChildren(
          ...(stories.length
            ? stories.map((s) => {
                const b = h('button', { type: 'button', class: 'editor-result', 'data-story-id': s.id }, s.headline);
                b.addEventListener('click', () => {
                  this.editor!.chain().focus().insertRelatedStory({ storyId: s.id }).run();
                  this.close();
                });
                return h('li', {}, b);
              })
            : [h('li', {}, 'No published story has that in its headline.')]),
        );
      } catch (err) {
        results.replaceChildren(h('li', {}, `Search failed — ${(err as Error).message}`));
      }
    };
    q.addEventListener('input', () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void search(), 200);
    });
    this.show('Related story', h('label', { class: 'editor-field' }, h('span', {}, 'Headline contains'), q), results);
  }
}
