import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { makeStory } from '../../test/support/factories.js';

/** The images an ICO file holds, read by its own header: size claimed, and the PNG bytes. */
function readIco(bytes: Buffer) {
  assert.equal(bytes.readUInt16LE(0), 0, 'reserved');
  assert.equal(bytes.readUInt16LE(2), 1, 'an icon');
  return Array.from({ length: bytes.readUInt16LE(4) }, (_, i) => {
    const at = 6 + 16 * i;
    const length = bytes.readUInt32LE(at + 8);
    const offset = bytes.readUInt32LE(at + 12);
    return { size: bytes.readUInt8(at) || 256, png: bytes.subarray(offset, offset + length) };
  });
}

for (const dialect of DIALECTS) {
  describe(`favicon, touch icon and web manifest (${dialect})`, () => {
    let t: TestApp;
    let storySlug: string;
    before(async () => {
      t = await createTestApp(dialect);
      storySlug = (await makeStory(t.deps, { headline: 'Icons everywhere' })).slug;
    });
    after(() => t?.close());

    const get = async (path: string, init?: RequestInit) => {
      const res = await t.request(path, init);
      return { res, bytes: Buffer.from(await res.arrayBuffer()) };
    };

    test('every reader page links the icon, the touch icon and the manifest', async () => {
      for (const page of ['/', `/stories/${storySlug}`]) {
        const html = await (await t.request(page)).text();
        assert.match(html, /<link rel="icon" href="\/favicon.ico" sizes="any"\/>/, page);
        assert.match(html, /<link rel="apple-touch-icon" href="\/apple-touch-icon.png"\/>/, page);
        assert.match(html, /<link rel="manifest" href="\/site.webmanifest"\/>/, page);
      }
    });

    test('/favicon.ico is an ICO of 16, 32 and 48 px PNGs', async () => {
      const { res, bytes } = await get('/favicon.ico');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'image/x-icon');
      const images = readIco(bytes);
      assert.deepEqual(
        images.map((i) => i.size),
        [16, 32, 48],
      );
      for (const { size, png } of images) {
        const meta = await sharp(png).metadata();
        assert.deepEqual([meta.format, meta.width, meta.height], ['png', size, size]);
      }
    });

    test('the touch icon is 180×180 and opaque; the manifest names the newsroom and icons that exist', async () => {
      const touch = await get('/apple-touch-icon.png');
      assert.equal(touch.res.headers.get('content-type'), 'image/png');
      const meta = await sharp(touch.bytes).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['png', 180, 180]);
      // iOS paints transparent corners black: the corner pixel is the brand colour, fully opaque.
      const corner = await sharp(touch.bytes)
        .ensureAlpha()
        .extract({ left: 0, top: 0, width: 1, height: 1 })
        .raw()
        .toBuffer();
      assert.equal(corner[3], 255);

      const { res, bytes } = await get('/site.webmanifest');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/manifest\+json/);
      const manifest = JSON.parse(bytes.toString('utf8'));
      assert.equal(manifest.name, 'Broadsheet');
      assert.equal(manifest.short_name, 'Broadsheet');
      assert.equal(manifest.start_url, '/');
      assert.equal(manifest.display, 'standalone');
      assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/);
      assert.equal(manifest.icons.length, 2);
      for (const icon of manifest.icons) {
        const { res: iconRes, bytes: png } = await get(icon.src);
        assert.equal(iconRes.status, 200, icon.src);
        assert.equal(iconRes.headers.get('content-type'), icon.type);
        const m = await sharp(png).metadata();
        assert.equal(`${m.width}x${m.height}`, icon.sizes, icon.src);
      }
    });

    test('each answers 304 to a client whose copy is current', async () => {
      for (const path of [
        '/favicon.ico',
        '/apple-touch-icon.png',
        '/icon-192.png',
        '/brand/logo.png',
        '/site.webmanifest',
      ]) {
        const first = await t.request(path);
        const etag = first.headers.get('etag');
        assert.ok(etag, path);
        assert.match(first.headers.get('cache-control') ?? '', /public, max-age=\d+/);
        const again = await t.request(path, { headers: { 'if-none-match': etag } });
        assert.equal(again.status, 304, path);
      }
    });
  });
}
