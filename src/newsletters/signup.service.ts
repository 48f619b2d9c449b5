import type { AppDeps } from '../app.deps.js';
import { type Edition, editionPath } from '../editions/edition.js';
import { translator } from '../i18n/catalogue.js';
import { type RateLimit, takeRateToken } from '../readers/rate-limit.js';
import { findReaderById } from '../readers/reader.repo.js';
import { requestSignInLink } from '../readers/sign-in.service.js';
import { recordEngagement } from './issue.repo.js';
import type { SignUpValues } from './newsletter.input.js';
import { checkClick, readOpenToken, readUnsubscribeToken } from './newsletter.links.js';
import { newsletterById } from './newsletter.repo.js';
import { signingKey, trackingEnabled } from './newsletter.settings.js';
import type { SignUpChoice } from './signup.form.js';
import { isSubscribed } from './subscription.repo.js';
import { subscribe, unsubscribe } from './subscription.service.js';

type SiteDeps = Pick<AppDeps, 'db' | 'clock' | 'events' | 'config' | 'lookups' | 'jobs' | 'log'>;

/**
 * Sign-up forms from one network: a burst limit on top of the sign-in link's own (per address and per network,
 * an hour long), so a script filling the form from one place is stopped within minutes.
 */
export const SIGN_UP_LIMIT: RateLimit = { limit: 10, windowMs: 10 * 60_000 };

/** What a sign-up form is told: done, refused (the reason), or limited (and when to try again, in seconds). */
export interface SignUpOutcome {
  ok: boolean;
  limited: boolean;
  retryAfter: number;
  message: string;
}

/**
 * A sign-up form's post: the honeypot (filled: answered as if it worked, nothing done), the address, the lists
 * (those the edition's forms offer), the burst limit per network, then an emailed link that confirms the address
 * and subscribes to the lists chosen (R's requestSignInLink: it makes the account now, unconfirmed). The answer
 * is the same whether the address is known, in the edition's words.
 */
export async function signUp(
  deps: SiteDeps,
  r: { values: SignUpValues; edition: Edition; choices: readonly SignUpChoice[]; ip: string },
): Promise<SignUpOutcome> {
  const t = translator(r.edition.code);
  const v = r.values;
  if (v.website !== '') {
    deps.log({ msg: 'newsletter sign-up: honeypot filled', level: 'warn', source: v.source });
    return done(t('newsletters.form.sent', { email: v.email }));
  }
  const offered = new Set(r.choices.map((c) => c.id));
  const chosen = [...new Set(v.newsletters)].filter((id) => offered.has(id));
  if (chosen.length === 0) return refused(t('newsletters.form.noneChosen'));
  const tooMany: SignUpOutcome = {
    ok: false,
    limited: true,
    retryAfter: Math.ceil(SIGN_UP_LIMIT.windowMs / 1000),
    message: t('newsletters.form.tooMany'),
  };
  if (!(await takeRateToken(deps, 'newsletter-sign-up:ip', r.ip, SIGN_UP_LIMIT))) return tooMany;
  const out = await requestSignInLink(deps, {
    email: v.email,
    language: r.edition.code,
    source: v.source,
    sourceDetail: v.from,
    newsletters: chosen,
    next: v.from.startsWith('/') ? v.from : editionPath(r.edition, '/newsletters'),
    ip: r.ip,
  });
  if (out.outcome === 'limited') return tooMany;
  return done(
    `${t('newsletters.form.sent', { email: v.email })} ${t('newsletters.form.chosen', { count: chosen.length })}`,
  );
}

const done = (message: string): SignUpOutcome => ({ ok: true, limited: false, retryAfter: 0, message });
/** A refusal (the face's, for input that did not parse; the service's, for no list chosen). */
export const refused = (message: string): SignUpOutcome => ({ ok: false, limited: false, retryAfter: 0, message });

/** What an unsubscribe link is for: the reader's address, the newsletter, and whether they still get it. */
export async function unsubscribeLinkState(
  deps: Pick<AppDeps, 'db'>,
  token: string,
): Promise<{ readerId: number; newsletterId: number; email: string; newsletter: string; subscribed: boolean } | null> {
  const link = readUnsubscribeToken(await signingKey(deps.db), token);
  if (!link) return null;
  const [reader, newsletter] = await Promise.all([
    findReaderById(deps.db, link.readerId),
    newsletterById(deps.db, link.newsletterId),
  ]);
  if (!reader || reader.deleted_at !== null || !newsletter) return null;
  return {
    ...link,
    email: reader.email,
    newsletter: newsletter.name,
    subscribed: await isSubscribed(deps.db, link.readerId, link.newsletterId),
  };
}

/** Unsubscribes the link's reader from the link's newsletter (their others stay); null for a bad link. */
export async function unsubscribeByLink(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  token: string,
): Promise<{ email: string; newsletter: string } | null> {
  const link = await unsubscribeLinkState(deps, token);
  if (!link) return null;
  await unsubscribe(deps, link.readerId, link.newsletterId, `reader:${link.readerId}`);
  deps.events.publish({ type: 'reader.updated', id: link.readerId, actor: `reader:${link.readerId}` });
  return { email: link.email, newsletter: link.newsletter };
}

/**
 * Subscribes the link's reader again (a change of mind on the page after unsubscribing). The link came to their
 * inbox, so it confirms the address as the sign-up link would.
 */
export async function resubscribeByLink(
  deps: Pick<AppDeps, 'db' | 'events' | 'clock'>,
  token: string,
): Promise<{ email: string; newsletter: string } | null> {
  const link = await unsubscribeLinkState(deps, token);
  if (!link) return null;
  await subscribe(deps, link.readerId, [link.newsletterId], 'unsubscribe-page');
  return { email: link.email, newsletter: link.newsletter };
}

/** An open, counted only when counting is on and the pixel's signature holds. */
export async function recordOpen(deps: Pick<AppDeps, 'db' | 'lookups' | 'clock'>, token: string): Promise<void> {
  if (!(await trackingEnabled(deps))) return;
  const id = readOpenToken(await signingKey(deps.db), token);
  if (id) await recordEngagement(deps.db, id, 'opened_at', deps.clock());
}

/**
 * A counted link: where it goes, when its signature holds for this delivery and URL (so it can never send a
 * reader elsewhere), and the click (and the open it implies) recorded when counting is on. Null: not a link of ours.
 */
export async function recordClick(
  deps: Pick<AppDeps, 'db' | 'lookups' | 'clock'>,
  delivery: string,
  url: string,
  signature: string,
): Promise<string | null> {
  if (!/^\d{1,10}$/.test(delivery) || !/^https?:\/\//.test(url) || url.length > 2000) return null;
  const id = Number(delivery);
  if (!checkClick(await signingKey(deps.db), id, url, signature)) return null;
  if (id > 0 && (await trackingEnabled(deps))) {
    const now = deps.clock();
    await recordEngagement(deps.db, id, 'clicked_at', now);
    await recordEngagement(deps.db, id, 'opened_at', now);
  }
  return url;
}
