import type { AppDeps } from '../app.deps.js';
import { newsroomIn } from '../settings/newsroom-words.js';
import type { Reader, ReaderSession } from '../db/database.js';
import { subscribeReader } from '../newsletters/subscription.repo.js';
import { presentReaderData } from './account.present.js';
import {
  type ReaderNewsletterRow,
  eraseReaderRows,
  newslettersForReader,
  readerDataRows,
  signUpNewsletters,
  unsubscribeReaderFrom,
} from './account.repo.js';
import { listReaderSessions } from './reader-session.repo.js';
import { READER_MAIL_JOBS } from './reader.jobs.js';
import { updateReader } from './reader.repo.js';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'events'>;

const actor = (r: Pick<Reader, 'id'>) => `reader:${r.id}`;

/** What a reader's account page shows besides their own row. */
export interface AccountPageData {
  /** The newsletters they may choose (in the page's language or any, and any they get), with whether they get it. */
  newsletters: ReaderNewsletterRow[];
  /** Their live sessions, newest use first. */
  sessions: ReaderSession[];
  /** What deleting the account does to their comments (the newsroom's setting). */
  eraseComments: 'keep' | 'delete';
}

/** The account page's data for a signed-in reader, the newsletters offered in the page's language. */
export async function accountPageData(
  deps: Pick<AppDeps, 'db' | 'clock' | 'lookups'>,
  reader: Pick<Reader, 'id'>,
  language: string,
): Promise<AccountPageData> {
  const [newsletters, sessions, settings] = await Promise.all([
    newslettersForReader(deps.db, reader.id, language),
    listReaderSessions(deps.db, reader.id, deps.clock()),
    deps.lookups.settings(),
  ]);
  return { newsletters, sessions, eraseComments: settings.eraseComments };
}

/** The newsletters a sign-up form offers in a language: visible, unarchived, in it or in any, with their default. */
export function signUpNewsletterChoices(deps: Pick<AppDeps, 'db'>, language: string) {
  return signUpNewsletters(deps.db, language);
}

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
    // The newsroom as the reader's edition names it.
    { name: newsroomIn(settings, reader.language).name, url: deps.config.publicUrl },
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
    .execute((tx) =>
      eraseReaderRows(tx, { id: reader.id, email: reader.email }, eraseComments, READER_MAIL_JOBS, deps.clock()),
    );
  deps.events.publish({ type: 'reader.deleted', id: reader.id, actor: actor(reader) });
}
