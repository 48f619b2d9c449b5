import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { captionAndCredit, profileLinks, splitCredit } from './import.fields.js';
import { LocalOffsets, offsetLabel, readSourceTime } from './import.times.js';
import { emptyReport } from './source.model.js';

describe('reading a source time in its own zone', () => {
  test('a time without a zone is read in the offset given (UTC for Ghost), whatever the process zone', () => {
    assert.deepEqual(readSourceTime('2024-03-18 00:00:00'), { ms: Date.UTC(2024, 2, 18), zoneless: true });
    assert.deepEqual(readSourceTime('2024-03-18T06:30:15.250'), {
      ms: Date.UTC(2024, 2, 18, 6, 30, 15, 250),
      zoneless: true,
    });
    assert.deepEqual(readSourceTime('2024-03-18 00:00:00', 2 * 3600_000), {
      ms: Date.UTC(2024, 2, 17, 22),
      zoneless: true,
    });
    assert.deepEqual(readSourceTime('2024-03-18'), { ms: Date.UTC(2024, 2, 18), zoneless: true });
  });

  test('a time with a zone keeps it; epoch numbers are epoch ms; junk is null', () => {
    assert.equal(readSourceTime('2024-03-18T00:00:00.000Z')?.ms, Date.UTC(2024, 2, 18));
    assert.equal(readSourceTime('2024-03-18T02:00:00+02:00')?.ms, Date.UTC(2024, 2, 18));
    assert.equal(readSourceTime('2024-03-17 19:00:00-0500')?.ms, Date.UTC(2024, 2, 18));
    assert.equal(readSourceTime('Mon, 18 Mar 2024 00:00:00 GMT')?.ms, Date.UTC(2024, 2, 18));
    assert.equal(readSourceTime(1710720000000)?.ms, 1710720000000);
    assert.equal(readSourceTime('2024-03-18T00:00:00Z')?.zoneless, false);
    for (const junk of ['', null, undefined, 'yesterday', 'March 18, 2024', '2024-13-01 00:00:00', Number.NaN])
      assert.equal(readSourceTime(junk), null, String(junk));
  });

  test('a local-only time takes the offset of the nearest time given both ways, across a DST change', () => {
    const o = new LocalOffsets();
    assert.equal(o.offsetAt(Date.UTC(2024, 2, 20)), null);
    // Kyiv: UTC+2 until 31 March 2024, UTC+3 after.
    o.add(Date.UTC(2024, 2, 20, 9, 30), Date.UTC(2024, 2, 20, 7, 30));
    o.add(Date.UTC(2024, 3, 10, 11), Date.UTC(2024, 3, 10, 8));
    assert.equal(o.offsetAt(Date.UTC(2024, 2, 22, 10)), 2 * 3600_000);
    assert.equal(o.offsetAt(Date.UTC(2024, 3, 8, 10)), 3 * 3600_000);
    assert.equal(o.offsetAt(Date.UTC(2020, 0, 1)), 2 * 3600_000, 'before every pair: the first');
    assert.equal(o.offsetAt(Date.UTC(2030, 0, 1)), 3 * 3600_000, 'after every pair: the last');
    assert.equal(offsetLabel(3 * 3600_000), 'UTC+03:00');
    assert.equal(offsetLabel(-4.5 * 3600_000), 'UTC−04:30');
  });
});

describe('captions and credits', () => {
  test('a credit at the end of a caption is split off; a caption that only mentions a photo is left whole', () => {
    const cases: [string, string, string][] = [
      ['The pier at first light. Photo: Ivo Brandt', 'The pier at first light.', 'Ivo Brandt'],
      ['Photo by Kai Norden / Unsplash', '', 'Kai Norden / Unsplash'],
      ['A tram in the depot (Photo: City Archive)', 'A tram in the depot', 'City Archive'],
      ['Harbour lights — Credit: Port Authority', 'Harbour lights', 'Port Authority'],
      ['Ринок на набережній. Фото: Марта Коваленко', 'Ринок на набережній.', 'Марта Коваленко'],
      ['The photo by the river shows a boat', 'The photo by the river shows a boat', ''],
      ['Just a caption.', 'Just a caption.', ''],
    ];
    for (const [input, caption, credit] of cases) assert.deepEqual(splitCredit(input), { caption, credit }, input);
  });

  test('markup is reduced to text and both changes are counted; a credit the source gave wins', () => {
    const r = emptyReport('test');
    assert.deepEqual(
      captionAndCredit(
        r,
        'post',
        'feature_image_caption',
        'Dusk on the quay. Photo: <a href="https://x.example">Ivo</a>',
      ),
      { caption: 'Dusk on the quay.', credit: 'Ivo' },
    );
    assert.deepEqual(captionAndCredit(r, 'post', 'caption', 'Dusk. Photo: Ivo', 'Agency'), {
      caption: 'Dusk. Photo: Ivo',
      credit: 'Agency',
    });
    assert.deepEqual(captionAndCredit(r, 'post', 'caption', ''), { caption: '', credit: '' });
    assert.deepEqual(r.adapted.post, {
      'feature_image_caption: markup reduced to text (captions are plain text)': 1,
      'feature_image_caption: the credit at its end moved to the credit field': 1,
    });
  });
});

describe('author profile links', () => {
  test('handles become profile addresses, URLs stay, what makes no address is reported', () => {
    const r = emptyReport('test');
    const links = profileLinks(r, {
      website: 'https://marta.example.org',
      twitter: '@martak',
      facebook: 'marta.k',
      mastodon: '@marta@social.example',
      linkedin: 'https://www.linkedin.com/in/marta',
      bluesky: 'marta.bsky.social',
      threads: 'not a handle!',
    });
    assert.deepEqual(links, [
      { label: 'Website', url: 'https://marta.example.org' },
      { label: 'Facebook', url: 'https://www.facebook.com/marta.k' },
      { label: 'X', url: 'https://x.com/martak' },
      { label: 'Bluesky', url: 'https://bsky.app/profile/marta.bsky.social' },
      { label: 'Mastodon', url: 'https://social.example/@marta' },
      { label: 'LinkedIn', url: 'https://www.linkedin.com/in/marta' },
    ]);
    assert.equal(r.adapted.author?.['twitter handle kept as a profile link'], 1);
    assert.equal(r.adapted.author?.['linkedin handle kept as a profile link'], undefined, 'a URL is kept as it is');
    assert.equal(r.skipped.author?.['threads "not a handle!": not a handle we can link to'], 1);
  });
});
