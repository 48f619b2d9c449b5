import type { CoreDeps } from '../core.deps.js';
import { notFound } from '../http/errors.js';
import { type CursorOf, type KeysetPage, keysetPage } from '../lib/cursor.js';
import { outboxCursor, outboxKeys } from './outbox.cursor.js';
import { type OutboxMail, findOutboxMail, listOutbox } from './outbox.repo.js';

/** Messages the outbox shows per page. */
export const OUTBOX_PAGE = 50;

/** A page of the local outbox, newest first (the desk's /desk/outbox). */
export function outboxPage(
  deps: Pick<CoreDeps, 'db'>,
  before: CursorOf<typeof outboxCursor> | null,
  to?: string,
): Promise<KeysetPage<OutboxMail>> {
  return keysetPage(outboxCursor, outboxKeys, OUTBOX_PAGE, (take) =>
    listOutbox(deps.db, { before, limit: take, ...(to ? { to } : {}) }),
  );
}

/** One kept message; a 404 naming it when there is none. */
export async function outboxMail(deps: Pick<CoreDeps, 'db'>, id: number): Promise<OutboxMail> {
  const mail = await findOutboxMail(deps.db, id);
  if (!mail) throw notFound('message');
  return mail;
}
