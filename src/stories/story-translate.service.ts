import type { AppDeps } from '../app.deps.js';
import type { Story, User } from '../db/database.js';
import { assertCan } from '../users/user.policy.js';
import { createDeskStory, deskStory, policyStory, workingCopy } from './story-edit.service.js';
import type { TranslateValues } from './story.input.js';
import { changeStoryLanguage } from './story.service.js';

type TranslateDeps = Pick<AppDeps, 'db' | 'events' | 'clock' | 'config'>;

/**
 * "Translate this story": a draft in another edition's language, in the source's translation group, owned by the
 * translator and crediting them as its translator. The source's words (its newest revision: headline unless one
 * is given, dek, body, hero image, section, tags and bylines) are the starting point; the source is not changed.
 * Who may create a story may translate one; a second translation into the same language is a 409. `v` is parsed at
 * the face (TranslateSchema).
 */
export async function translateStory(
  deps: TranslateDeps,
  user: User,
  sourceId: number,
  v: TranslateValues,
): Promise<{ story: Story; revision: number }> {
  assertCan(user, 'story.translate');
  const source = await deskStory(deps.db, sourceId);
  const { snapshot: s } = await workingCopy(deps.db, source);
  return createDeskStory(deps, user, {
    headline: v.headline || s.headline,
    // With the source's headline copied, the address says which translation it is until the writer sets one.
    slug: v.headline ? undefined : `${s.slug.slice(0, 110).replace(/-+$/, '')}-${v.language.toLowerCase()}`,
    dek: s.dek,
    excerpt: '',
    body: s.body,
    heroImageId: s.heroImageId,
    heroCaption: s.heroCaption,
    heroCredit: s.heroCredit,
    heroAlt: s.heroAlt,
    sectionId: s.sectionId,
    tagIds: s.tagIds,
    authorIds: s.authorIds,
    translatorIds: user.author_id ? [user.author_id] : [],
    kind: s.kind,
    language: v.language,
    translationOf: source.id,
  });
}

/**
 * Moves a story to another edition's language (parsed at the face, LanguageSchema), for whoever may edit it (see
 * changeStoryLanguage for the rule).
 */
export async function changeDeskStoryLanguage(
  deps: TranslateDeps,
  user: User,
  id: number,
  language: string,
): Promise<Story> {
  const story = await deskStory(deps.db, id);
  assertCan(
    user,
    'story.edit',
    await policyStory(deps.db, story),
    'You can only change the language of stories you may edit.',
  );
  return changeStoryLanguage(deps, id, language, `user:${user.id}`);
}
