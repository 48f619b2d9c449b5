import type { DbHandle } from '../db/database.js';
import type { Random } from './random.js';
import { insertDemoReaders } from './seed.repo.js';

/** The demo's readers, in both editions' languages: names as people type them, some left empty. */
const EN_NAMES = ['Alice Moreau', 'Ben Okafor', 'Chloe Brandt', 'Daniel Reyes', 'Emma Lindqvist', 'Farid Haddad'];
const UK_NAMES = ['Оксана Бондар', 'Тарас Мельник', 'Ірина Коваль', 'Богдан Шевчук', 'Марія Левченко', 'Андрій Ткач'];
const SOURCES: readonly [source: string, detail: string][] = [
  ['story', '/stories/'],
  ['footer', ''],
  ['newsletters', '/newsletters'],
  ['account', '/account/sign-up'],
  ['embed', 'https://partner.example'],
  ['import:ghost', 'members.csv'],
];

/** The address the demo's first reader signs in with (the README's walkthrough uses it). */
export const DEMO_READER_EMAIL = 'reader@demo.broadsheet.test';

/**
 * A few dozen demo readers who signed up over the last months from the site's forms (a few unconfirmed, one
 * bouncing, one banned from commenting), for the members list, newsletters and comments to show. No sessions or
 * links: signing in is done the real way (the outbox has the link).
 */
export async function seedDemoReaders(db: DbHandle, r: Random, now: number, count = 40): Promise<number> {
  const day = 86_400_000;
  const rows = Array.from({ length: count }, (_, i) => {
    const uk = i % 3 === 2;
    const name = i === 0 ? 'Demo Reader' : r.chance(0.15) ? '' : r.pick(uk ? UK_NAMES : EN_NAMES);
    const [source, detail] = r.pick(SOURCES);
    const created = now - r.int(1, 180) * day - r.int(0, day - 1);
    const confirmed = i === 0 || r.chance(0.85) ? created + r.int(60_000, 3600_000) : null;
    return {
      email: i === 0 ? DEMO_READER_EMAIL : `reader${i}@demo.broadsheet.test`,
      name,
      comment_name: name && r.chance(0.2) ? name.split(' ')[0]! : '',
      language: uk ? 'uk' : 'en',
      source,
      source_detail: detail,
      confirmed_at: confirmed !== null && confirmed < now ? confirmed : null,
      bouncing_at: i === 7 ? now - 3 * day : null,
      bounce_reason: i === 7 ? '550 5.1.1 mailbox unavailable' : '',
      comments_banned_at: i === 11 ? now - 10 * day : null,
      created_at: created,
      updated_at: created,
      deleted_at: null,
    };
  });
  await insertDemoReaders(db, rows);
  return rows.length;
}
