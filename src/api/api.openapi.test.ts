import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { DIALECTS } from '../../test/support/db.js';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { makeAuthor, makeImage, makeSection, makeStory, makeTag, p } from '../../test/support/factories.js';
import { openApiValidators } from '../../test/support/openapi.js';

type Doc = {
  paths: Record<
    string,
    { get: { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> } }
  >;
};

for (const dialect of DIALECTS) {
  describe(`OpenAPI description (${dialect})`, () => {
    let t: TestApp;
    let doc: Doc & Record<string, unknown>;
    let slugs: { story: string; author: string };
    before(async () => {
      t = await createTestApp(dialect);
      const world = await makeSection(t.deps, { name: 'World' });
      await makeSection(t.deps, { name: 'Europe', parent_id: world.id });
      const img = await makeImage(t.deps);
      const author = await makeAuthor(t.deps, { name: 'Api Writer', avatar_image_id: img.id });
      const tag = await makeTag(t.deps, 'Energy');
      const first = await makeStory(t.deps, {
        headline: 'Grid holds through the cold snap',
        sectionId: world.id,
        authorIds: [author.id],
        tagIds: [tag.id],
        heroImageId: img.id,
      });
      const story = await makeStory(t.deps, {
        headline: 'Second grid story',
        sectionId: world.id,
        body: {
          version: 1,
          blocks: [p('Grid text.'), { type: 'image', imageId: img.id, alt: 'x' }, { type: 'embed', storyId: first.id }],
        },
      });
      slugs = { story: story.slug, author: author.slug };
      doc = (await (await t.request('/api/v1/openapi.json')).json()) as typeof doc;
    });
    after(() => t.close());

    test('the served document is valid OpenAPI 3.1', async () => {
      assert.equal(doc.openapi, '3.1.0');
      // validate() dereferences in place; give it a copy so the original stays intact for ajv below.
      await SwaggerParser.validate(structuredClone(doc) as never);
      const broken = structuredClone(doc) as Record<string, any>;
      broken.paths['/feed'].get.responses = 'nope';
      await assert.rejects(SwaggerParser.validate(broken as never), 'the validator does reject a broken document');
    });

    test('a real response of every endpoint matches its schema', async () => {
      const validator = openApiValidators(doc);
      const urls: Record<string, string> = {
        '/stories': '/api/v1/stories?section=world&limit=1',
        '/stories/{slug}': `/api/v1/stories/${slugs.story}`,
        '/feed': '/api/v1/feed',
        '/sections': '/api/v1/sections',
        '/tags': '/api/v1/tags',
        '/authors': '/api/v1/authors',
        '/authors/{slug}': `/api/v1/authors/${slugs.author}`,
        '/search': '/api/v1/search?q=grid',
      };
      assert.deepEqual(Object.keys(doc.paths).sort(), Object.keys(urls).sort(), 'every documented path is exercised');
      for (const [path, url] of Object.entries(urls)) {
        const res = await t.request(url);
        assert.equal(res.status, 200, url);
        const body = await res.json();
        const ref = doc.paths[path]!.get.responses['200']!.content!['application/json']!.schema.$ref;
        const validate = validator(ref);
        assert.ok(validate(body), `${url}: ${JSON.stringify(validate.errors)}`);
        const empty = (body as { data: unknown[] }).data;
        if (Array.isArray(empty)) assert.ok(empty.length > 0, `${url} returned something to check`);
      }
      const bad = await t.request('/api/v1/stories?limit=0');
      assert.equal(bad.status, 400);
      const validateError = validator('#/components/schemas/Error');
      assert.ok(validateError(await bad.json()));
      const missing = await t.request('/api/v1/stories/no-such-story');
      assert.equal(missing.status, 404);
      assert.ok(validateError(await missing.json()));
      // A field the document does not list makes the check fail: the schemas are closed.
      const story = (await (await t.request(`/api/v1/stories/${slugs.story}`)).json()) as {
        data: Record<string, unknown>;
      };
      story.data.userId = 7;
      assert.equal(validator('#/components/schemas/StoryResponse')(story), false);
    });
  });
}
