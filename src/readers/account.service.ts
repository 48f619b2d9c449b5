import type { AppDeps } from '../app.deps.js';
import type { Reader } from '../db/database.js';
import { subscribeReader } from '../newsletters/subscription.repo.js';
import { presentReaderData } from './account.present.js';
import { eraseReaderRows, newslettersForReader, readerDataRows, unsubscribeReaderFrom } from './account.repo.js';
import { updateReader } from './reader.repo.js';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'events'>;

const actor = (r: Pick<Reader, 'id'>) => `reader:${r.id}`;

/** Saves a reader's name and the name shown with their comments (typed values: the face parsed them). */
export async function updateReaderProfile(
  deps: Deps,
  reader: Reader,
  input: { name: string; comment_name: string },
): Promise<void> {
  await updateReader(deps.db, reader.id, {
    name: input.name,
    comment_name: input.comment_name,
    updated_at: deps.clock(),
  });
  deps.events.publish({ type: 'reader.updated', id: reader.id, actor: actor(reader) });
}

/**
 * Sets which of the newsletters the account page offered the reader gets: the ticked ones subscribed, the others
 * (of those offered) unsubscribed. A newsletter not offered (hidden, archived, another language's) is left alone.
 */
export async function setReaderNewsletters(deps: Deps, reader: Reader, chosen: readonly number[]): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (tx) => {
    const offered = await newslettersForReader(tx, reader.id, reader.language);
    const want = new Set(chosen);
    await subscribeReader(
      tx,
      reader.id,
      offered.filter((n) => want.has(n.id) && !n.subscribed).map((n) => n.id),
      'account',
      now,
    );
    await unsubscribeReaderFrom(
      tx,
      reader.id,
      offered.filter((n) => !want.has(n.id) && n.subscribed).map((n) => n.id),
      now,
    );
  });
  deps.events.publish({ type: 'reader.updated', id: reader.id, actor: actor(reader) });
}

/** Everything held about the reader, as the JSON "download my data" gives. */
export async function exportReaderData(deps: Pick<AppDeps, 'db' | 'clock' | 'lookups' | 'config'>, reader: Reader) {
  const settings = await deps.lookups.settings();
  return presentReaderData(
    reader,
    await readerDataRows(deps.db, reader.id),
    { name: settings.name, url: deps.config.publicUrl },
    deps.clock(),
  );
}

/**
 * Deletes a reader's account: their personal data erased in one transaction, their comments kept as "a former
 * reader" or deleted by the newsroom's setting (readers.erase_comments), every session ended.
 */
export async function eraseReader(deps: Deps & Pick<AppDeps, 'lookups'>, reader: Reader): Promise<void> {
  const { eraseComments } = await deps.lookups.settings();
  await deps.db
    .transaction()
    .execute((tx) => eraseReaderRows(tx, { id: reader.id, email: reader.email }, eraseComments, deps.clock()));
  deps.events.publish({ type: 'reader.deleted', id: reader.id, actor: actor(reader) });
}
