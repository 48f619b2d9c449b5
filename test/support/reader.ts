import { listOutbox } from '../../src/mail/outbox.repo.js';
import type { TestApp } from './app.js';
import { type DeskClient, deskClient } from './desk.js';

/**
 * The path of the newest emailed account link sent to `email` (from the outbox: a test app without SMTP_URL), once
 * the queued mail jobs have run.
 */
export async function latestLinkPath(t: TestApp, email: string): Promise<string> {
  // The mail is a job the request queued: wait for the runner to have sent it.
  await t.jobs.settled();
  const [mail] = await listOutbox(t.deps.db, { to: email.toLowerCase(), limit: 1 });
  const m =
    mail && /https?:\/\/[^/\s]+(\/\S*\/account\/link\/[A-Za-z0-9_-]+|\/account\/link\/[A-Za-z0-9_-]+)/.exec(mail.text);
  if (!m) throw new Error(`no account link mailed to ${email}`);
  return m[1]!;
}

let clients = 0;

/**
 * A browser-like client signed in as a reader the way a person does it: asks for a link on the sign-in form, opens
 * it from the outbox, presses the button. `csrf` holds the reader's token from the account page (for posts that
 * carry neither Origin nor Sec-Fetch-Site, as test requests do).
 */
export async function signedInReader(
  t: TestApp,
  email: string,
  opts: { prefix?: string; signUp?: Record<string, string | string[]> } = {},
): Promise<DeskClient> {
  // Each reader from an address of their own (TEST-NET-2), as people are: the per-IP limit is not what is tested here.
  const c = deskClient(t, { incoming: { socket: { remoteAddress: `198.51.100.${(++clients % 250) + 1}` } } });
  const prefix = opts.prefix ?? '';
  const form = opts.signUp ? `${prefix}/account/sign-up` : `${prefix}/account/sign-in`;
  const asked = await c.postForm(form, { email, ...opts.signUp });
  if (asked.status !== 200) throw new Error(`asking for a link: ${asked.status} ${await asked.text()}`);
  const link = await latestLinkPath(t, email);
  if ((await c.get(link)).status !== 200) throw new Error('the link page did not open');
  const done = await c.postForm(link, {});
  if (done.status !== 303) throw new Error(`following the link: ${done.status} ${await done.text()}`);
  const page = await (await c.get(`${prefix}/account`)).text();
  const m = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!m) throw new Error('no CSRF token on the account page');
  c.csrf = m[1]!;
  return c;
}
