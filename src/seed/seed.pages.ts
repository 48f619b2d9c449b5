import type { DbHandle, NewStory } from '../db/database.js';
import type { StoryDocument } from '../document/document.schema.js';
import type { Menus } from '../pages/menu.js';
import { putSetting } from '../settings/settings.repo.js';
import { deriveFromBody } from '../stories/story.service.js';
import { insertStoryRows } from '../stories/story.repo.js';
import { linkTranslations } from '../stories/story-translation.repo.js';

const doc = (...paragraphs: string[]): StoryDocument => ({
  version: 1,
  blocks: paragraphs.map((text) => ({ type: 'paragraph', content: [{ text }] })),
});

/** The demo newsroom's static pages (original text): slug, language, headline, paragraphs. */
const PAGES: [slug: string, language: string, headline: string, body: StoryDocument][] = [
  [
    'about',
    'en',
    'About the Dispatch',
    doc(
      'The Broadsheet Dispatch is a small, independent newsroom covering the river towns, their councils, courts and schools.',
      'We are paid for by our readers, not by the people we write about. Our reporters live where they report.',
    ),
  ],
  [
    'pro-nas',
    'uk',
    'Про Dispatch',
    doc(
      'The Broadsheet Dispatch — невелика незалежна редакція, що пише про річкові міста, їхні ради, суди та школи.',
      'Нас утримують читачі, а не ті, про кого ми пишемо. Наші журналісти живуть там, де працюють.',
    ),
  ],
  [
    'contact',
    'en',
    'Contact the newsroom',
    doc(
      'Tips, questions and complaints reach the duty editor at newsroom@dispatch.example, every day of the year.',
      'To send us documents safely, ask the duty editor for a secure channel before you send anything.',
    ),
  ],
  [
    'privacy',
    'en',
    'Privacy',
    doc(
      'We keep what you give us to send you our newsletters and to run your account, and nothing else. We do not sell it.',
      'You can export or delete your account from its page at any time; deleting it removes your address within a day.',
    ),
  ],
  [
    'corrections-policy',
    'en',
    'Corrections policy',
    doc(
      'When we get something wrong we say so on the story itself, with the date and what changed, and we never quietly edit a mistake away.',
      'Tell us about an error at corrections@dispatch.example; an editor answers every report.',
    ),
  ],
];

/**
 * Writes the demo's static pages (About in English and Ukrainian, Contact, Privacy, Corrections policy) and each
 * edition's navigation and footer menus, linking the pages and the first sections. Returns the pages' ids.
 */
export async function seedDemoPages(
  db: DbHandle,
  sectionId: number,
  menuSections: readonly number[],
  now: number,
): Promise<number[]> {
  // Written when the newsroom opened, a year ago: never among the newest things it published.
  const at = now - 365 * 24 * 3600_000;
  const rows: NewStory[] = PAGES.map(([slug, language, headline, body]) => {
    const derived = deriveFromBody(body);
    return {
      slug,
      language,
      headline,
      dek: '',
      excerpt: derived.excerpt,
      body: JSON.stringify(body),
      hero_image_id: null,
      hero_caption: '',
      hero_credit: '',
      hero_alt: '',
      section_id: sectionId,
      status: 'published',
      kind: 'page',
      comments: 'off',
      word_count: derived.wordCount,
      reading_minutes: derived.readingMinutes,
      published_at: at,
      updated_at: at,
      created_at: at,
    };
  });
  const ids = await insertStoryRows(db, rows);
  const [about, aboutUk, contact, privacy, corrections] = ids as [number, number, number, number, number];
  await linkTranslations(db, [[about, aboutUk]]);
  const sections = menuSections.slice(0, 4).map((section) => ({ label: '', to: { section } }));
  const footer = [
    { label: '', to: { page: about }, children: [{ label: '', to: { page: contact } }] },
    { label: '', to: { page: privacy } },
    { label: '', to: { page: corrections } },
  ];
  const menus: Menus = {
    en: { header: [...sections, { label: 'About', to: { page: about } }], footer },
    uk: {
      header: [...sections, { label: 'Про нас', to: { page: about } }],
      footer: [{ label: '', to: { page: about } }],
    },
  };
  await putSetting(db, 'site.menus', JSON.stringify(menus));
  return ids;
}
