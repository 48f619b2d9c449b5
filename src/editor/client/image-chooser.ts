import type { ImageViewJson, MediaPage } from './api.js';
import { csrfToken, errorMessage, getJson, h } from './dom.js';

// Panels live inside the story's <form>, so they use no <form> of their own (forms cannot nest) and their
// fields have no name (the story form must not pick them up). Enter in a field presses its button instead.
/** Makes Enter in `input` run `run` instead of submitting the form around it. */
export const onEnter = (input: HTMLElement, run: () => void) =>
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      run();
    }
  });

/**
 * The image chooser: upload a file (with alt text, caption and credit) or pick one from the media library.
 * Used for images in the body and for image-id fields (hero image, author avatar).
 */
export function imageChooser(onChosen: (img: ImageViewJson) => void, uploadLabel: string, pickLabel: string): Node[] {
  const file = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/webp,image/avif' });
  const alt = h('input', { type: 'text', maxlength: 1000 });
  const caption = h('input', { type: 'text', maxlength: 2000 });
  const credit = h('input', { type: 'text', maxlength: 500 });
  const status = h('p', { class: 'editor-status', role: 'status' });
  const submit = h('button', { type: 'button' }, uploadLabel);
  const field = (label: string, input: HTMLElement, hint?: string) =>
    h('label', { class: 'editor-field' }, h('span', {}, label), input, hint ? h('small', {}, hint) : null);
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
    if (!chosen) {
      status.textContent = 'Choose an image file first.';
      return;
    }
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
      const res = await fetch('/desk/api/media', {
        method: 'POST',
        body: data,
        credentials: 'same-origin',
        headers: { 'X-CSRF-Token': csrfToken(), Accept: 'application/json' },
      });
      if (!res.ok) {
        status.textContent = `Not uploaded — ${await errorMessage(res, `the server answered ${res.status}.`)}`;
        return;
      }
      onChosen((await res.json()) as ImageViewJson);
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
      const pick = h(
        'button',
        {
          type: 'button',
          class: 'editor-library-pick',
          'data-image-id': img.id,
          'aria-label': `${pickLabel}: ${img.alt || img.caption || `#${img.id}`}`,
        },
        h('img', {
          src: img.src,
          alt: '',
          width: 120,
          height: Math.round((120 * img.height) / img.width),
          loading: 'lazy',
        }),
      );
      pick.addEventListener('click', () => onChosen(img));
      library.append(h('li', {}, pick));
    }
    next = page.next;
    more.hidden = !next;
  };
  more.addEventListener('click', () => void loadPage().catch(() => undefined));
  loadPage().catch(() => library.append(h('li', {}, 'The media library could not be loaded.')));
  return [form, h('h3', {}, 'Or reuse an uploaded image'), library, more];
}
