import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { uploadForm } from '../../test/support/upload-files.js';
import { waitFor } from '../../test/support/wait.js';
import type { MediaStore } from './media.store.js';

/** A solid colour compresses to almost nothing: a few hundred KB that would decode to `w×h` pixels. */
const solidPng = (width: number, height: number, r = 10) =>
  sharp({ create: { width, height, channels: 3, background: { r, g: 200, b: 30 } } })
    .png({ compressionLevel: 9 })
    .toBuffer();

/** Every file under a directory, recursively (what an upload left in the media store). */
const filesUnder = (dir: string): string[] => {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => d.name);
  } catch {
    return [];
  }
};

for (const dialect of DIALECTS) {
  describe(`image work is bounded (${dialect})`, () => {
    let t: TestApp;
    let desk: DeskClient;
    before(async () => {
      // One image job at a time, two more may wait: what a 2-core machine gets by default, with a short queue.
      t = await createTestApp(dialect, { env: { IMAGE_CONCURRENCY: '1', IMAGE_QUEUE: '2' } });
      desk = await signedIn(t, 'contributor');
    });
    after(() => t.close());

    const upload = (bytes: Buffer) =>
      desk.request('/desk/api/media', {
        method: 'POST',
        body: uploadForm(bytes, { alt: 'x' }),
        headers: { accept: 'application/json', 'x-csrf-token': desk.csrf },
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

    test('a 49-megapixel PNG of a few hundred KB is refused with the limit and its size, and nothing is stored', async () => {
      const png = await solidPng(7000, 7000);
      assert.ok(png.length < 1024 * 1024, `small on the wire: ${png.length} bytes`);
      const before = await count();
      const res = await upload(png);
      assert.equal(res.status, 422);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(error.code, 'image_too_many_pixels');
      assert.equal(error.message, 'The image is 7000×7000 pixels (49 megapixels); at most 40 megapixels are accepted.');
      assert.equal(await count(), before);
      assert.deepEqual(filesUnder(t.config.mediaDir), [], 'no file written');
      assert.equal(t.deps.imageGate.stats().peak, 0, 'refused before any image work');
    });

    test('the pixel limit is configurable (IMAGE_MAX_MEGAPIXELS), and the desk says what it is', async () => {
      const small = await createTestApp(dialect, { env: { IMAGE_MAX_MEGAPIXELS: '0.5' } });
      try {
        const client = await signedIn(small, 'contributor');
        const res = await client.request('/desk/api/media', {
          method: 'POST',
          body: uploadForm(await solidPng(1000, 600), { alt: 'x' }),
          headers: { accept: 'application/json', 'x-csrf-token': client.csrf },
        });
        assert.equal(res.status, 422);
        assert.match(
          ((await res.json()) as { error: { message: string } }).error.message,
          /1000×600 pixels \(0\.6 megapixels\); at most 0\.5 megapixels/,
        );
        assert.match(await (await client.get('/desk/media')).text(), /up to 20 MB and\s*0\.5 megapixels/);
      } finally {
        await small.close();
      }
    });

    test('simultaneous uploads never process more than IMAGE_CONCURRENCY images at once', async () => {
      // Record which image each stored file belongs to, in order. Jobs that overlapped interleave their files.
      const real = t.deps.media;
      const order: string[] = [];
      const spy: MediaStore = {
        ...real,
        put: (key, bytes) => {
          order.push(key.slice(0, key.lastIndexOf('/')));
          return real.put(key, bytes);
        },
      };
      t.deps.media = spy;
      try {
        // N + k at once (1 + 2): one runs, two wait their turn in the queue of two.
        const files = await Promise.all([1, 2, 3].map((i) => solidPng(900, 500, i * 40)));
        const results = await Promise.all(files.map(upload));
        assert.deepEqual(
          results.map((r) => r.status),
          [201, 201, 201],
        );
        const runs = order.filter((base, i) => i === 0 || order[i - 1] !== base);
        assert.equal(new Set(runs).size, 3);
        assert.deepEqual(runs, [...new Set(runs)], `each image's files are written in one run: ${runs.join(' ')}`);
        assert.equal(t.deps.imageGate.stats().peak, 1);
      } finally {
        t.deps.media = real;
      }
    });

    test('when the queue is full, an upload is refused at once with 503 and Retry-After; queued ones finish', async () => {
      // Occupy the one slot, as a long upload would.
      let release = () => {};
      const busy = t.deps.imageGate.run(() => new Promise<void>((r) => (release = r)));
      const before = await count();
      const pending = [1, 2, 3, 4, 5].map(async (i) => upload(await solidPng(300, 200, i * 40 + 3)));
      const refused: Response[] = [];
      for (const p of pending) void p.then((r) => r.status === 503 && refused.push(r));
      await waitFor(() => refused.length === 3 && t.deps.imageGate.stats().waiting === 2, {
        message: 'two uploads queued and three refused',
      });
      for (const r of refused) {
        assert.equal(r.headers.get('retry-after'), '5');
        const { error } = (await r.json()) as { error: { code: string; message: string } };
        assert.equal(error.code, 'images_busy');
        assert.match(error.message, /Other images are being processed right now\. Try again in 5 seconds\./);
      }
      assert.equal(t.deps.imageGate.stats().running, 1);
      release();
      await busy;
      const statuses = (await Promise.all(pending)).map((r) => r.status).sort();
      assert.deepEqual(statuses, [201, 201, 503, 503, 503]);
      assert.equal(await count(), before + 2);
      assert.equal(t.deps.imageGate.stats().peak, 1);
    });
  });
}
