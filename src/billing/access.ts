import type { AccessLevel } from '../db/database.js';

/**
 * Who may read a story, as pure rules (no I/O): a story's access level against a reader's entitlement.
 * Every face that shows a story's text (the page, feeds, the API, search, the live feed, previews) asks
 * `canRead` with the reader's entitlement; the entitlement of an anonymous reader is `ANONYMOUS`.
 */

/**
 * What a reader is entitled to: their class and the paid tiers they hold now. The class is also the key the page
 * cache keeps gated pages under (one copy per class and tier set, never one per person).
 */
export interface Entitlement {
  kind: 'anonymous' | 'free' | 'paid';
  /** Ids of the paid tiers the reader holds now, ascending (empty unless kind is 'paid'). */
  tierIds: readonly number[];
}

export const ANONYMOUS: Entitlement = Object.freeze({ kind: 'anonymous', tierIds: Object.freeze([]) });

/** A story's (or a section default's) access: the level, and the tier ids when the level is 'tiers'. */
export interface StoryAccess {
  access: AccessLevel;
  tierIds: readonly number[];
}

/** True when the reader may read the whole story. A 'tiers' story with no tiers listed is treated as 'paid'. */
export function canRead(story: StoryAccess, reader: Entitlement): boolean {
  switch (story.access) {
    case 'public':
      return true;
    case 'members':
      return reader.kind !== 'anonymous';
    case 'paid':
      return reader.kind === 'paid';
    case 'tiers':
      if (reader.kind !== 'paid') return false;
      return story.tierIds.length === 0 || story.tierIds.some((id) => reader.tierIds.includes(id));
  }
}

/** The tier ids of a stored JSON array column (`access_tiers`), tolerating a malformed value as none. */
export function parseTierIds(json: string): number[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    const ids = value.filter((v): v is number => Number.isSafeInteger(v) && v > 0);
    return [...new Set(ids)].sort((a, b) => a - b);
  } catch {
    return [];
  }
}

/** The cache class of an entitlement: `anonymous`, `free`, or `paid:<tier ids>` (stable for one tier set). */
export function entitlementClass(reader: Entitlement): string {
  return reader.kind === 'paid' ? `paid:${reader.tierIds.join('.')}` : reader.kind;
}
