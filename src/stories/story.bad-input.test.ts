import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { makeSection } from '../../test/support/factories.js';

const BAD_BODIES: [string, string, RegExp][] = [
  ['a 20,001-character paragraph', 'a'.repeat(20_001), /at most 20,000 characters/],
  ['a 501-item list', Array.from({ length: 501 }, (_, i) => `- item ${i}`).join('\n'), /at most 500 items/],
  ['5,001 dividers', Array.from({ length: 5001 }, () => '---').join('\n\n'), /at most 5,000 blocks/],
  ['image 0', '![x](image:0)', /such as image:12/],
  ['related story 0', '{{related:0}}', /such as \{\{related:34\}\}/],
  ['5,000 ">"', '>'.repeat(5000), /nested at most 50 deep/],
];

for (const dialect of DIALECTS) {
  describe(`input that once answered 500 (${dialect})`, () => {
    let t: TestApp;
    let editor: DeskClient;
    let sectionId: number;
    before(async () => {
      t = await createTestApp(dialect);
      sectionId = (await makeSection(t.deps, { name: 'World' })).id;
      editor = await signedIn(t, 'editor', { name: 'Edith' });
      await editor.refreshCsrf('/desk/stories');
    });
    after(() => t.close());

    const form = (markdown: string, baseRevision: string) => ({
      headline: 'Bridge reopens',
      dek: '',
      slug: '',
      section_id: String(sectionId),
      excerpt: '',
      hero_image_id: '',
      hero_caption: '',
      hero_credit: '',
      hero_alt: '',
      body_markdown: markdown,
      base_revision: baseRevision,
    });
    const saved = async (id: number) =>
      (await t.deps.db
        .selectFrom('story_revisions')
        .select(['revision', 'snapshot'])
        .where('story_id', '=', id)
        .orderBy('revision', 'desc')
        .execute()) as { revision: number; snapshot: string }[];

    test('Markdown past the document limits is a 400 naming the limit; the saved revision is unchanged', async () => {
      const res = await editor.postForm('/desk/stories', form('The bridge reopened **today**.', '0'));
      assert.equal(res.status, 303);
      const id = Number(/\/desk\/stories\/(\d+)\/edit/.exec(res.headers.get('location')!)![1]);
      const kept = await saved(id);
      assert.equal(kept.length, 1);
      for (const [what, markdown, message] of BAD_BODIES) {
        const refused = await editor.postForm(`/desk/stories/${id}`, form(markdown, '1'));
        assert.equal(refused.status, 400, what);
        assert.match(await refused.text(), message, what);
        const created = await editor.postForm('/desk/stories', form(markdown, '0'));
        assert.equal(created.status, 400, `new story: ${what}`);
      }
      assert.deepEqual(await saved(id), kept);
    });

    test('multipart/form-data without a readable boundary is a 400, for desk forms and uploads', async () => {
      for (const type of [
        'multipart/form-data',
        'multipart/form-data; boundary=nope',
        'multipart/form-data; boundary=',
      ]) {
        for (const path of ['/desk/stories', '/desk/api/media']) {
          const res = await editor.request(path, {
            method: 'POST',
            body: '--other\r\nContent-Disposition: form-data; name="headline"\r\n\r\nX\r\n--other--\r\n',
            headers: { 'content-type': type, 'x-csrf-token': editor.csrf, accept: 'application/json' },
          });
          assert.equal(res.status, 400, `${path} ${type}`);
          assert.match(await res.text(), /The form could not be read/, `${path} ${type}`);
        }
      }
    });

    test('a signed-in login page with a control character in next goes to the desk', async () => {
      for (const next of ['/desk/%0aX', '/desk/%00', '/desk/%0d%0aSet-Cookie:x=1']) {
        const res = await editor.get(`/desk/login?next=${next}`);
        assert.equal(res.status, 303, next);
        assert.equal(res.headers.get('location'), '/desk', next);
      }
      const fine = await editor.get('/desk/login?next=/desk/stories');
      assert.equal(fine.headers.get('location'), '/desk/stories');
    });
  });
}
