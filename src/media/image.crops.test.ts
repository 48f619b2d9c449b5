import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { CROP_WIDTH, processImage } from './image.pipeline.js';
import { presentImage } from './image.present.js';
import { directoryMediaStore } from './media.store.js';

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-crops-'));
const store = directoryMediaStore(dir);
after(() => rmSync(dir, { recursive: true, force: true }));

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: width % 255, g: height % 255, b: 90 } } })
    .png()
    .toBuffer();
const sizes = (crops: { ratio: string; width: number; height: number }[]) =>
  Object.fromEntries(crops.map((c) => [c.ratio, `${c.width}x${c.height}`]));

test('every image gets 16:9, 4:3 and 1:1 crops, 1200 px wide where the original allows', async () => {
  assert.equal(CROP_WIDTH, 1200);
  const big = await processImage(store, await png(2400, 1600));
  assert.deepEqual(sizes(big.crops), { '16x9': '1200x675', '4x3': '1200x900', '1x1': '1200x1200' });
  const wide = await processImage(store, await png(1600, 900));
  assert.deepEqual(
    sizes(wide.crops),
    { '16x9': '1200x675', '4x3': '1200x900', '1x1': '900x900' },
    'a square cannot be wider than the height',
  );
  const small = await processImage(store, await png(600, 400));
  assert.deepEqual(sizes(small.crops), { '16x9': '600x338', '4x3': '533x400', '1x1': '400x400' }, 'never enlarged');
  for (const c of big.crops) {
    const file = await store.get(c.key);
    assert.ok(file, c.key);
    assert.equal(file.size, c.bytes);
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream) chunks.push(chunk as Buffer);
    const meta = await sharp(Buffer.concat(chunks)).metadata();
    assert.equal(`${meta.width}x${meta.height}`, `${c.width}x${c.height}`);
    assert.equal(meta.format, 'jpeg');
  }
});

test('images made before crops existed present with no crops instead of failing', async () => {
  const p = await processImage(store, await png(800, 600));
  const row = {
    id: 1,
    storage_key: p.storageKey,
    mime: p.mime,
    width: p.width,
    height: p.height,
    bytes: p.bytes,
    variants: JSON.stringify(p.variants),
    alt: '',
    caption: '',
    credit: '',
    created_at: 0,
  };
  assert.deepEqual(presentImage({ ...row, crops: '[]' }, store).crops, []);
  assert.deepEqual(presentImage({ ...row, crops: '' }, store).crops, []);
  assert.equal(presentImage({ ...row, crops: JSON.stringify(p.crops) }, store).crops.length, 3);
});
