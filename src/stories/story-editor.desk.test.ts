import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { makeSection, makeTag } from '../../test/support/factories.js';

const HOSTILE = `<script>alert("x")</script><img src=x onerror="alert(1)"> <a href="javascript:alert(2)">click</a>`;

for (const dialect of DIALECTS) {
  describe(`desk editor pages, no-JS path (${dialect})`, () => {
    let t: TestApp;
    let editor: DeskClient;
    let author: DeskClient;
    let sectionId: number;
    let tagId: number;
    before(async () => {
      t = await createTestApp(dialect);
      sectionId = (await makeSection(t.deps, { name: 'Science' })).id;
      tagId = (await makeTag(t.deps, 'Space')).id;
      editor = await signedIn(t, 'editor', { name: 'Edith' });
      author = await signedIn(t, 'author', { name: 'Otto' });
    });
    after(() => t.close());

    const form = (over: Record<string, string | string[]> = {}) => ({
      headline: 'Probe reaches the comet',
      dek: 'A ten-year journey ends',
      slug: '',
      section_id: String(sectionId),
      tag_ids: [String(tagId)],
      new_tags: 'Comets, Astronomy',
      author_ids: ['', ''],
      guest_author: 'Gale Guest',
      excerpt: '',
      hero_image_id: '',
      hero_caption: '',
      hero_credit: '',
      hero_alt: '',
      body: '{"version":1,"blocks":[]}',
      body_markdown: '## Arrival\n\nThe probe arrived **today**.\n\n> It worked.\n>\n> — Mission lead',
      base_revision: '0',
      ...over,
    });

    test('the new-story page carries the editor contract', async () => {
      const html = await (await editor.get('/desk/stories/new')).text();
      assert.match(
        html,
        /<form id="story-form" method="post" action="\/desk\/stories" class="stack" data-story-id="" data-revision="0">/,
      );
      assert.match(
        html,
        /<input type="hidden" name="body" value="\{&quot;version&quot;:1,&quot;blocks&quot;:\[\]\}"\/>/,
      );
      // The mount point only: the editor labels its own editable surface ("Story body").
      assert.match(html, /<div id="body-editor"><\/div>/);
      assert.match(html, /<noscript>[\s\S]*<textarea id="body_markdown" name="body_markdown"[\s\S]*<\/noscript>/);
      assert.match(html, /<script type="module" src="\/desk\/assets\/editor.js"><\/script>/);
      assert.match(html, /<meta name="csrf-token" content="[^"]+"\/>/);
    });

    test('create from Markdown, then edit: tags picked and created, guest byline, slug from headline', async () => {
      const res = await author.postForm('/desk/stories', form());
      assert.equal(res.status, 303);
      const id = Number(/\/desk\/stories\/(\d+)\/edit/.exec(res.headers.get('location')!)![1]);
      const page = await (await author.get(`/desk/stories/${id}/edit?done=created`)).text();
      assert.match(page, /Story created\./);
      assert.match(page, new RegExp(`data-story-id="${id}" data-revision="1"`));
      assert.match(page, /value="probe-reaches-the-comet"/);
      assert.match(page, /<option value="\d+" selected="">Gale Guest \(guest\)<\/option>/);
      for (const tag of ['Space', 'Comets', 'Astronomy']) assert.match(page, new RegExp(`selected="">${tag}</option>`));
      assert.match(page, /## Arrival\n\nThe probe arrived \*\*today\*\*\./);
      const api = await (await author.get(`/desk/api/stories/${id}`)).json();
      assert.deepEqual(
        api.story.body.blocks.map((b: { type: string }) => b.type),
        ['heading', 'paragraph', 'quote'],
      );
      assert.equal(api.story.body.blocks[2].attribution, 'Mission lead');
    });

    test('a stale no-JS save is refused with a clear message and the writer’s text is shown again', async () => {
      const res = await author.postForm('/desk/stories', form({ headline: 'Stale form story', guest_author: '' }));
      const id = Number(/\/desk\/stories\/(\d+)\/edit/.exec(res.headers.get('location')!)![1]);
      assert.equal(
        (
          await editor.postForm(
            `/desk/stories/${id}`,
            form({ headline: 'Editor was here', base_revision: '1', guest_author: '' }),
          )
        ).status,
        303,
      );
      const stale = await author.postForm(
        `/desk/stories/${id}`,
        form({
          headline: 'Author’s version',
          base_revision: '1',
          guest_author: '',
          body_markdown: 'My precious paragraph.',
        }),
      );
      assert.equal(stale.status, 409);
      const html = await stale.text();
      assert.match(html, /Edith saved a newer version at/);
      assert.match(html, /value="Author’s version"/);
      assert.match(html, /My precious paragraph\./);
      assert.match(html, /data-revision="2"/);
    });

    test('hostile text in every field is stored as text and shown escaped on the reader page', async () => {
      const res = await editor.postForm(
        '/desk/stories',
        form({
          headline: `Headline ${HOSTILE}`,
          dek: HOSTILE,
          hero_caption: HOSTILE,
          guest_author: HOSTILE,
          new_tags: 'Fine',
          body_markdown: `${HOSTILE}\n\n[bad link](javascript:alert(3))`,
        }),
      );
      assert.equal(res.status, 303);
      const id = Number(/\/desk\/stories\/(\d+)\/edit/.exec(res.headers.get('location')!)![1]);
      assert.equal((await editor.postForm(`/desk/stories/${id}/publish`, {})).status, 303);
      const { story } = await (await editor.get(`/desk/api/stories/${id}`)).json();
      const page = await (await t.request(`/stories/${story.slug}`)).text();
      assert.doesNotMatch(page, /<script>alert/);
      assert.doesNotMatch(page, /<img src=x/);
      assert.doesNotMatch(page, /href="javascript:/);
      assert.doesNotMatch(page, /onerror="alert/);
      assert.match(page, /&lt;script&gt;alert/);
      const deskPage = await (await editor.get(`/desk/stories/${id}/edit`)).text();
      assert.doesNotMatch(deskPage, /<script>alert/);
    });

    test('story list, review queue and history pages', async () => {
      const list = await (await editor.get('/desk/stories?status=draft&q=EDITOR%20was')).text();
      assert.match(list, />Editor was here<\/a>/);
      assert.doesNotMatch(list, /Probe reaches the comet/, 'that one is filtered out by the search');
      assert.equal((await author.get('/desk/review')).status, 403);
      const res = await author.postForm('/desk/stories', form({ headline: 'Queue me', guest_author: '' }));
      const id = Number(/\/desk\/stories\/(\d+)\/edit/.exec(res.headers.get('location')!)![1]);
      assert.equal((await author.postForm(`/desk/stories/${id}/submit`, { note: 'Ready when you are' })).status, 303);
      const queue = await (await editor.get('/desk/review')).text();
      assert.match(queue, /Queue me/);
      assert.equal(
        (await editor.postForm(`/desk/stories/${id}/return`, { note: 'Needs a second source' })).status,
        303,
      );
      const back = await (await author.get(`/desk/stories/${id}/edit`)).text();
      assert.match(back, /Needs a second source/);
      assert.match(back, /status-draft/);
      await author.postForm(
        `/desk/stories/${id}`,
        form({
          headline: 'Queue me',
          base_revision: '1',
          guest_author: '',
          body_markdown: 'Now with a second source.',
        }),
      );
      const history = await (await author.get(`/desk/stories/${id}/revisions?from=1&to=2`)).text();
      assert.match(history, /<ins>Now with a second source\.\n<\/ins>/);
      assert.match(history, /<del>## Arrival/);
      assert.equal(
        (await author.postForm(`/desk/stories/${id}/restore`, { revision: '1', base_revision: '2' })).status,
        303,
      );
      assert.match(await (await author.get(`/desk/stories/${id}/edit`)).text(), /data-revision="3"/);
    });

    test('a refused or invalid save writes nothing: no guest byline, no new tag, no public author page', async () => {
      const contributor = await signedIn(t, 'contributor', { name: 'Cora' });
      const res = await editor.postForm('/desk/stories', form({ headline: 'Not Cora’s', guest_author: '' }));
      const id = Number(/\/desk\/stories\/(\d+)\/edit/.exec(res.headers.get('location')!)![1]);
      const refused = await contributor.postForm(
        `/desk/stories/${id}`,
        form({ base_revision: '1', guest_author: 'Refused Guest', new_tags: 'Refused Tag' }),
      );
      assert.equal(refused.status, 403);
      const created = await contributor.postForm(
        '/desk/stories',
        form({ section_id: '999999', guest_author: 'Invalid Guest', new_tags: 'Invalid Tag' }),
      );
      assert.equal(created.status, 400);
      assert.match(await created.text(), /Choose a section that exists/);
      const authors = await t.deps.db.selectFrom('authors').select('name').execute();
      const tags = await t.deps.db.selectFrom('tags').select('name').execute();
      for (const name of ['Refused Guest', 'Invalid Guest'])
        assert.ok(!authors.some((a) => a.name === name), `${name} has no author row`);
      for (const name of ['Refused Tag', 'Invalid Tag'])
        assert.ok(!tags.some((a) => a.name === name), `${name} has no tag row`);
      assert.equal((await t.request('/authors/refused-guest')).status, 404);
      assert.equal((await t.request('/authors/invalid-guest')).status, 404);
    });

    test('a bad form gets a 4xx page that keeps the typed values', async () => {
      const res = await editor.postForm('/desk/stories', form({ headline: '', dek: 'Kept dek' }));
      assert.equal(res.status, 400);
      const html = await res.text();
      assert.match(html, /A headline is required/);
      assert.match(html, />Kept dek<\/textarea>/);
      const bigger = await editor.postForm('/desk/stories', form({ body_markdown: 'x'.repeat(2_200_000) }));
      assert.equal(bigger.status, 413);
    });
  });
}
