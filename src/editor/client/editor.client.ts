import { Editor } from '@tiptap/core';
import type { StoryDocument } from '../../document/document.schema.js';
import { toProseMirror, toStoryDocument } from '../prosemirror.map.js';
import { Autosave, type SaveState, readLocalDraft } from './autosave.js';
import { h, hhmm } from './dom.js';
import { editorExtensions } from './editor.nodes.js';
import { Panels } from './editor.panels.js';
import { buildToolbar } from './editor.toolbar.js';
import { embedView, imageView } from './editor.views.js';
import { enhanceImageFields } from './image-fields.js';
import { readStoryForm, writeStoryForm } from './story-form.js';

/**
 * The desk editor, mounted into the story form the server rendered:
 * `<form id="story-form" data-story-id data-revision>` with a hidden `body` input and `<div id="body-editor">`.
 * The hidden input always holds the current document, so the form also works as a plain form.
 */
// The server validated the body it rendered; the browser bundle stays free of zod and only checks the shape.
const looksLikeDocument = (v: unknown): v is StoryDocument =>
  !!v && typeof v === 'object' && (v as StoryDocument).version === 1 && Array.isArray((v as StoryDocument).blocks);

function parseBody(raw: string): StoryDocument {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (looksLikeDocument(parsed)) return parsed;
  } catch {
    // An empty or broken value starts an empty document.
  }
  return { version: 1, blocks: [] };
}

/** The editor's first content; a body the mapping cannot read starts empty rather than breaking the page. */
function initialContent(raw: string) {
  try {
    return toProseMirror(parseBody(raw));
  } catch {
    return toProseMirror({ version: 1, blocks: [] });
  }
}

const numberOrNull = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : null);

function mount(form: HTMLFormElement, target: HTMLElement, bodyInput: HTMLInputElement): void {
  const wrapper = h('div', { class: 'editor' });
  target.replaceWith(wrapper);
  const surface = h('div', { id: 'body-editor', class: 'editor-surface' });
  const editor = new Editor({
    element: surface,
    extensions: editorExtensions({ image: imageView, embed: embedView }),
    content: initialContent(bodyInput.value),
    // The page's CSP forbids inline <style>; the editor's styles come from /desk/assets/editor.css.
    injectCSS: false,
    editorProps: {
      attributes: {
        class: 'editor-content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': 'Story body',
        id: 'body-editor-content',
      },
    },
  });

  const status = h('p', { class: 'save-status', role: 'status', 'aria-live': 'polite', 'data-state': 'idle' });
  const preview = h(
    'a',
    { class: 'editor-preview', href: '#', target: '_blank', rel: 'noopener', hidden: true },
    'Preview',
  );
  const notices = h('div', { class: 'editor-notices' });
  const panelHost = h('div', { class: 'editor-panels' });
  const panels = new Panels(editor, panelHost);
  const toolbar = buildToolbar(
    editor,
    { link: () => panels.link(), image: () => panels.image(), related: () => panels.related() },
    'body-editor-content',
  );
  wrapper.append(notices, h('div', { class: 'editor-bar' }, toolbar, status, preview), panelHost, surface);

  editor.view.dom.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
      e.preventDefault();
      panels.link();
    }
  });

  const snapshot = () => ({ ...readStoryForm(form, wrapper), body: toStoryDocument(editor.getJSON()) });
  const setRevision = (revision: number) => {
    form.dataset.revision = String(revision);
    for (const el of form.querySelectorAll<HTMLInputElement>('input[name="base_revision"]'))
      el.value = String(revision);
  };
  const showPreview = (id: number | null) => {
    preview.hidden = id === null;
    if (id !== null) preview.href = `/desk/stories/${id}/preview`;
  };

  const autosave = new Autosave({
    storyId: numberOrNull(form.dataset.storyId),
    revision: numberOrNull(form.dataset.revision),
    snapshot,
    missing: (story) =>
      typeof story.headline === 'string' && story.headline.trim() === '' ? 'add a headline to save this story.' : null,
    onStatus: (state: SaveState, text: string) => {
      status.dataset.state = state;
      status.textContent = text;
    },
    onSaved: (ok, created) => {
      setRevision(ok.revision);
      if (created) {
        form.dataset.storyId = String(ok.id);
        history.replaceState(history.state, '', `/desk/stories/${ok.id}/edit`);
        // The form's plain post now updates this story instead of creating another.
        if (/^\/desk\/stories(\/new)?\/?$/.test(new URL(form.action, location.href).pathname))
          form.action = `/desk/stories/${ok.id}`;
        showPreview(ok.id);
      }
      const slug = form.querySelector<HTMLInputElement>('input[name="slug"]');
      if (slug && ok.slug && !slug.value && document.activeElement !== slug) slug.value = ok.slug;
    },
  });
  showPreview(autosave.storyId);

  editor.on('update', () => {
    bodyInput.value = JSON.stringify(toStoryDocument(editor.getJSON()));
    autosave.changed();
  });
  const fieldChanged = (e: Event) => {
    if (!wrapper.contains(e.target as Node)) autosave.changed();
  };
  form.addEventListener('input', fieldChanged);
  form.addEventListener('change', fieldChanged);
  let leaving = false;
  document.addEventListener('submit', (e) => {
    const target = e.target as HTMLFormElement;
    const path = new URL(target.action, location.href).pathname;
    // The story form itself, and the side panel's actions on this story (publish, schedule, submit for review…).
    const isAction = target !== form && /^\/desk\/stories\/\d+\/[a-z]+$/.test(path);
    if (leaving || (target !== form && !isAction)) return;
    bodyInput.value = JSON.stringify(toStoryDocument(editor.getJSON()));
    if (!autosave.unsaved) {
      leaving = true;
      return;
    }
    // Save the latest edits first: publishing must never publish an older version than the one on screen,
    // and a plain save must carry the revision the autosave just made.
    e.preventDefault();
    const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null;
    void autosave.saveNow().then(() => {
      if (isAction && autosave.state !== 'saved') return; // the status line says why nothing happened
      if (target === form) autosave.discardLocal(); // the post carries every edit now
      if (submitter?.name) target.append(h('input', { type: 'hidden', name: submitter.name, value: submitter.value }));
      leaving = true;
      target.submit();
    });
  });
  preview.addEventListener('click', async (e) => {
    if (!autosave.unsaved) return;
    // A preview shows the saved draft: save first, then open it.
    e.preventDefault();
    const win = window.open('', '_blank');
    await autosave.saveNow();
    if (win) win.location.href = preview.href;
  });
  window.addEventListener('beforeunload', (e) => {
    if (autosave.unsaved && !leaving) e.preventDefault();
  });

  offerRestore(notices, autosave, form, wrapper, editor, snapshot);
}

