import type { Context } from 'hono';
import { markdownToDocument } from '../document/markdown.js';
import { badRequest } from '../http/errors.js';
import { formFields, formList } from '../desk/desk.render.js';
import type { DeskStoryInput } from './story.input.js';

/** A posted story form: the story input, the base revision and what the writer typed (to show again on error). */
export interface PostedStory {
  input: DeskStoryInput;
  baseRevision: number;
  markdown: string | undefined;
  fields: Record<string, string>;
  intent: string;
}

const optionalInt = (v: string | undefined) => (v && /^\d{1,10}$/.test(v.trim()) ? Number(v.trim()) : null);

/**
 * Reads the editor form. With JavaScript the body comes as document JSON in the hidden `body` field;
 * without it the writer typed Markdown into `body_markdown`, which is converted here.
 */
export async function readStoryForm(c: Context): Promise<PostedStory> {
  const f = await formFields(c);
  const markdown = f.body_markdown;
  let body: unknown;
  if (markdown !== undefined) {
    if (markdown.length > 1_000_000) throw badRequest('The body is longer than a million characters.');
    body = markdownToDocument(markdown);
  } else {
    try {
      body = JSON.parse(f.body ?? '');
    } catch {
      throw badRequest('The story body could not be read. Reload the page; your last saved version is safe.');
    }
  }
  const authorIds = (await formList(c, 'author_ids')).map((v) => optionalInt(v)).filter((v): v is number => v !== null);
  const ids = async (name: string) =>
    (await formList(c, name)).map((v) => optionalInt(v)).filter((v): v is number => v !== null);
  const tagIds = (await formList(c, 'tag_ids')).map((v) => optionalInt(v)).filter((v): v is number => v !== null);
  const input: DeskStoryInput = {
    headline: f.headline ?? '',
    dek: f.dek ?? '',
    slug: f.slug ?? '',
    excerpt: f.excerpt ?? '',
    body: body as DeskStoryInput['body'],
    sectionId: optionalInt(f.section_id) ?? 0,
    tagIds,
    newTags: (f.new_tags ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean)
      .slice(0, 20),
    authorIds,
    // Left out when the form has no translator fields (they stay as they are).
    ...(f.translator_ids !== undefined ? { translatorIds: await ids('translator_ids') } : {}),
    // A static page's editor says so (a hidden field): the page stays a page, and a new one is made one.
    ...(f.kind === 'page' ? { kind: 'page' as const } : {}),
    // Only the new-story form has a language field (and a story it just made, once the editor's script saved it).
    ...(f.language?.trim() ? { language: f.language.trim() } : {}),
    // Only a name here: reading a form writes nothing (a refused save must not leave a public byline behind).
    guestAuthor: f.guest_author?.trim() || undefined,
    heroImageId: optionalInt(f.hero_image_id),
    heroCaption: f.hero_caption ?? '',
    heroCredit: f.hero_credit ?? '',
    heroAlt: f.hero_alt ?? '',
    // Left out when the form has no search and social fields (they stay as they are); an unticked box sends nothing.
    ...(f.meta_title !== undefined
      ? {
          metaTitle: f.meta_title,
          metaDescription: f.meta_description ?? '',
          ogTitle: f.og_title ?? '',
          ogDescription: f.og_description ?? '',
          ogImageId: optionalInt(f.og_image_id),
          twitterTitle: f.twitter_title ?? '',
          twitterDescription: f.twitter_description ?? '',
          twitterImageId: optionalInt(f.twitter_image_id),
          canonicalUrl: f.canonical_url ?? '',
          noindex: f.noindex === '1',
        }
      : {}),
  };
  return { input, baseRevision: optionalInt(f.base_revision) ?? 0, markdown, fields: f, intent: f.intent ?? 'save' };
}
