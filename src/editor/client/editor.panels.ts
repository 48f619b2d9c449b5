import type { Editor } from '@tiptap/core';
import { isSafeHref } from '../../document/safe-href.js';
import type { ImageViewJson, MediaPage, StoryHit } from './api.js';
import { csrfToken, errorMessage, getJson, h } from './dom.js';

// The panels live inside the story's <form>, so they use no <form> of their own (forms cannot nest) and
// their fields have no name (the story form must not pick them up). Enter in a field presses its button.
const onEnter = (input: HTMLElement, run: () => void) =>
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      run();
    }
  });

/**
 * The small forms the toolbar opens under itself: link, image (upload in place or pick from the
 * library) and related story (search published headlines). One is open at a time; Escape closes it
 * and gives focus back to the text.
 */
export class Panels {
  private open: HTMLElement | null = null;
  constructor(
    private readonly editor: Editor,
    private readonly host: HTMLElement,
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
    this.editor.commands.focus();
  }

  private show(title: string, ...body: Node[]): HTMLElement {
    this.open?.remove();
    const close = h('button', { type: 'button', class: 'editor-panel-close', 'aria-label': `Close ${title.toLowerCase()}` }, '×');
    close.addEventListener('click', () => this.close());
    const panel = h('section', { class: 'editor-panel', role: 'dialog', 'aria-label': title }, h('h2', { class: 'editor-panel-title' }, title), close, ...body);
    this.host.append(panel);
    this.open = panel;
    panel.querySelector<HTMLElement>('input, button:not(.editor-panel-close)')?.focus();
    return panel;
  }

  /** Link: add, change or remove a link on the selection; only http(s), mailto and site paths are accepted. */
  link(): void {
    const existing = String(this.editor.getAttributes('link').href ?? '');
    const input = h('input', { type: 'text', value: existing, placeholder: 'https://…', 'aria-describedby': 'link-error', autocomplete: 'off' });
    const error = h('p', { id: 'link-error', class: 'editor-error', role: 'alert' });
    const apply = h('button', { type: 'button' }, 'Apply link');
    const unlink = h('button', { type: 'button' }, 'Remove link');
    const form = h('div', { class: 'editor-form' }, h('label', { class: 'editor-field' }, h('span', {}, 'Link address'), input), error, apply, unlink);
    onEnter(input, () => apply.click());
    apply.addEventListener('click', () => {
      let href = input.value.trim();
      // "example.org/page" means the web address, not a path on this site.
      if (href && !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('/') && !href.startsWith('#') && /^[^\s/]+\.[^\s/]+/.test(href)) href = `https://${href}`;
      if (!href || !isSafeHref(href)) {
        error.textContent = 'That link is not allowed. Use an address that starts with https://, http://, mailto: or /.';
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      const chain = this.editor.chain().focus().extendMarkRange('link');
      if (this.editor.state.selection.empty && !this.editor.isActive('link'))
        chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] }).run();
      else chain.setLink({ href }).run();
      this.close();
    });
    unlink.addEventListener('click', () => {
      this.editor.chain().focus().extendMarkRange('link').unsetLink().run();
      this.close();
    });
    this.show('Link', form);
  }

  /** Image: upload a file with alt text, caption and credit, or reuse one from the media library. */
  image(): void {
    const file = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/avif' });
    const alt = h('input', { type: 'text', maxlength: 1000 });
    const caption = h('input', { type: 'text', maxlength: 2000 });
    const credit = h('input', { type: 'text', maxlength: 500 });
    const status = h('p', { class: 'editor-status', role: 'status' });
    const submit = h('button', { type: 'button' }, 'Upload and insert');
    const field = (label: string, input: HTMLElement, hint?: string) => h('label', { class: 'editor-field' }, h('span', {}, label), input, hint ? h('small', {}, hint) : null);
    const form = h(
      'div',
      { class: 'editor-form', role: 'group', 'aria-label': 'Upload an image' },
      field('Image file', file, 'JPEG, PNG, WebP or AVIF, up to 20 MB.'),
      field('Alt text', alt, 'What the image shows, for readers who cannot see it.'),
      field('Caption', caption),
      field('Credit', credit),
      submit,
      status,
    );
    for (const input of [alt, caption, credit]) onEnter(input, () => submit.click());
    submit.addEventListener('click', async () => {
      const chosen = file.files?.[0];
      if (!chosen) return void (status.textContent = 'Choose an image file first.');
      if (!alt.value.trim()) {
        status.textContent = 'Describe the image in the alt text first.';
        return alt.focus();
      }
      const data = new FormData();
      data.append('file', chosen);
      data.append('alt', alt.value.trim());
      data.append('caption', caption.value.trim());
      data.append('credit', credit.value.trim());
      submit.disabled = true;
      status.textContent = 'Uploading…';
      try {
        const res = await fetch('/desk/api/media', { method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-CSRF-Token': csrfToken(), Accept: 'application/json' } });
        if (!res.ok) {
          status.textContent = `Not uploaded — ${await errorMessage(res, `the server answered ${res.status}.`)}`;
          return;
        }
        const img = (await res.json()) as ImageViewJson;
        this.insertImage(img);
      } catch {
        status.textContent = 'Not uploaded — the connection failed. Try again when you are back online.';
      } finally {
        submit.disabled = false;
      }
    });
    const library = h('ul', { class: 'editor-library', 'aria-label': 'Uploaded images' });
    const more = h('button', { type: 'button', hidden: true }, 'More images');
    let next: string | null = null;
    const loadPage = async () => {
      const page = await getJson<MediaPage>(`/desk/api/media${next ? `?before=${encodeURIComponent(next)}` : ''}`);
      for (const img of page.images) {
        const pick = h('button', { type: 'button', class: 'editor-library-pick', 'data-image-id': img.id, 'aria-label': `Insert image: ${img.alt || img.caption || `#${img.id}`}` }, h('img', { src: img.src, alt: '', width: 120, height: Math.round((120 * img.height) / img.width), loading: 'lazy' }));
        pick.addEventListener('click', () => this.insertImage(img));
        library.append(h('li', {}, pick));
      }
      next = page.next;
      more.hidden = !next;
    };
    more.addEventListener('click', () => void loadPage());
    this.show('Image', form, h('h3', {}, 'Or reuse an uploaded image'), library, more);
    loadPage().catch(() => library.append(h('li', {}, 'The media library could not be loaded.')));
  }

  private insertImage(img: ImageViewJson): void {
    this.editor.chain().focus().insertStoryImage({ imageId: img.id, alt: img.alt, caption: img.caption, credit: img.credit }).run();
    this.close();
  }

  /** Related story: search published headlines and insert the chosen one as a card. */
  related(): void {
    const q = h('input', { type: 'search', placeholder: 'Search headlines', autocomplete: 'off', 'aria-controls': 'related-results' });
    const results = h('ul', { id: 'related-results', class: 'editor-results', 'aria-live': 'polite' });
    let timer: ReturnType<typeof setTimeout> | null = null;
    let seq = 0;
    const search = async () => {
      const mine = ++seq;
      const term = q.value.trim();
      if (!term) return void results.replaceChildren();
      try {
        const { stories } = await getJson<{ stories: StoryHit[] }>(`/desk/api/stories/search?q=${encodeURIComponent(term)}`);
        if (mine !== seq) return;
        results.replaceChildren(
          ...(stories.length
            ? stories.map((s) => {
                const b = h('button', { type: 'button', class: 'editor-result', 'data-story-id': s.id }, s.headline);
                b.addEventListener('click', () => {
                  this.editor.chain().focus().insertRelatedStory({ storyId: s.id }).run();
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
