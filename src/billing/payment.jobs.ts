import { z } from 'zod';
import type { AppDeps } from '../app.deps.js';
import type { DbHandle } from '../db/database.js';
import { editionOf, editionPath } from '../editions/edition.js';
import { translator } from '../i18n/catalogue.js';
import { type JobHandler, type JobQueue, defineJob } from '../jobs/job.types.js';
import { emailNewsroom, renderEmail } from '../mail/email.layout.js';
import { findReaderById } from '../readers/reader.repo.js';
import { findDonation } from './donation.repo.js';
import { formatMoney } from './money.js';

/** Tells a reader their renewal failed and until when they keep access (once per entry into past due). */
export const BILLING_PAST_DUE_MAIL = 'billing.past-due-mail';
/** Thanks a donor for a recorded donation. */
export const BILLING_DONATION_MAIL = 'billing.donation-mail';

interface PastDueMail {
  readerId: number;
  membershipId: number;
  graceUntil: number;
}

const PastDuePayload: z.ZodType<PastDueMail> = z.object({
  readerId: z.number().int().positive(),
  membershipId: z.number().int().positive(),
  graceUntil: z.number().int(),
});
const DonationPayload: z.ZodType<{ donationId: number }> = z.object({ donationId: z.number().int().positive() });

const RETRIES = { maxAttempts: 8, retryBaseMs: 60_000, retryMaxMs: 30 * 60_000 } as const;

/** Adds the past-due email (in the webhook's transaction); one per membership and grace period. */
export function queuePastDueMail(jobs: Pick<JobQueue, 'enqueue'>, q: DbHandle, m: PastDueMail): Promise<number | null> {
  return jobs.enqueue(q, {
    kind: BILLING_PAST_DUE_MAIL,
    payload: m,
    dedupeKey: `past-due:${m.membershipId}:${m.graceUntil}`,
  });
}

/** Adds the donation's thank-you email (in the webhook's transaction). */
export function queueDonationThanks(
  jobs: Pick<JobQueue, 'enqueue'>,
  q: DbHandle,
  d: { donationId: number },
): Promise<number | null> {
  return jobs.enqueue(q, { kind: BILLING_DONATION_MAIL, payload: d, dedupeKey: `donation:${d.donationId}` });
}

type MailDeps = Pick<AppDeps, 'db' | 'lookups' | 'config' | 'mailer'>;

const sender = (deps: MailDeps, name: string) => ({
  name: deps.config.mail.from.name || name,
  address: deps.config.mail.from.address,
});

async function sendPastDue(deps: MailDeps, m: PastDueMail): Promise<void> {
  const reader = await findReaderById(deps.db, m.readerId);
  if (!reader || reader.deleted_at !== null) return;
  const { editions } = await deps.lookups.settings();
  const edition = editionOf(editions, reader.language);
  const t = translator(edition.code);
  const newsroom = await emailNewsroom(deps, edition.code);
  const site = newsroom.name;
  const subject = t('email.pastDue.subject', { site });
  const date = new Intl.DateTimeFormat(edition.locale, { dateStyle: 'long', timeZone: deps.config.timeZone }).format(
    m.graceUntil,
  );
  const { html, text } = await renderEmail({
    t,
    language: edition.code,
    newsroom,
    subject,
    blocks: [
      { kind: 'heading', text: t('email.pastDue.heading') },
      { kind: 'paragraph', text: t('email.pastDue.text', { site, date }) },
      {
        kind: 'button',
        label: t('email.pastDue.button'),
        href: `${deps.config.publicUrl}${editionPath(edition, '/account')}`,
      },
    ],
  });
  await deps.mailer.send({ kind: 'billing.past-due', from: sender(deps, site), to: reader.email, subject, html, text });
}

async function sendDonationThanks(deps: MailDeps, donationId: number): Promise<void> {
  const d = await findDonation(deps.db, donationId);
  if (!d) return;
  const reader = d.reader_id ? await findReaderById(deps.db, d.reader_id) : undefined;
  const to = reader?.email ?? d.email;
  if (!to) return;
  const { editions } = await deps.lookups.settings();
  const edition = editionOf(editions, reader?.language ?? editions[0]?.code ?? 'en');
  const t = translator(edition.code);
  const newsroom = await emailNewsroom(deps, edition.code);
  const site = newsroom.name;
  const subject = t('email.donation.subject', { site });
  const amount = formatMoney(d.amount, d.currency.toUpperCase(), edition.locale);
  const { html, text } = await renderEmail({
    t,
    language: edition.code,
    newsroom,
    subject,
    blocks: [
      { kind: 'heading', text: t('email.donation.heading') },
      { kind: 'paragraph', text: t('email.donation.text', { amount }) },
    ],
  });
  await deps.mailer.send({ kind: 'billing.donation', from: sender(deps, site), to, subject, html, text });
}

/** The billing mail jobs, registered on the one runner (src/background.ts, the test env). */
export function billingMailJobs(deps: MailDeps): [JobHandler<PastDueMail>, JobHandler<{ donationId: number }>] {
  return [
    defineJob({ kind: BILLING_PAST_DUE_MAIL, payload: PastDuePayload, ...RETRIES, run: (m) => sendPastDue(deps, m) }),
    defineJob({
      kind: BILLING_DONATION_MAIL,
      payload: DonationPayload,
      ...RETRIES,
      run: (d) => sendDonationThanks(deps, d.donationId),
    }),
  ];
}
