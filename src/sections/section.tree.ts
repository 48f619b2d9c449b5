import type { Section } from '../db/database.js';

/** The ids of a section and every section nested under it, at any depth. */
export function descendantIds(all: readonly Section[], rootId: number): number[] {
  const out = [rootId];
  for (let i = 0; i < out.length; i++)
    for (const s of all) if (s.parent_id === out[i] && !out.includes(s.id)) out.push(s.id);
  return out;
}

/** The chain from the top-level section down to the given one (for breadcrumbs: World › Europe). */
export function sectionPath<S extends Section>(all: readonly S[], id: number): S[] {
  const byId = new Map(all.map((s) => [s.id, s]));
  const path: S[] = [];
  for (let s = byId.get(id); s && path.length < 20; s = s.parent_id ? byId.get(s.parent_id) : undefined)
    path.unshift(s);
  return path;
}
