import sharp from 'sharp';
import type { AppDeps } from '../../src/app.deps.js';
import { insertAuthor } from '../../src/authors/author.repo.js';
import type { Author, Image, Reader, Section, Story, Tag } from '../../src/db/database.js';
import type { Block } from '../../src/document/document.schema.js';
import { processImage } from '../../src/media/image.pipeline.js';
import { insertImage } from '../../src/media/image.repo.js';
import { insertReader } from '../../src/readers/reader.repo.js';
import { createSection } from '../../src/sections/section.service.js';
import { slugify } from '../../src/stories/slug.js';
import type { StoryInput } from '../../src/stories/story.input.js';
import { createStory } from '../../src/stories/story.service.js';
import { createTag } from '../../src/tags/tag.service.js';

let counter = 0;
const next = () => ++counter;

/** A plain paragraph block. */
export const p = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });

export async function makeSection(
  deps: AppDeps,
  over: Partial<{ name: string; slug: string; parent_id: number | null }> = {},
): Promise<Section> {
  // Through the service, as the app writes them: it announces the section (lookups and cached pages follow).
  return createSection(
    deps,
    { name: over.name ?? `Section ${next()}`, slug: over.slug, parentId: over.parent_id ?? null },
    'test',
  );
}

export async function makeTag(deps: AppDeps, name = `Tag ${next()}`): Promise<Tag> {
  return createTag(deps, name, 'test');
}

export async function makeImage(
  deps: AppDeps,
  meta: { alt?: string; caption?: string; credit?: string } = {},
  size = { width: 900, height: 600 },
): Promise<Image> {
  const png = await sharp({ create: { ...size, channels: 3, background: { r: 40 + (next() % 200), g: 90, b: 140 } } })
    .png()
    .toBuffer();
  return insertImage(
    deps.db,
    await processImage(deps.media, png),
    { alt: meta.alt ?? 'A test image', caption: meta.caption, credit: meta.credit },
    deps.clock(),
  );
}

export async function makeAuthor(
  deps: AppDeps,
  over: Partial<{
    name: string;
    role_title: string;
    bio: string;
    short_bio: string;
    avatar_image_id: number | null;
  }> = {},
): Promise<Author> {
  const name = over.name ?? `Author ${next()}`;
  const now = deps.clock();
  const row = await insertAuthor(deps.db, {
    slug: slugify(name),
    name,
    role_title: over.role_title ?? 'Reporter',
    bio: over.bio ?? `${name} reports for the test newsroom. They like facts.`,
    short_bio: over.short_bio ?? '',
    avatar_image_id: over.avatar_image_id ?? null,
    links: '[]',
    user_id: null,
    created_at: now,
    updated_at: now,
  });
  deps.events.publish({ type: 'author.updated', id: row.id, actor: 'test' });
  return row;
}

/** Creates a story through the real service. Published by default, in a new section unless one is given. */
export async function makeStory(deps: AppDeps, over: Partial<StoryInput> = {}): Promise<Story> {
  const sectionId = over.sectionId ?? (await makeSection(deps)).id;
  return createStory(
    deps,
    {
      headline: `Test story ${next()}`,
      body: { version: 1, blocks: [p('First paragraph of a test story.'), p('Second paragraph.')] },
      status: 'published',
      ...over,
      sectionId,
    },
    'test',
  );
}

/**
 * A reader account, written straight into the readers table (confirmed, as after following their link), with a
 * name and a comment name of its own unless given.
 */
export async function makeReader(
  deps: AppDeps,
  over: Partial<
    Pick<
      Reader,
      | 'email'
      | 'name'
      | 'comment_name'
      | 'language'
      | 'source'
      | 'source_detail'
      | 'confirmed_at'
      | 'bouncing_at'
      | 'bounce_reason'
      | 'comments_banned_at'
      | 'created_at'
      | 'deleted_at'
    >
  > = {},
): Promise<Reader> {
  const i = next();
  const now = deps.clock();
  const reader = await insertReader(deps.db, {
    email: `reader${i}-${now}@readers.test`,
    name: `Reader ${i}`,
    comment_name: '',
    language: 'en',
    source: 'test',
    confirmed_at: now,
    bouncing_at: null,
    comments_banned_at: null,
    created_at: now,
    updated_at: now,
    deleted_at: null,
    ...over,
  });
  if (!reader) throw new Error('reader not inserted');
  return reader;
}
