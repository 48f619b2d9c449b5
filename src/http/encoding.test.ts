import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseEncoding, parseAcceptEncoding } from './encoding.js';

test('a browser header picks brotli; without a header the bytes go as they are', () => {
  assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(chooseEncoding('gzip'), 'gzip');
  assert.equal(chooseEncoding(undefined), null);
  assert.equal(chooseEncoding(''), null);
  assert.equal(chooseEncoding('identity'), null);
  assert.equal(chooseEncoding('deflate, zstd'), null);
});

test('q=0 refuses a coding, in any spelling of zero', () => {
  assert.equal(chooseEncoding('gzip;q=1.0, br;q=0'), 'gzip');
  assert.equal(chooseEncoding('br;q=0.000, gzip'), 'gzip');
  assert.equal(chooseEncoding('gzip;q=0, br;q=0'), null);
  assert.equal(chooseEncoding('gzip; q=0'), null, 'whitespace around the parameter');
  assert.equal(chooseEncoding('gzip;q=0.'), null);
});

test('`*` stands for the codings the header does not name, and `*;q=0` refuses them', () => {
  assert.equal(chooseEncoding('*'), 'br');
  assert.equal(chooseEncoding('*;q=0'), null);
  assert.equal(chooseEncoding('gzip, *;q=0'), 'gzip');
  assert.equal(chooseEncoding('br;q=0, *'), 'gzip');
  assert.equal(chooseEncoding('*;q=0.5, gzip;q=0.8'), 'gzip', 'a named coding outranks the wildcard');
});

test('the higher q wins whatever the order; equal weights go to the server’s preference', () => {
  assert.equal(chooseEncoding('br;q=0.5, gzip;q=0.9'), 'gzip');
  assert.equal(chooseEncoding('gzip;q=0.9, br;q=0.5'), 'gzip');
  assert.equal(chooseEncoding('gzip, br'), 'br');
  assert.equal(chooseEncoding('br;q=0.4, gzip;q=0.4'), 'br');
  assert.equal(chooseEncoding('gzip, br', ['gzip']), 'gzip', 'only what is offered');
});

test('identity wins only when the client ranks it above every coding offered', () => {
  assert.equal(chooseEncoding('gzip;q=0.2, identity'), null);
  assert.equal(chooseEncoding('gzip, identity;q=0.5'), 'gzip');
  assert.equal(chooseEncoding('gzip;q=0.5'), 'gzip', 'identity unnamed is only the fallback');
});

test('names and parameters are case-insensitive; x-gzip is gzip; a malformed q refuses', () => {
  assert.equal(chooseEncoding('GZIP'), 'gzip');
  assert.equal(chooseEncoding('Br;Q=0, GZip'), 'gzip');
  assert.equal(chooseEncoding('x-gzip'), 'gzip');
  assert.equal(chooseEncoding('br;q=high, gzip'), 'gzip');
  assert.equal(chooseEncoding('br;q=1.5, gzip;q=0.1'), 'gzip');
  assert.deepEqual(
    [...parseAcceptEncoding(' gzip ;q=0.8 , br , *;q=0 ')],
    [
      ['gzip', 0.8],
      ['br', 1],
      ['*', 0],
    ],
  );
});
