import type { ImageViewJson } from './api.js';
import { getJson, h } from './dom.js';
import { Panels } from './editor.panels.js';
import { imageChooser } from './image-chooser.js';

/**
 * Image-id fields outside the body (the hero image, an author's avatar: `input[name$="image_id"]`,
 * `input[name$="ImageId"]` or `input[data-media-picker]`) get a thumbnail, "Choose image" (upload or library)
 * and "Remove". Choosing fills the id, and the matching empty alt/caption/credit fields (hero_alt, hero_caption,
 * hero_credit — or heroAlt, … in camelCase forms) from the image.
 */
export function enhanceImageFields(root: ParentNode): void {
  for (const input of root.querySelectorAll<HTMLInputElement>(
    'input[data-media-picker], input[name$="ImageId"], input[name$="image_id"]',
  )) {
    if (input.dataset.mediaPickerReady) continue;
    input.dataset.mediaPickerReady = '1';
    const label =
      input.dataset.mediaPicker ||
      (input.name.startsWith('hero') ? 'hero image' : input.name.startsWith('avatar') ? 'avatar' : 'image');
    const thumb = h('img', { class: 'image-field-thumb', alt: '', hidden: true, width: 160 });
    const choose = h('button', { type: 'button', class: 'image-field-choose' }, `Choose ${label}`);
    const remove = h('button', { type: 'button', class: 'image-field-remove', hidden: true }, `Remove ${label}`);
    const host = h('div', { class: 'editor-panels image-field-panels' });
    const panels = new Panels(null, host, () => choose.focus());
    const box = h('div', { class: 'image-field' }, thumb, choose, remove, host);
    input.after(box);

    const show = (id: string) => {
      thumb.hidden = remove.hidden = !id;
      if (!id) return thumb.removeAttribute('src');
      getJson<ImageViewJson>(`/desk/api/media/${Number(id)}`)
        .then((v) => {
          thumb.src = v.src;
          thumb.alt = v.alt;
        })
        .catch(() => (thumb.hidden = true));
    };
    const set = (id: string) => {
      input.value = id;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      show(id);
    };
    const snake = input.name.endsWith('image_id');
    const prefix = input.name.replace(/(ImageId|image_id)$/, '');
    const fill = (img: ImageViewJson) => {
      for (const [suffix, value] of [
        ['alt', img.alt],
        ['caption', img.caption],
        ['credit', img.credit],
      ] as const) {
        const name = snake ? `${prefix}${suffix}` : `${prefix}${suffix[0]!.toUpperCase()}${suffix.slice(1)}`;
        const el = input.form?.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`);
        if (el && !el.value && value) {
          el.value = value;
          el.dispatchEvent(new Event('input', { bubbles: true }));
        }
      }
    };
    choose.addEventListener('click', () =>
      panels.show(
        `Choose ${label}`,
        ...imageChooser(
          (img) => {
            set(String(img.id));
            if (prefix) fill(img);
            panels.close();
          },
          `Upload and use as ${label}`,
          `Use as ${label}`,
        ),
      ),
    );
    remove.addEventListener('click', () => {
      set('');
      choose.focus();
    });
    show(/^\d+$/.test(input.value) ? input.value : '');
  }
}
