import type { ListingWords } from '../ui/news-feed-list.js';
import { html } from '../ui/html.js';
import { Time } from '../ui/time.js';

// Rendering rule (ui/html.ts): a block of the story page, so an `html` template escaped by the one escaper.

/** What readers see of a correction or update note. */
export interface StoryNoteView {
  kind: 'correction' | 'update';
  body: string;
  at: number;
}

/** A note row as readers see it. */
export const noteView = (r: { kind: StoryNoteView['kind']; body: string; created_at: number }): StoryNoteView => ({
  kind: r.kind,
  body: r.body,
  at: Number(r.created_at),
});

/** The dated "Correction: …" / "Update: …" notes under a story's byline (plain text, escaped), in the edition's words. */
export function StoryNotes(props: { notes: readonly StoryNoteView[]; tz: string; words: ListingWords }) {
  if (props.notes.length === 0) return null;
  const { t, locale } = props.words;
  return html`<aside class="story-notes" aria-label="${t('notes.label')}">
    <ul>
      ${props.notes.map(
        (n) =>
          html`<li class="${`story-note story-note-${n.kind}`}">
            <strong>${t(n.kind === 'correction' ? 'notes.correction' : 'notes.update')}</strong> ${n.body} ${Time({ ms: n.at, tz: props.tz, locale })}
          </li>`,
      )}
    </ul>
  </aside>`;
}
