import type { Insertable } from 'kysely';
import type { CommentStatus, CommentTable, DbHandle } from '../db/database.js';
import type { Random } from './random.js';
import { commentingReaders, insertDemoComments, insertDemoReports, newestPublished } from './seed.repo.js';

/** What the demo's readers write, in each edition's language: plain text, a link here and there. */
const TEXTS: Record<'en' | 'uk', { top: readonly string[]; replies: readonly string[] }> = {
  en: {
    top: [
      'Thank you for covering this. Nobody else did.',
      'I was there on Tuesday and it was far busier than the council says.',
      'Is there a date for the public meeting? I could not find one on the council site.',
      'The figures in the third paragraph do not add up: 40% of 12,000 is not 6,000.',
      'Good reporting. Would love a follow-up in six months.',
      'The full report is here for anyone who wants to read it: https://example.org/reports/2026-budget.pdf',
      'My street has had the same problem for years.\n\nWe wrote to the mayor twice and never heard back.',
      'Why is nobody asking who pays for this?',
      'As a nurse at the hospital I can confirm the waiting times are real.',
      'Clear and fair piece. More of this, please.',
    ],
    replies: [
      'Agreed. The same happened in our district.',
      'The meeting is on the 14th, it was in last week’s newsletter.',
      'Fair point, though the report explains the difference in a footnote.',
      'Thanks for sharing the link.',
      'I had the same experience.',
    ],
  },
  uk: {
    top: [
      'Дякую, що пишете про це. Більше ніхто не писав.',
      'Я був там у вівторок — людей значно більше, ніж каже міська рада.',
      'Чи відома дата громадських слухань? На сайті ради не знайшла.',
      'Цифри в третьому абзаці не сходяться: 40% від 12 000 — це не 6 000.',
      'Гарний матеріал. Хотілося б продовження за пів року.',
      'Повний звіт для тих, хто хоче прочитати: https://example.org/zvit-2026.pdf',
      'На нашій вулиці та сама проблема вже кілька років.\n\nМи двічі писали меру й не отримали відповіді.',
      'Чому ніхто не питає, хто за це платить?',
    ],
    replies: [
      'Згоден. У нашому районі було те саме.',
      'Слухання 14-го, про це писали в розсилці минулого тижня.',
      'Слушно, хоча у звіті різницю пояснено у примітці.',
      'Дякую за посилання.',
    ],
  },
};

/** Like a link spammer writes. */
const SPAM = 'Cheap watches!!! Best prices at https://spam.example/watches — order now';

/**
 * Comments on the demo's newest stories in both editions, by its readers in their own language: most approved,
 * with replies; a few waiting for review, one hidden, one spam, two reported (the desk's queues all have some), and
 * one by "a former reader" (an erased account whose comments the newsroom keeps). Returns how many were written.
 */
export async function seedDemoComments(db: DbHandle, r: Random, now: number): Promise<number> {
  const readers = await commentingReaders(db);
  if (readers.length === 0) return 0;
  const of = (language: 'en' | 'uk') => {
    const own = readers.filter((x) => x.language === language);
    return own.length ? own : readers;
  };
  type Row = Insertable<CommentTable>;
  const tops: Row[] = [];
  const plans: { top: number; replies: number; language: 'en' | 'uk' }[] = [];
  for (const language of ['en', 'uk'] as const) {
    const stories = await newestPublished(db, language, language === 'en' ? 24 : 12);
    for (const [i, s] of stories.entries()) {
      // The newest story is the busiest; every third has none yet.
      const count = i === 0 ? 6 : i % 3 === 2 ? 0 : r.int(1, 4);
      for (let k = 0; k < count; k++) {
        const at = Math.min(now - 60_000, s.published_at + r.int(5, 600) * 60_000);
        const status: CommentStatus = i === 0 && k === count - 1 ? 'pending' : r.chance(0.06) ? 'pending' : 'approved';
        tops.push({
          story_id: s.id,
          reader_id: r.pick(of(language)).id,
          parent_id: null,
          body: r.pick(TEXTS[language].top),
          status,
          created_at: at,
          updated_at: at,
        });
        plans.push({
          top: tops.length - 1,
          replies: status === 'approved' && r.chance(0.4) ? r.int(1, 2) : 0,
          language,
        });
      }
    }
  }
  if (tops.length === 0) return 0;
  // The moderation queues' other examples, on the busiest story: spam, a hidden one, a former reader's.
  const busiest = tops[0]!;
  const extra = (body: string, status: CommentStatus, readerId: number | null): Row => ({
    ...busiest,
    reader_id: readerId,
    body,
    status,
    created_at: Math.min(now, (busiest.created_at as number) + 90_000),
    updated_at: Math.min(now, (busiest.created_at as number) + 90_000),
  });
  tops.push(extra(SPAM, 'spam', r.pick(readers).id));
  tops.push(extra('You are all idiots and so is everyone who reads this rag.', 'hidden', r.pick(readers).id));
  tops.push(extra('I have followed this story since the beginning. Thank you for staying on it.', 'approved', null));
  const topIds = await insertDemoComments(db, tops);

  const replies: Row[] = [];
  for (const p of plans)
    for (let k = 0; k < p.replies; k++) {
      const parent = tops[p.top]!;
      const at = Math.min(now - 30_000, (parent.created_at as number) + r.int(2, 240) * 60_000);
      replies.push({
        story_id: parent.story_id,
        reader_id: r.pick(of(p.language)).id,
        parent_id: topIds[p.top]!,
        body: r.pick(TEXTS[p.language].replies),
        status: 'approved',
        created_at: at,
        updated_at: at,
      });
    }
  await insertDemoComments(db, replies);

  // Two approved comments readers reported: the "reported" queue.
  const reported = tops
    .map((row, i) => ({ row, id: topIds[i]! }))
    .filter((x) => x.row.status === 'approved' && x.row.reader_id !== null)
    .slice(1, 3);
  const reporters = readers.slice(-2);
  const reports = reported.flatMap((x, i) =>
    reporters.map((rd) => ({
      comment_id: x.id,
      reader_id: rd.id,
      reason: i === 0 ? 'off-topic' : 'abuse',
      created_at: Math.min(now, (x.row.created_at as number) + 3600_000),
    })),
  );
  await insertDemoReports(
    db,
    reports,
    reports.map((rep) => ({
      action: 'report',
      comment_id: rep.comment_id,
      reader_id: rep.reader_id,
      user_id: null,
      note: rep.reason,
      created_at: rep.created_at,
    })),
  );
  return tops.length + replies.length;
}
