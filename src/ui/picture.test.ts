import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImageView } from '../media/image.present.js';
import { Picture, srcsetFor } from './picture.js';

const set = (fmt: string) => [400, 800, 1200, 1600].map((w) => `/media/img/ab/cd/${w}.${fmt} ${w}w`).join(', ');
const image: ImageView = {
  id: 1,
  width: 1600,
  height: 900,
  alt: 'A',
  caption: '',
  credit: '',
  src: '/media/img/ab/cd/800.jpg',
  srcset: { webp: set('webp'), jpeg: set('jpg') },
  original: '/media/img/ab/cd/original.png',
  crops: [],
};

test('a small slot keeps only the candidates up to the first one wide enough for a 3× screen', () => {
  assert.equal(srcsetFor(image, 72).jpeg, '/media/img/ab/cd/400.jpg 400w', '72 px × 3 = 216: the 400w file is enough');
  assert.equal(srcsetFor(image, 233).webp, '/media/img/ab/cd/400.webp 400w, /media/img/ab/cd/800.webp 800w');
  assert.equal(srcsetFor(image, 500).jpeg, set('jpg'), 'a slot wider than the widest file keeps every candidate');
  assert.equal(srcsetFor(image), image.srcset, 'no slot width: the full set');
  assert.equal(srcsetFor(image, 233), srcsetFor(image, 233), 'worked out once');
});

test('Picture leaves the unused candidates out of the markup, and keeps them for full-width images', () => {
  const thumb = String(Picture({ image, alt: '', sizes: '200px', largest: 200 }));
  assert.match(thumb, /800\.webp 800w"/);
  assert.doesNotMatch(thumb, /1200w|1600w/);
  const hero = String(Picture({ image, alt: 'A', sizes: '100vw', eager: true }));
  assert.match(hero, /1600\.webp 1600w/);
  assert.match(hero, /1600\.jpg 1600w/);
});
