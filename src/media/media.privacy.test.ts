import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { type TestApp, createTestApp, getSettled } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { makeAuthor, makeImage, makeSection, makeStory, p } from '../../test/support/factories.js';
import { uploadForm } from '../../test/support/upload-files.js';
import { stripOriginals } from '../cli/strip.command.js';
import type { DomainEvent } from '../events/events.js';
import { storyUrl } from '../stories/story.url.js';
import type { ImageView } from './image.present.js';

/**
 * A camera photo as a source might send it: 1000×600 pixels stored sideways with EXIF orientation 6 (shown
 * 600×1000), a Display P3 colour profile, the photographer's name and a GPS position. The top-left 200 px of
 * the stored pixels are blue, the rest red: upright, the blue corner is at the top right.
 */
const sourcePhoto = () =>
  sharp({ create: { width: 1000, height: 600, channels: 3, background: { r: 220, g: 20, b: 20 } } })
    .composite([
      {
        input: { create: { width: 200, height: 200, channels: 3, background: { r: 0, g: 0, b: 255 } } },
        left: 0,
        top: 0,
      },
    ])
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Artist: 'Secret Source', Make: 'PhoneCo', Model: 'Phone 12' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 27/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '30/1 31/1 0/1' },
    })
    .withIccProfile('p3')
    .jpeg({ quality: 95 })
    .toBuffer();

/** The GPS IFD pointer (tag 0x8825, type LONG) in either byte order: the file carries a position. */
const hasGps = (exif: Buffer) =>
  exif.includes(Buffer.from([0x88, 0x25, 0x00, 0x04])) || exif.includes(Buffer.from([0x25, 0x88, 0x04, 0x00]));
/** The colour profile's description (sharp's built-in Display P3 profile calls itself "P3"). */
const iccName = (icc: Buffer | undefined) =>
  icc
    ?.toString('latin1')
    .replace(/\0/g, '')
    .match(/P3|sRGB/)?.[0];

async function pixel(buf: Buffer, x: number, y: number): Promise<string> {
  const { data, info } = await sharp(buf).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
  return b > 150 && r < 100 ? 'blue' : r > 150 && b < 100 ? 'red' : `rgb(${r},${g},${b})`;
}

/** Every URL a reader can reach of an image view: the fallback, both srcsets, the full-size copy and the crops. */
const publicUrls = (v: ImageView) => [
  ...new Set([
    v.original,
    v.src,
    ...[v.srcset.webp, v.srcset.jpeg].flatMap((s) => s.split(', ').map((e) => e.split(' ')[0]!)),
    ...v.crops.map((c) => c.url),
  ]),
];

