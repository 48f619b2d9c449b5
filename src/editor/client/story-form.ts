/**
 * Reads the desk's story form (src/desk/story-editor.view.tsx) into the JSON the save endpoint takes
 * (DeskStorySchema in src/stories/story.input.ts), the same way the server reads a plain post of it (src/stories/story-form.ts), and writes
 * a kept draft back into it. Fields that only a full form post handles (a new guest byline) are left to it.
 */

type Kind = 'text' | 'id' | 'ids' | 'names' | 'flag';

/** Form field name → JSON field and how its value is read. */
const FIELDS: Record<string, [string, Kind]> = {
  headline: ['headline', 'text'],
  dek: ['dek', 'text'],
  slug: ['slug', 'text'],
  excerpt: ['excerpt', 'text'],
  section_id: ['sectionId', 'id'],
  tag_ids: ['tagIds', 'ids'],
  new_tags: ['newTags', 'names'],
  author_ids: ['authorIds', 'ids'],
  translator_ids: ['translatorIds', 'ids'],
  // Only on the new-story page (when the newsroom has several editions).
  language: ['language', 'text'],
  // Only on a static page's editor (src/pages): a page stays a page.
  kind: ['kind', 'text'],
  hero_image_id: ['heroImageId', 'id'],
  hero_alt: ['heroAlt', 'text'],
  hero_caption: ['heroCaption', 'text'],
  hero_credit: ['heroCredit', 'text'],
  // Search and social (the editor's "Search and social" settings).
  meta_title: ['metaTitle', 'text'],
  meta_description: ['metaDescription', 'text'],
  og_title: ['ogTitle', 'text'],
  og_description: ['ogDescription', 'text'],
  og_image_id: ['ogImageId', 'id'],
  twitter_title: ['twitterTitle', 'text'],
  twitter_description: ['twitterDescription', 'text'],
  twitter_image_id: ['twitterImageId', 'id'],
  canonical_url: ['canonicalUrl', 'text'],
  noindex: ['noindex', 'flag'],
};

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function fieldsOf(form: HTMLFormElement, skip: HTMLElement): Field[] {
  return [...form.elements].filter(
    (el): el is Field =>
      (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) &&
      el.name in FIELDS &&
      !skip.contains(el),
  );
}

const valuesOf = (el: Field): string[] =>
  el instanceof HTMLSelectElement && el.multiple ? [...el.selectedOptions].map((o) => o.value) : [el.value];
const toId = (v: string): number | null => (/^\d{1,10}$/.test(v.trim()) ? Number(v.trim()) : null);

/** The story fields of the form as the JSON API expects them (the body is added by the caller). */
export function readStoryForm(form: HTMLFormElement, skip: HTMLElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const el of fieldsOf(form, skip)) {
    const [key, kind] = FIELDS[el.name]!;
    const values = valuesOf(el);
    if (kind === 'flag') out[key] = el instanceof HTMLInputElement && el.checked;
    else if (kind === 'text') out[key] = values[0] ?? '';
    else if (kind === 'id') out[key] = toId(values[0] ?? '');
    else if (kind === 'ids')
      out[key] = [...((out[key] as number[]) ?? []), ...values.map(toId).filter((v): v is number => v !== null)];
    else
      out[key] = (values[0] ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
        .slice(0, 20);
  }
  return out;
}

/** Puts kept values back into the form (restoring unsaved work); the body is handled by the editor. */
export function writeStoryForm(form: HTMLFormElement, skip: HTMLElement, story: Record<string, unknown>): void {
  const used = new Map<string, number>();
  for (const el of fieldsOf(form, skip)) {
    const [key, kind] = FIELDS[el.name]!;
    if (!(key in story)) continue;
    const v = story[key];
    if (kind === 'flag') {
      if (el instanceof HTMLInputElement) el.checked = v === true;
    } else if (kind === 'text' || kind === 'id') el.value = v === null || v === undefined ? '' : String(v);
    else if (kind === 'names') el.value = Array.isArray(v) ? v.join(', ') : '';
    else if (el instanceof HTMLSelectElement && el.multiple) {
      const ids = (Array.isArray(v) ? v : []).map(String);
      for (const o of el.options) o.selected = ids.includes(o.value);
    } else {
      // Repeated single fields (the byline slots) take the list's items in order.
      const i = used.get(el.name) ?? 0;
      used.set(el.name, i + 1);
      el.value = Array.isArray(v) && v[i] !== undefined ? String(v[i]) : '';
    }
  }
}
