import { csrfToken, errorMessage, hhmm } from './dom.js';

/** What the save endpoint answers with on success. */
export interface SaveOk {
  id: number;
  revision: number;
  savedAt: number | string;
  slug?: string;
}

/** A copy of unsaved work kept in the browser, so a closed tab or a network blip loses nothing. */
export interface LocalDraft {
  storyId: number | null;
  baseRevision: number | null;
  story: Record<string, unknown>;
  at: number;
}

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'failed' | 'conflict' | 'incomplete';

export interface AutosaveOptions {
  storyId: number | null;
  revision: number | null;
  /** The story as the save endpoint wants it, read from the form at the moment of saving. */
  snapshot: () => Record<string, unknown>;
  /** Whether the story can be created yet (a new story needs a headline); returns the reason when not. */
  missing: (story: Record<string, unknown>) => string | null;
  onStatus: (state: SaveState, text: string) => void;
  onSaved: (ok: SaveOk, created: boolean) => void;
  storage?: Storage;
  /** Quiet time after the last keystroke before saving. */
  debounceMs?: number;
}

const DEBOUNCE_MS = 1200;
/** Saves at least this often while someone types without pause. */
const MAX_WAIT_MS = 8000;
const RETRY_MS = [1000, 2000, 4000, 8000, 15000, 30000];

/** localStorage key of a story's unsaved work ("new" before the story exists). */
export const draftKey = (storyId: number | null) => `broadsheet:draft:${storyId ?? 'new'}`;

/** Reads the unsaved work kept for a story, if any. */
export function readLocalDraft(storage: Storage, storyId: number | null): LocalDraft | null {
  try {
    const raw = storage.getItem(draftKey(storyId));
    const d = raw ? (JSON.parse(raw) as LocalDraft) : null;
    return d && typeof d.story === 'object' && d.story ? d : null;
  } catch {
    return null;
  }
}

/**
 * Autosave of drafts: debounces edits, posts them with the revision they were based on, and reports
 * honestly what happened — saved (with the time), saving, offline and retrying, refused (with the
 * server's reason) or overtaken by someone else's save (409: never overwritten silently). Every edit is
 * written to localStorage first and removed only once the server holds exactly that version.
 */
export class Autosave {
  storyId: number | null;
  revision: number | null;
  state: SaveState = 'idle';
  private readonly storage: Storage;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstDirtyAt = 0;
  private edits = 0;
  private inFlight: Promise<void> | null = null;
  private retries = 0;

  constructor(private readonly o: AutosaveOptions) {
    this.storyId = o.storyId;
    this.revision = o.revision;
    this.storage = o.storage ?? window.localStorage;
    window.addEventListener('online', () => {
      if (this.state === 'offline') this.saveNow();
    });
  }

  /** True while the server does not hold the latest edits. */
  get unsaved(): boolean {
    return (
      this.edits > 0 ||
      this.state === 'saving' ||
      this.state === 'offline' ||
      this.state === 'failed' ||
      this.state === 'conflict' ||
      this.state === 'pending' ||
      this.state === 'incomplete'
    );
  }

  /** Call on every edit: keeps a local copy at once and schedules a save. */
  changed(): void {
    this.edits++;
    this.keepLocal();
    if (this.state === 'conflict') return;
    if (!this.firstDirtyAt) this.firstDirtyAt = Date.now();
    this.set('pending', 'Unsaved changes');
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.o.debounceMs ?? DEBOUNCE_MS, this.firstDirtyAt + MAX_WAIT_MS - Date.now()));
    this.timer = setTimeout(() => this.saveNow(), wait);
  }

  /** Saves now (the debounce ran out, the writer pressed Save, or the network came back). */
  saveNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.inFlight) {
      // One request at a time: the next one starts from the revision this one returns.
      return this.inFlight.then(() => (this.edits > 0 ? this.saveNow() : undefined));
    }
    this.inFlight = this.attempt().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Forgets the local copy (the writer chose to discard it). */
  discardLocal(): void {
    this.storage.removeItem(draftKey(this.storyId));
  }

  private keepLocal(): void {
    const draft: LocalDraft = {
      storyId: this.storyId,
      baseRevision: this.revision,
      story: this.o.snapshot(),
      at: Date.now(),
    };
    try {
      this.storage.setItem(draftKey(this.storyId), JSON.stringify(draft));
    } catch {
      // A full or disabled storage only loses the safety copy; the save itself still runs.
    }
  }

  private set(state: SaveState, text: string): void {
    this.state = state;
    this.o.onStatus(state, text);
  }

  private async attempt(): Promise<void> {
    if (this.state === 'conflict') return;
    const story = this.o.snapshot();
    const missing = this.storyId === null ? this.o.missing(story) : null;
    if (missing) {
      this.set('incomplete', `Not saved yet — ${missing}`);
      return;
    }
    const editsAtStart = this.edits;
    this.firstDirtyAt = 0;
    this.set('saving', 'Saving…');
    const creating = this.storyId === null;
    let res: Response;
    try {
      res = await fetch(creating ? '/desk/api/stories' : `/desk/api/stories/${this.storyId}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrfToken() },
        body: JSON.stringify(creating ? { story } : { baseRevision: this.revision, story }),
      });
    } catch {
      return this.retryLater('Not saved — offline, retrying');
    }
    if (res.ok) {
      const ok = (await res.json()) as SaveOk;
      this.retries = 0;
      if (creating) {
        // The unsaved copy moves from "new" to the story's own key.
        this.storage.removeItem(draftKey(null));
        this.storyId = ok.id;
      }
      this.revision = ok.revision;
      this.edits -= editsAtStart;
      if (this.edits === 0) this.storage.removeItem(draftKey(this.storyId));
      else this.keepLocal();
      this.o.onSaved(ok, creating);
      // "Saved" only when the server holds everything on screen; edits made meanwhile are still unsaved.
      if (this.edits === 0) this.set('saved', `Saved at ${hhmm(ok.savedAt)}`);
      else this.set('pending', `Unsaved changes — last saved at ${hhmm(ok.savedAt)}`);
      if (this.edits > 0) this.changedSinceSave();
      return;
    }
    if (res.status === 409) {
      const body = (await res.json().catch(() => ({}))) as {
        error?: { code?: string; message?: string; current?: { by?: string; at?: number | string } };
      };
      const cur = body.error?.current;
      const who = cur?.by
        ? `${cur.by} saved a newer version${cur.at ? ` at ${hhmm(cur.at)}` : ''}`
        : body.error?.message || 'Someone else saved a newer version';
      this.keepLocal();
      return this.set(
        'conflict',
        `Not saved — ${who}. Your changes are kept in this browser; reload to see their version before saving again.`,
      );
    }
    if (res.status >= 500 || res.status === 429 || res.status === 408)
      return this.retryLater('Not saved — the server could not save it, retrying');
    const message = await errorMessage(res, `the server refused it (${res.status}).`);
    this.set('failed', `Not saved — ${message}`);
  }

  private changedSinceSave(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.saveNow(), this.o.debounceMs ?? DEBOUNCE_MS);
  }

  private retryLater(text: string): void {
    this.set('offline', text);
    const wait = RETRY_MS[Math.min(this.retries, RETRY_MS.length - 1)]!;
    this.retries++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.saveNow(), wait);
  }
}
