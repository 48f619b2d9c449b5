/**
 * The OpenAPI 3.1 description of /api/v1, written by hand next to the presenters it describes.
 * Schemas close their objects (additionalProperties: false), so the tests that check real responses
 * against them also catch a field added to a presenter but not documented here.
 */
import { SLUG_PATTERN } from '../stories/slug.js';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const uri: Schema = { type: 'string', format: 'uri' };
const time: Schema = { type: 'string', format: 'date-time' };
const nullable = (s: Schema): Schema => ({ oneOf: [s, { type: 'null' }] });
const object = (properties: Record<string, Schema>, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
const pageOf = (item: string): Schema =>
  object({
    data: { type: 'array', items: ref(item) },
    next: { type: ['string', 'null'], description: 'Opaque cursor of the next page; null on the last page.' },
  });

const summaryProps: Record<string, Schema> = {
  id: int,
  slug: str,
  url: { ...uri, description: "The story's page, in its language's edition (`/uk/stories/…`)." },
  language: { type: 'string', description: "The language the story is written in: its edition's code (en, uk…)." },
  translationGroup: {
    type: ['integer', 'null'],
    description: 'The id of the story its translations were made from; the same for every member; null when none.',
  },
  translations: {
    type: 'array',
    description: "Its published translations (other languages), each at its edition's URL.",
    items: ref('Translation'),
  },
  headline: str,
  dek: str,
  excerpt: str,
  kind: {
    enum: ['story', 'liveblog', 'page'],
    description: 'A page (an imported About page) is never in a list or feed; only its own address shows it.',
  },
  publishedAt: time,
  updatedAt: time,
  section: nullable(ref('Section')),
  authors: { type: 'array', items: ref('Byline') },
  tags: { type: 'array', items: ref('Tag') },
  image: nullable(ref('Image')),
};

const cardProps: Record<string, Schema> = {
  id: int,
  url: uri,
  headline: str,
  excerpt: str,
  publishedAt: time,
  updatedAt: time,
  section: nullable(object({ name: str, url: uri })),
  image: nullable(ref('Image')),
  live: { type: 'boolean' },
};

const schemas: Record<string, Schema> = {
  Image: object({ url: uri, width: int, height: int, alt: str, caption: str, credit: str }),
  Section: object({
    id: int,
    slug: str,
    name: str,
    description: str,
    parentId: { type: ['integer', 'null'] },
    url: uri,
  }),
  Tag: object({ id: int, slug: str, name: str, url: uri }),
  Translation: object({ id: int, slug: str, language: str, url: uri }),
  Byline: object({ id: int, slug: str, name: str, url: uri }),
  Author: object({
    id: int,
    slug: str,
    name: str,
    roleTitle: str,
    shortBio: str,
    bio: str,
    url: uri,
    avatar: nullable(ref('Image')),
    links: { type: 'array', items: object({ label: str, url: str }) },
  }),
  StorySummary: object(summaryProps),
  Document: {
    type: 'object',
    description:
      'The structured story body: version 1, a list of typed blocks (paragraph, heading, quote, list, image, embed, divider).',
    required: ['version', 'blocks'],
    properties: {
      version: { const: 1 },
      blocks: {
        type: 'array',
        items: {
          type: 'object',
          required: ['type'],
          properties: { type: { enum: ['paragraph', 'heading', 'quote', 'list', 'image', 'embed', 'divider'] } },
        },
      },
    },
  },
  Story: object({
    ...summaryProps,
    readingMinutes: int,
    wordCount: int,
    hero: nullable(object({ image: ref('Image'), caption: str, credit: str })),
    body: object({
      document: ref('Document'),
      html: { type: 'string', description: 'The body rendered to HTML with absolute links.' },
    }),
    seo: object(
      {
        metaTitle: str,
        metaDescription: str,
        ogTitle: str,
        ogDescription: str,
        ogImage: nullable(ref('Image')),
        twitterTitle: str,
        twitterDescription: str,
        twitterImage: nullable(ref('Image')),
        canonicalUrl: {
          type: 'string',
          description: 'Another address that is canonical for this story; empty: its own.',
        },
        noindex: { type: 'boolean', description: 'Kept out of search engines and the sitemaps.' },
      },
      "The story's own words for search engines and social cards, as written: an empty one means the default (the " +
        'headline, the dek or excerpt, the hero image).',
    ),
  }),
  Card: object(cardProps),
  SearchHit: object({
    ...cardProps,
    score: { type: 'number', description: 'Relevance; higher is better. Only comparable within one search.' },
    headlineHtml: { type: 'string', description: 'The headline as escaped HTML, hits wrapped in <mark>.' },
    snippetHtml: { type: 'string', description: 'The best passage as escaped HTML, hits wrapped in <mark>.' },
  }),
  StoryPage: pageOf('StorySummary'),
  CardPage: pageOf('Card'),
  TagPage: pageOf('Tag'),
  AuthorPage: pageOf('Author'),
  SearchPage: pageOf('SearchHit'),
  Error: object({ error: object({ code: str, message: str }) }),
};

const q = (name: string, description: string, schema: Schema = str) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const language = q(
  'language',
  "One edition's stories: its language code (e.g. uk). Every language when absent; a language with no edition is a 400.",
);
const names = q(
  'language',
  "Names in one edition's words: its language code (e.g. uk); the primary edition's where none is written for it, " +
    'and when absent; their `url`s in that edition (`/uk/…`). A language with no edition is a 400.',
);
const paging = [
  q('cursor', 'The `next` value of the previous page.'),
  q('limit', 'Items per page (1–100, default 20).', { type: 'integer', minimum: 1, maximum: 100, default: 20 }),
];
const slugPath = { name: 'slug', in: 'path', required: true, schema: { type: 'string', pattern: SLUG_PATTERN.source } };
const json = (schema: string) => ({ content: { 'application/json': { schema: ref(schema) } } });
const ok = (schema: string, description: string) => ({
  '200': {
    description,
    headers: { ETag: { description: 'Strong validator; send it back in If-None-Match for a 304.', schema: str } },
    ...json(schema),
  },
  '304': { description: 'Not modified (If-None-Match matched).' },
  '400': { description: 'A parameter is not valid.', ...json('Error') },
  '404': { description: 'Not found.', ...json('Error') },
});
const single = (schema: string) => object({ data: ref(schema) });

/** Builds the document; `server` is PUBLIC_URL, so the description names the address clients use. */
export function buildOpenApi(server: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Broadsheet content API',
      version: '1.0.0',
      description:
        'Read-only access to published stories, the News Feed, sections, tags, authors and search. Lists are ' +
        'keyset-paged with an opaque cursor. Any origin may GET (CORS).',
    },
    servers: [{ url: `${server}/api/v1` }],
    paths: {
      '/stories': {
        get: {
          operationId: 'listStories',
          summary: 'Published stories, newest first',
          parameters: [
            language,
            q('section', 'Section slug; includes the sections nested under it.'),
            q('tag', 'Tag slug.'),
            q('author', 'Author slug.'),
            q('since', 'Published at or after (ISO 8601 date or date-time).'),
            q('until', 'Published before (ISO 8601 date or date-time).'),
            ...paging,
          ],
          responses: ok('StoryPage', 'A page of stories.'),
        },
      },
      '/stories/{slug}': {
        get: {
          operationId: 'getStory',
          summary: 'One published story with its body',
          parameters: [slugPath],
          responses: ok('StoryResponse', 'The story.'),
        },
      },
      '/feed': {
        get: {
          operationId: 'getFeed',
          summary: 'The News Feed: cards, newest first',
          parameters: [language, ...paging],
          responses: ok('CardPage', 'A page of the feed.'),
        },
      },
      '/sections': {
        get: {
          operationId: 'listSections',
          summary: 'Every section, in navigation order',
          parameters: [names],
          responses: ok('SectionList', 'All sections.'),
        },
      },
      '/tags': {
        get: {
          operationId: 'listTags',
          summary: 'Tags',
          parameters: [names, ...paging],
          responses: ok('TagPage', 'A page of tags.'),
        },
      },
      '/authors': {
        get: {
          operationId: 'listAuthors',
          summary: 'Authors',
          parameters: [names, ...paging],
          responses: ok('AuthorPage', 'A page of authors.'),
        },
      },
      '/authors/{slug}': {
        get: {
          operationId: 'getAuthor',
          summary: 'One author',
          parameters: [slugPath, names],
          responses: ok('AuthorResponse', 'The author.'),
        },
      },
      '/search': {
        get: {
          operationId: 'search',
          summary: 'Ranked full-text search of published stories',
          parameters: [
            {
              name: 'q',
              in: 'query',
              required: true,
              description: 'Words to find (all must match; punctuation is ignored; at most 200 characters).',
              schema: { type: 'string', maxLength: 200 },
            },
            q('section', 'Section slug; includes nested sections.'),
            q('author', 'Author slug.'),
            q('language', 'Only stories in this language: an edition’s code, e.g. `uk`. Without it, every language.'),
            q('from', 'Published on or after this day (YYYY-MM-DD, UTC).', { type: 'string', format: 'date' }),
            q('to', 'Published on or before this day (YYYY-MM-DD, UTC).', { type: 'string', format: 'date' }),
            q('cursor', 'The `next` value of the previous page.'),
            q('limit', 'Results per page (1–50, default 20).', {
              type: 'integer',
              minimum: 1,
              maximum: 50,
              default: 20,
            }),
          ],
          responses: ok('SearchPage', 'A page of results, best first.'),
        },
      },
    },
    components: {
      schemas: {
        ...schemas,
        StoryResponse: single('Story'),
        AuthorResponse: single('Author'),
        SectionList: object({ data: { type: 'array', items: ref('Section') } }),
      },
    },
  };
}
