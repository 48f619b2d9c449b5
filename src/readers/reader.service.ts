import type { CoreDeps } from '../core.deps.js';
import type { Reader } from '../db/database.js';
import { findReaderByEmail, insertReader } from './reader.repo.js';
import { normalizeEmail } from './reader.email.js';

/** What a new reader is created with: the address (checked by the face: ReaderEmail), where they signed up. */
export interface NewReader {
  email: string;
  name?: string;
  /** The edition language they signed up in (their emails use it). */
  language: string;
  /** 'story', 'footer', 'newsletters', 'embed', 'account', 'import:ghost', … */
  source: string;
  /** The page or form it happened on (a story's path, an embedding site's origin). */
  sourceDetail?: string;
}

/**
 * The reader with this address, created (unconfirmed) when there is none. An erased account's address is blank,
 * so an erased reader signing up again gets a new account. Two requests racing for a new address both end with
 * the one row (the unique index settles it). `created` says whether this call made it.
 */
export async function findOrCreateReader(
  deps: Pick<CoreDeps, 'db' | 'clock' | 'events'>,
  input: NewReader,
): Promise<{ reader: Reader; created: boolean }> {
  const email = normalizeEmail(input.email);
  const existing = await findReaderByEmail(deps.db, email);
  if (existing) return { reader: existing, created: false };
  const now = deps.clock();
  const inserted = await insertReader(deps.db, {
    email,
    name: (input.name ?? '').trim().slice(0, 120),
    language: input.language,
    source: input.source.slice(0, 60),
    source_detail: (input.sourceDetail ?? '').slice(0, 300),
    confirmed_at: null,
    bouncing_at: null,
    comments_banned_at: null,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  });
  if (inserted) {
    deps.events.publish({ type: 'reader.created', id: inserted.id, actor: `reader:${inserted.id}` });
    return { reader: inserted, created: true };
  }
  const raced = await findReaderByEmail(deps.db, email);
  if (!raced) throw new Error(`reader ${email} was neither inserted nor found`);
  return { reader: raced, created: false };
}

/** A reader who can sign in and be mailed: not erased. */
export const isActiveReader = (r: Reader | undefined): r is Reader => !!r && r.deleted_at === null;