for (const dialect of DIALECTS) {
  describe(`uploaded images keep no metadata public (${dialect})`, () => {
    let t: TestApp;
    let contributor: DeskClient;
    before(async () => {
      t = await createTestApp(dialect);
      contributor = await signedIn(t, 'contributor');
    });
    after(() => t.close());

    test('every public file of an upload is upright, keeps its colour profile and has no EXIF; the original is not public', async () => {
      const photo = await sourcePhoto();
      const input = await sharp(photo).metadata();
      assert.ok(
        input.exif && hasGps(input.exif) && input.exif.includes('Secret Source'),
        'the test photo has GPS and an artist',
      );
      assert.equal(input.orientation, 6);
      assert.equal(iccName(input.icc), 'P3');

      const res = await contributor.request('/desk/api/media', {
        method: 'POST',
        body: uploadForm(photo, { alt: 'A red field' }, 'IMG_0001.jpg', 'image/jpeg'),
        headers: { accept: 'application/json', 'x-csrf-token': contributor.csrf },
      });
      assert.equal(res.status, 201);
      const view = (await res.json()) as ImageView;
      assert.deepEqual([view.width, view.height], [600, 1000], 'upright dimensions');
      const urls = publicUrls(view);
      assert.ok(urls.length >= 8, `variants, full size and crops: ${urls.join(' ')}`);
      for (const url of urls) {
        const file = await t.request(url);
        assert.equal(file.status, 200, url);
        const buf = Buffer.from(await file.arrayBuffer());
        assert.ok(!buf.includes('Secret Source'), `${url}: no artist anywhere in the file`);
        const m = await sharp(buf).metadata();
        assert.equal(m.exif, undefined, `${url}: no EXIF (GPS, artist, camera)`);
        assert.equal(m.xmp, undefined, `${url}: no XMP`);
        assert.equal(m.iptc, undefined, `${url}: no IPTC`);
        assert.ok(m.orientation === undefined || m.orientation === 1, `${url}: no rotation left to apply`);
        assert.equal(iccName(m.icc), 'P3', `${url}: the colour profile is kept`);
      }
      // Upright pixels: in the full-size copy and a variant, the blue corner is at the top right, not the top left.
      for (const url of [view.original, view.src]) {
        const buf = Buffer.from(await (await t.request(url)).arrayBuffer());
        const { width = 0, height = 0 } = await sharp(buf).metadata();
        assert.ok(height > width, `${url} is portrait`);
        assert.equal(await pixel(buf, width - 5, 5), 'blue', `${url}: top right`);
        assert.equal(await pixel(buf, 5, 5), 'red', `${url}: top left`);
        assert.equal(await pixel(buf, width - 5, height - 5), 'red', `${url}: bottom right`);
      }
      // The untouched upload is not kept: its old address beside the variants answers 404.
      const dir = view.src.slice(0, view.src.lastIndexOf('/'));
      for (const ext of ['jpg', 'png', 'webp', 'avif'])
        assert.equal((await t.request(`${dir}/original.${ext}`)).status, 404);
      const row = await t.deps.db.selectFrom('images').selectAll().where('id', '=', view.id).executeTakeFirstOrThrow();
      assert.doesNotMatch(row.storage_key, /original/);
    });

    test('an original stored before stripping is never served, and `media strip` replaces it with a clean copy', async () => {
      const img = await makeImage(t.deps, {}, { width: 900, height: 600 });
      const dir = img.storage_key.slice(0, img.storage_key.lastIndexOf('/'));
      const legacyKey = `${dir}/original.jpg`;
      await t.deps.media.put(legacyKey, await sourcePhoto());
      await t.deps.db
        .updateTable('images')
        .set({ storage_key: legacyKey, mime: 'image/jpeg' })
        .where('id', '=', img.id)
        .execute();
      assert.equal((await t.request(`/media/${legacyKey}`)).status, 404, 'served by no URL even while on disk');
      const before = (await (await contributor.request(`/desk/api/media/${img.id}`)).json()) as ImageView;
      assert.doesNotMatch(before.original, /original\./, 'pages link the largest variant meanwhile');
      assert.equal((await t.request(before.original)).status, 200);

      const published: string[] = [];
      const stop = t.deps.events.subscribe((e) => void published.push(e.type));
      assert.deepEqual(await stripOriginals(t.deps), { stripped: 1, missing: 0 });
      stop();
      assert.deepEqual(published, ['site.replaced']);
      assert.equal(await t.deps.media.exists(legacyKey), false, 'the untouched file is gone from the store');
      const after = (await (await contributor.request(`/desk/api/media/${img.id}`)).json()) as ImageView;
      assert.match(after.original, /\/full\.jpg$/);
      const clean = await sharp(Buffer.from(await (await t.request(after.original)).arrayBuffer())).metadata();
      assert.equal(clean.exif, undefined);
      assert.equal(iccName(clean.icc), 'P3');
      assert.deepEqual([clean.width, clean.height], [600, 1000]);
      assert.deepEqual(await stripOriginals(t.deps), { stripped: 0, missing: 0 }, 'a second run has nothing to do');
    });
  });

  describe(`deleting an image (${dialect})`, () => {
    let t: TestApp;
    let editor: DeskClient;
    let contributor: DeskClient;
    before(async () => {
      t = await createTestApp(dialect);
      editor = await signedIn(t, 'editor');
      contributor = await signedIn(t, 'contributor');
    });
    after(() => t.close());

    const del = (who: DeskClient, id: number, query = '') =>
      who.request(`/desk/api/media/${id}${query}`, {
        method: 'DELETE',
        headers: { accept: 'application/json', 'x-csrf-token': who.csrf },
      });
    const keysOf = async (id: number) => {
      const row = await t.deps.db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return [
        row.storage_key,
        ...(JSON.parse(row.variants) as { key: string }[]).map((v) => v.key),
        ...(JSON.parse(row.crops) as { key: string }[]).map((c) => c.key),
      ];
    };

    test('an image stories show is refused with their list, then on confirmation taken out of them, its files and cached pages gone', async () => {
      const img = await makeImage(t.deps, { alt: 'The harbour' });
      const keys = await keysOf(img.id);
      const hero = await makeStory(t.deps, { headline: 'Harbour reopens', heroImageId: img.id, heroAlt: 'Boats' });
      const inBody = await makeStory(t.deps, {
        headline: 'Ten years of the harbour',
        body: {
          version: 1,
          blocks: [p('Before.'), { type: 'image', imageId: img.id, alt: 'The harbour' }, p('After.')],
        },
      });
      const author = await makeAuthor(t.deps, { name: 'Harbour Master', avatar_image_id: img.id });
      const view = (await (await editor.request(`/desk/api/media/${img.id}`)).json()) as ImageView;
      for (const s of [hero, inBody]) {
        const page = await getSettled(t, storyUrl(s.slug));
        assert.ok(page.body.includes(view.srcset.jpeg.split(' ')[0]!), `${s.headline} shows it`);
        assert.equal((await getSettled(t, storyUrl(s.slug))).cache, 'HIT', 'and is cached');
      }

      assert.equal((await del(contributor, img.id, '?confirm=1')).status, 403, 'contributors may not');
      const refused = await del(editor, img.id);
      assert.equal(refused.status, 409);
      const body = (await refused.json()) as { error: { message: string; stories: { id: number }[] } };
      assert.match(body.error.message, /“Harbour reopens”.*“Ten years of the harbour”.*Harbour Master/);
      assert.deepEqual(
        body.error.stories.map((s) => s.id),
        [hero.id, inBody.id],
      );
      for (const key of keys) assert.ok(await t.deps.media.exists(key), 'nothing removed yet');

      const events: DomainEvent[] = [];
      const stop = t.deps.events.subscribe((e) => void events.push(e));
      const ok = await del(editor, img.id, '?confirm=1');
      stop();
      assert.equal(ok.status, 200);
      assert.deepEqual(
        ((await ok.json()) as { removedFrom: { id: number }[] }).removedFrom.map((s) => s.id),
        [hero.id, inBody.id],
      );
      assert.deepEqual(
        events.map((e) => `${e.type} ${e.id}`),
        [
          `media.deleted ${img.id}`,
          `story.updated ${hero.id}`,
          `story.updated ${inBody.id}`,
          `author.updated ${author.id}`,
        ],
      );
      assert.equal(
        await t.deps.db.selectFrom('images').select('id').where('id', '=', img.id).executeTakeFirst(),
        undefined,
      );
      for (const key of keys) assert.equal(await t.deps.media.exists(key), false, `${key} removed`);
      const stories = await t.deps.db
        .selectFrom('stories')
        .select(['id', 'hero_image_id', 'hero_alt', 'body'])
        .where('id', 'in', [hero.id, inBody.id])
        .orderBy('id')
        .execute();
      assert.deepEqual([stories[0]!.hero_image_id, stories[0]!.hero_alt], [null, '']);
      assert.deepEqual(
        (JSON.parse(stories[1]!.body) as { blocks: { type: string }[] }).blocks.map((b) => b.type),
        ['paragraph', 'paragraph'],
      );
      const avatar = await t.deps.db
        .selectFrom('authors')
        .select('avatar_image_id')
        .where('id', '=', author.id)
        .executeTakeFirstOrThrow();
      assert.equal(avatar.avatar_image_id, null);
      for (const s of [hero, inBody]) {
        const page = await getSettled(t, storyUrl(s.slug));
        assert.equal(page.status, 200);
        assert.notEqual(page.cache, 'HIT', 'the cached page was purged');
        assert.ok(!page.body.includes(view.srcset.jpeg.split(' ')[0]!), `${s.headline} no longer shows it`);
      }
      assert.equal((await t.request(view.src)).status, 404);
      assert.equal((await del(editor, img.id, '?confirm=1')).status, 404, 'gone');
    });

    test('a desk story keeps working after its image is deleted: the editor’s working copy and revisions lose it too', async () => {
      const img = await makeImage(t.deps);
      const sectionId = (await makeSection(t.deps)).id;
      const created = await editor.postJson('/desk/api/stories', {
        story: {
          headline: 'Desk story with a photo',
          sectionId,
          heroImageId: img.id,
          body: { version: 1, blocks: [p('Text.'), { type: 'image', imageId: img.id, alt: 'Photo' }] },
        },
      });
      assert.equal(created.status, 201);
      const { id } = (await created.json()) as { id: number };
      assert.equal((await del(editor, img.id, '?confirm=1')).status, 200);
      // The save merges with the newest revision: had it kept the image, this would be a 400 ("not in the library").
      const saved = await editor.postJson(`/desk/api/stories/${id}`, {
        baseRevision: 1,
        story: { headline: 'Edited' },
      });
      assert.equal(saved.status, 200, await saved.clone().text());
      const row = await t.deps.db
        .selectFrom('stories')
        .select(['headline', 'hero_image_id', 'body'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(row.headline, 'Edited');
      assert.equal(row.hero_image_id, null);
      assert.doesNotMatch(row.body, /"imageId"/);
    });

    test('an unused image is deleted at once; the library page has the button, and asks first when stories use one', async () => {
      const unused = await makeImage(t.deps);
      assert.equal((await del(editor, unused.id)).status, 200);
      const used = await makeImage(t.deps);
      await makeStory(t.deps, { headline: 'Uses <it>', heroImageId: used.id });
      const page = await (await editor.get('/desk/media')).text();
      assert.match(page, new RegExp(`action="/desk/media/${used.id}/delete"`));
      assert.doesNotMatch(
        await (await contributor.get('/desk/media')).text(),
        /\/delete"/,
        'no delete button for contributors',
      );
      const asked = await editor.postForm(`/desk/media/${used.id}/delete`, {});
      assert.equal(asked.status, 409);
      const html = await asked.text();
      assert.match(html, /Delete image \d+\?/);
      assert.match(html, /“Uses &lt;it&gt;”/);
      assert.match(html, /name="confirm" value="1"/);
      const done = await editor.postForm(`/desk/media/${used.id}/delete`, { confirm: '1' });
      assert.equal(done.status, 303);
      assert.match(done.headers.get('location') ?? '', new RegExp(`deleted=${used.id}`));
      const others = await contributor.postForm(`/desk/media/${(await makeImage(t.deps)).id}/delete`, {});
      assert.equal(others.status, 403);
      assert.match(await others.text(), /Only editors can delete images that others uploaded/);
    });

    test('a contributor may delete their own upload while nothing uses it, and not once a story does', async () => {
      let uploads = 0;
      const uploadOwn = async () => {
        const res = await contributor.request('/desk/api/media', {
          method: 'POST',
          body: uploadForm(
            await sharp({
              create: {
                width: 300,
                height: 200,
                channels: 3,
                background: { r: ++uploads * 40, g: 1, b: 2 },
              },
            })
              .png()
              .toBuffer(),
            { alt: 'Mine' },
          ),
          headers: { accept: 'application/json', 'x-csrf-token': contributor.csrf },
        });
        assert.equal(res.status, 201);
        return ((await res.json()) as { id: number }).id;
      };
      const own = await uploadOwn();
      const used = await uploadOwn();
      await makeStory(t.deps, { headline: 'Uses the contributor’s photo', heroImageId: used });
      const page = await (await contributor.get('/desk/media')).text();
      assert.match(page, new RegExp(`action="/desk/media/${own}/delete"`), 'their own upload has the button');
      const refused = await del(contributor, used, '?confirm=1');
      assert.equal(refused.status, 403);
      assert.match(((await refused.json()) as { error: { message: string } }).error.message, /in use; only an editor/);
      assert.equal((await del(contributor, own)).status, 200);
      assert.equal((await del(contributor, own)).status, 404);
    });
  });
}
