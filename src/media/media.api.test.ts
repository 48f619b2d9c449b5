import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, deskClient, signedIn } from '../../test/support/desk.js';
import { makeImage } from '../../test/support/factories.js';
import {
  avifFile,
  gifFile,
  hugePng,
  jpegFile,
  pngBomb,
  pngFile,
  svgFile,
  uploadForm,
  webpFile,
} from '../../test/support/upload-files.js';
import { LIBRARY_PAGE_SIZE } from './media.service.js';
import { BAD_CURSOR } from '../lib/cursor.js';

let huge: Promise<Buffer> | null = null;

for (const dialect of DIALECTS) {
  describe(`desk media API (${dialect})`, () => {
    let t: TestApp;
    let desk: DeskClient;
    before(async () => {
      t = await createTestApp(dialect);
      desk = await signedIn(t, 'contributor');
    });
    after(() => t.close());

    const upload = (body: FormData | string, headers: Record<string, string> = {}) =>
      desk.request('/desk/api/media', {
        method: 'POST',
        body,
        headers: { accept: 'application/json', 'x-csrf-token': desk.csrf, ...headers },
      });
    const count = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('images')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('an upload returns the image view with its id, variants, alt text, caption and credit; the files are served', async () => {
      const res = await upload(
        uploadForm(await pngFile(1000, 600), {
          alt: 'A blue field',
          caption: 'The sky, <b>really</b>',
          credit: 'Photo: Desk',
        }),
      );
      assert.equal(res.status, 201);
      const img = (await res.json()) as {
        id: number;
        width: number;
        height: number;
        alt: string;
        caption: string;
        credit: string;
        src: string;
        srcset: { webp: string; jpeg: string };
      };
      assert.ok(img.id > 0);
      assert.deepEqual(
        [img.width, img.height, img.alt, img.caption, img.credit],
        [1000, 600, 'A blue field', 'The sky, <b>really</b>', 'Photo: Desk'],
      );
      assert.match(img.srcset.webp, /\/media\/img\/.+\/400\.webp 400w, .+800\.webp 800w, .+1000\.webp 1000w$/);
      assert.match(img.srcset.jpeg, /400\.jpg 400w/);
      const file = await t.request(img.src);
      assert.equal(new URL(img.src, 'http://x').pathname.startsWith('/media/'), true);
      assert.equal(file.status, 200);
      assert.equal(file.headers.get('content-type'), 'image/jpeg');
      const again = await desk.request(`/desk/api/media/${img.id}`);
      assert.deepEqual(await again.json(), img);
    });

    test('JPEG, WebP and AVIF are accepted, by their content whatever the file is called', async () => {
      for (const [bytes, mime] of [
        [await jpegFile(), 'image/jpeg'],
        [await webpFile(), 'image/webp'],
        [await avifFile(), 'image/avif'],
      ] as const) {
        const res = await upload(uploadForm(bytes, { alt: mime }, 'misnamed.txt', 'text/plain'));
        assert.equal(res.status, 201, mime);
        const { id } = (await res.json()) as { id: number };
        const row = await t.deps.db.selectFrom('images').select('mime').where('id', '=', id).executeTakeFirstOrThrow();
        assert.equal(row.mime, mime);
      }
    });

    test('refused files get a clear 4xx and nothing is stored', async () => {
      const before = await count();
      huge ??= hugePng();
      const cases: [string, Promise<Response>, number, RegExp][] = [
        [
          'text named .png',
          upload(uploadForm(Buffer.from('just some text, not a picture'), {}, 'photo.png', 'image/png')),
          415,
          /not an image/,
        ],
        ['GIF', upload(uploadForm(await gifFile(), {}, 'a.gif', 'image/gif')), 415, /Only JPEG, PNG, WebP and AVIF/],
        [
          'SVG with script',
          upload(uploadForm(svgFile(), {}, 'a.svg', 'image/svg+xml')),
          415,
          /Only JPEG, PNG, WebP and AVIF|not an image/,
        ],
        [
          'decompression bomb',
          upload(uploadForm(pngBomb(), {}, 'bomb.png')),
          422,
          /8000×8000 pixels \(64 megapixels\); at most 40 megapixels/,
        ],
        ['too big', upload(uploadForm(await huge, {}, 'huge.png')), 413, /at most 20 MB/],
        ['empty file', upload(uploadForm(Buffer.alloc(0))), 422, /empty/],
        [
          'no file field',
          upload(
            (() => {
              const f = new FormData();
              f.append('alt', 'x');
              return f;
            })(),
          ),
          400,
          /Choose an image file/,
        ],
        [
          'JSON instead of a form',
          upload('{"file":"x"}', { 'content-type': 'application/json' }),
          415,
          /multipart\/form-data/,
        ],
        [
          'alt text too long',
          upload(uploadForm(await pngFile(), { alt: 'a'.repeat(1001) })),
          400,
          /Alt text may be at most/,
        ],
      ];
      for (const [name, pending, status, message] of cases) {
        const res = await pending;
        assert.equal(res.status, status, name);
        const body = (await res.json()) as { error: { message: string } };
        assert.match(body.error.message, message, name);
      }
      assert.equal(await count(), before);
    });

    test('the library lists uploads newest first, keyset-paged, each exactly once', async () => {
      for (let i = 0; i < LIBRARY_PAGE_SIZE + 3; i++)
        await makeImage(t.deps, { alt: `Library ${i}` }, { width: 300, height: 200 });
      const all = (await t.deps.db.selectFrom('images').select('id').orderBy('id', 'desc').execute()).map((r) => r.id);
      const seen: number[] = [];
      let url: string | null = '/desk/api/media';
      while (url) {
        const res = await desk.request(url);
        assert.equal(res.status, 200);
        const page = (await res.json()) as { images: { id: number }[]; next: string | null };
        assert.ok(page.images.length <= LIBRARY_PAGE_SIZE);
        seen.push(...page.images.map((i) => i.id));
        url = page.next ? `/desk/api/media?before=${page.next}` : null;
      }
      assert.deepEqual(seen, all);
      const bad = await desk.request('/desk/api/media?before=1%20OR%201=1', {
        headers: { accept: 'application/json' },
      });
      assert.equal(bad.status, 400);
      assert.equal(
        ((await bad.json()) as { error: { message: string } }).error.message,
        BAD_CURSOR,
        'the one message of every list',
      );
      assert.equal(
        (await desk.request('/desk/api/media/999999', { headers: { accept: 'application/json' } })).status,
        404,
      );
      assert.equal(
        (await desk.request('/desk/api/media/abc', { headers: { accept: 'application/json' } })).status,
        404,
      );
    });

    test('signed-out requests and uploads without the CSRF token are refused, and nothing is stored', async () => {
      const before = await count();
      const anon = deskClient(t);
      // Without a session there is no CSRF token to send: refused before the upload is looked at.
      const res = await anon.request('/desk/api/media', {
        method: 'POST',
        body: uploadForm(await pngFile()),
        headers: { accept: 'application/json' },
      });
      assert.equal(res.status, 403);
      const anonWithToken = await anon.request('/desk/api/media', {
        method: 'POST',
        body: uploadForm(await pngFile()),
        headers: { accept: 'application/json', 'x-csrf-token': await anon.refreshCsrf() },
      });
      assert.equal(anonWithToken.status, 401);
      assert.match(((await anonWithToken.json()) as { error: { message: string } }).error.message, /sign in/);
      assert.equal((await anon.request('/desk/api/media', { headers: { accept: 'application/json' } })).status, 401);
      const page = await anon.request('/desk/media');
      assert.equal(page.status, 303);
      assert.match(page.headers.get('location') ?? '', /^\/desk\/login\?next=/);
      const noToken = await desk.request('/desk/api/media', {
        method: 'POST',
        body: uploadForm(await pngFile()),
        headers: { accept: 'application/json' },
      });
      assert.equal(noToken.status, 403);
      const wrong = await upload(uploadForm(await pngFile()), { 'x-csrf-token': 'not-the-token' });
      assert.equal(wrong.status, 403);
      assert.equal(await count(), before);
    });

    test('the library page lists uploads with their ids; its plain form uploads, and shows a refusal with its reason', async () => {
      const form = uploadForm(await pngFile(500, 300), {
        alt: 'Plain form <upload>',
        caption: 'Via the page',
        _csrf: desk.csrf,
      });
      const res = await desk.request('/desk/media', { method: 'POST', body: form });
      assert.equal(res.status, 303);
      const id = Number(/uploaded=(\d+)/.exec(res.headers.get('location') ?? '')?.[1]);
      assert.ok(id > 0);
      const html = await (await desk.request(`/desk/media?uploaded=${id}`)).text();
      assert.match(html, /<h1>Media library<\/h1>/);
      assert.match(html, new RegExp(`Image ${id} is at the top`));
      assert.match(html, new RegExp(`<tr data-image-id="${id}">`));
      assert.match(html, /Plain form &lt;upload&gt;/);
      assert.ok(!html.includes('<upload>'));
      const bad = await desk.request('/desk/media', {
        method: 'POST',
        body: uploadForm(Buffer.from('%PDF-1.4 not an image'), { _csrf: desk.csrf }, 'x.jpg', 'image/jpeg'),
      });
      assert.equal(bad.status, 415);
      assert.match(await bad.text(), /Not uploaded: That file is not an image we can read/);
    });
  });
}