/** Offers back work kept in this browser that the server does not have (a closed tab, a lost connection). */
function offerRestore(
  notices: HTMLElement,
  autosave: Autosave,
  form: HTMLFormElement,
  wrapper: HTMLElement,
  editor: Editor,
  snapshot: () => Record<string, unknown>,
): void {
  const kept = readLocalDraft(localStorage, autosave.storyId);
  if (!kept || JSON.stringify(kept.story) === JSON.stringify(snapshot())) {
    if (kept) autosave.discardLocal();
    return;
  }
  const older = kept.baseRevision !== null && autosave.revision !== null && kept.baseRevision !== autosave.revision;
  const restore = h('button', { type: 'button', class: 'editor-restore' }, 'Restore my changes');
  const discard = h('button', { type: 'button', class: 'editor-discard' }, 'Discard them');
  const notice = h(
    'div',
    { class: 'editor-notice', role: 'alert' },
    h('p', {}, `This browser kept changes from ${hhmm(kept.at)} that were never saved.`),
    older
      ? h('p', {}, 'Someone has saved this story since; restoring and saving your changes will replace their version.')
      : null,
    restore,
    discard,
  );
  notices.append(notice);
  restore.addEventListener('click', () => {
    writeStoryForm(form, wrapper, kept.story);
    if (looksLikeDocument(kept.story.body))
      editor.commands.setContent(toProseMirror(kept.story.body), { emitUpdate: true });
    notice.remove();
    autosave.changed();
  });
  discard.addEventListener('click', () => {
    autosave.discardLocal();
    notice.remove();
  });
}

if (!document.querySelector('link[data-editor-css]'))
  document.head.append(h('link', { rel: 'stylesheet', href: '/desk/assets/editor.css', 'data-editor-css': true }));
const form = document.querySelector<HTMLFormElement>('form#story-form');
const target = document.getElementById('body-editor');
const bodyInput = form?.querySelector<HTMLInputElement>('input[name="body"]');
if (form && target && bodyInput) mount(form, target, bodyInput);
// Hero image and avatar fields get the media picker on any desk page that loads this script.
enhanceImageFields(document);
