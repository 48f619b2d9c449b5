import type { AppDeps } from '../app.deps.js';
import { presentAuthor } from '../authors/author.present.js';
import { authorsByIds } from '../authors/author.repo.js';
import type { Story } from '../db/database.js';
import { notFound } from '../http/errors.js';
import { workingCopy } from './story-edit.service.js';
import { imagesByIds } from '../media/image.repo.js';
import { presentImage } from '../media/image.present.js';
import { type StoryPageData, loadStoryPage } from './story.page-data.js';
import { deriveFromBody } from './story.service.js';
import { storyById } from './story.repo.js';
import { seoColumns } from './story-seo.js';
import { tagsByIds } from '../tags/tag.repo.js';
import { tagUrl } from '../tags/tag.url.js';

/**
 * The reader page's data for the story's newest saved revision — the desk's working copy, which for a
 * published story may be ahead of what readers see. The same loader as the live page is used, with the
 * row's content replaced by the revision's, and the revision's bylines and tags. 404 when there is no such story.
 */
export async function loadPreview(
  deps: Pick<AppDeps, 'db' | 'media' | 'lookups'>,
  id: number,
): Promise<{ story: Story; data: StoryPageData }> {
  const story = await storyById(deps.db, id);
  if (!story) throw notFound('story');
  const { snapshot: s } = await workingCopy(deps.db, story);
  const derived = deriveFromBody(s.body);
  const draft: Story = {
    ...story,
    headline: s.headline,
    slug: s.slug,
    dek: s.dek,
    excerpt: s.excerpt || derived.excerpt,
    body: JSON.stringify(s.body),
    hero_image_id: s.heroImageId,
    hero_caption: s.heroCaption,
    hero_credit: s.heroCredit,
    hero_alt: s.heroAlt,
    section_id: s.sectionId,
    kind: s.kind,
    ...seoColumns(s),
    word_count: derived.wordCount,
    reading_minutes: derived.readingMinutes,
  };
  const data = await loadStoryPage(deps, draft);
  // In the story's language, as its reader page shows them.
  const [byId, tags] = await Promise.all([
    authorsByIds(deps.db, s.authorIds, draft.language),
    tagsByIds(deps.db, s.tagIds, draft.language),
  ]);
  const avatars = await imagesByIds(
    deps.db,
    [...byId.values()].flatMap((a) => (a.avatar_image_id ? [a.avatar_image_id] : [])),
  );
  data.story.authors = s.authorIds.flatMap((id) => {
    const a = byId.get(id);
    const avatar = a?.avatar_image_id ? avatars.get(a.avatar_image_id) : undefined;
    return a ? [presentAuthor(a, avatar ? presentImage(avatar, deps.media) : null)] : [];
  });
  data.story.tags = tags.map((t) => ({ name: t.name, url: tagUrl(t.slug) }));
  return { story, data };
}
