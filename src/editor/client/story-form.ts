/**
 * Reads the desk's story form (rendered on the server) into the JSON the save endpoint takes, and
 * writes a kept draft back into it. Field names are the story's (headline, dek, slug, sectionId, …);
 * ids become numbers, `…Ids` and repeated names become lists, an empty `…Id` becomes null.
 */

/** Fields of the form that are not part of the story. */
const NOT_STORY = new Set(['body', 'csrf', '_csrf', 'csrfToken', 'baseRevision', 'revision', 'intent', 'action', '_method']);

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function storyFields(form: HTMLFormElement, skip: HTMLElement): Field[] {
  return [...form.elements].filter(
    (el): el is Field =>
      (el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) &&
      !!el.name &&
      !NOT_STORY.has(el.name) &&
      !skip.contains(el) &&
      !(el instanceof HTMLInputElement && ['file', 'submit', 'button', 'reset', 'image', 'password'].includes(el.type)),
  );
}

const isList = (name: string, el: Field) => /Ids$/.test(name) || (el instanceof HTMLSelectElement && el.multiple) || (el instanceof HTMLInputElement && el.type === 'checkbox' && /s$/.test(name));

function convert(name: string, value: string, el: Field): unknown {
  if (/(Id|Ids)$/.test(name)) return /^\d+$/.test(value) ? Number(value) : value === '' ? null : value;
  if (el instanceof HTMLInputElement && el.type === 'number') return value === '' ? null : Number(value);
  return value;
}

/** The story fields of the form, typed as the JSON API expects (the body is added by the caller). */
export function readStoryForm(form: HTMLFormElement, skip: HTMLElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const el of storyFields(form, skip)) {
    const name = el.name;
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
      if (isList(name, el)) {
        const list = (out[name] as unknown[]) ?? [];
        if (el.checked) list.push(convert(name, el.value, el));
        out[name] = list;
      } else if (el.type === 'checkbox') out[name] = el.checked;
      else if (el.checked) out[name] = convert(name, el.value, el);
      continue;
    }
    if (el instanceof HTMLSelectElement && el.multiple) {
      out[name] = [...el.selectedOptions].map((o) => convert(name, o.value, el));
      continue;
    }
    const v = convert(name, el.value, el);
    if (isList(name, el)) {
      const list = (out[name] as unknown[]) ?? [];
      if (v !== null && v !== '') list.push(v);
      out[name] = list;
    } else if (name in out) out[name] = [...([] as unknown[]).concat(out[name]), v];
    else out[name] = v;
  }
  return out;
}

/** Puts kept values back into the form (restoring unsaved work); the body is handled by the editor. */
export function writeStoryForm(form: HTMLFormElement, skip: HTMLElement, story: Record<string, unknown>): void {
  for (const el of storyFields(form, skip)) {
    if (!(el.name in story)) continue;
    const v = story[el.name];
    const values = (Array.isArray(v) ? v : [v]).map((x) => (x === null || x === undefined ? '' : String(x)));
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) el.checked = typeof v === 'boolean' ? v : values.includes(el.value);
    else if (el instanceof HTMLSelectElement && el.multiple) for (const o of el.options) o.selected = values.includes(o.value);
    else el.value = values[0] ?? '';
  }
}
