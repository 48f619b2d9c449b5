import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../http/errors.js';
import { parseWhen, toLocalInput } from './desk.http.js';

const utc = (iso: string) => Date.parse(`${iso}Z`);
const MIN = 60_000;

// Each zone's two changes in 2026, with the local times around them and the instants they must read as.
// Kyiv: EET (+2) / EEST (+3), changing at 03:00 and 04:00 local (01:00 UTC) on the last Sundays of March and October.
// New York: EST (−5) / EDT (−4), changing at 02:00 local on the second Sunday of March and the first of November.
const zones = [
  {
    zone: 'Europe/Kyiv',
    // 29 March: 03:00 → 04:00, so 03:00–03:59 does not exist.
    spring: {
      before: ['2026-03-29T02:59', '2026-03-29T00:59'],
      missing: ['2026-03-29T03:30', '2026-03-29T01:30'],
      shown: '2026-03-29T04:30',
      after: ['2026-03-29T04:00', '2026-03-29T01:00'],
    },
    // 25 October: 04:00 → 03:00, so 03:00–03:59 happens twice (00:00–00:59 UTC, then 01:00–01:59 UTC).
    autumn: {
      repeated: ['2026-10-25T03:30', '2026-10-25T00:30'],
      second: '2026-10-25T01:30',
      after: ['2026-10-25T04:00', '2026-10-25T02:00'],
    },
  },
  {
    zone: 'America/New_York',
    // 8 March: 02:00 → 03:00.
    spring: {
      before: ['2026-03-08T01:59', '2026-03-08T06:59'],
      missing: ['2026-03-08T02:30', '2026-03-08T07:30'],
      shown: '2026-03-08T03:30',
      after: ['2026-03-08T03:00', '2026-03-08T07:00'],
    },
    // 1 November: 02:00 → 01:00, so 01:00–01:59 happens twice (05:00–05:59 UTC, then 06:00–06:59 UTC).
    autumn: {
      repeated: ['2026-11-01T01:30', '2026-11-01T05:30'],
      second: '2026-11-01T06:30',
      after: ['2026-11-01T02:00', '2026-11-01T07:00'],
    },
  },
] as const;

for (const { zone, spring, autumn } of zones) {
  describe(`the desk's date fields in ${zone}`, () => {
    test('clocks going forward: the times either side read exactly; a time in the skipped hour moves forward by the gap', () => {
      assert.equal(parseWhen(spring.before[0], zone), utc(spring.before[1]));
      assert.equal(parseWhen(spring.after[0], zone), utc(spring.after[1]));
      assert.equal(
        parseWhen(spring.missing[0], zone),
        utc(spring.missing[1]),
        `${spring.missing[0]} does not exist; it reads as an hour later`,
      );
      // The minute before the change and the first after it are one minute apart.
      assert.equal(parseWhen(spring.after[0], zone) - parseWhen(spring.before[0], zone), MIN);
    });

    test('clocks going back: a repeated time is its first occurrence, and the hour after reads exactly', () => {
      assert.equal(parseWhen(autumn.repeated[0], zone), utc(autumn.repeated[1]));
      assert.equal(parseWhen(autumn.after[0], zone), utc(autumn.after[1]));
    });

    test('the field shows each instant as the clock on the wall did, and reads it back to the same instant', () => {
      for (const [local, instant] of [spring.before, spring.after, autumn.repeated, autumn.after]) {
        assert.equal(toLocalInput(utc(instant), zone), local);
        assert.equal(parseWhen(toLocalInput(utc(instant), zone), zone), utc(instant));
      }
      // The second pass through the repeated hour shows the same wall time (a datetime-local field has no offset).
      assert.equal(toLocalInput(utc(autumn.second), zone), autumn.repeated[0]);
      // A time in the skipped hour is saved as the hour after, and shown so.
      assert.equal(toLocalInput(utc(spring.missing[1]), zone), spring.shown);
    });

    test('a summer and a winter time a few months apart each use their own offset', () => {
      const summer = zone === 'Europe/Kyiv' ? 3 : -4;
      const winter = zone === 'Europe/Kyiv' ? 2 : -5;
      assert.equal(parseWhen('2026-07-15T12:00', zone), utc('2026-07-15T12:00') - summer * 3600_000);
      assert.equal(parseWhen('2026-01-15T12:00', zone), utc('2026-01-15T12:00') - winter * 3600_000);
      assert.equal(toLocalInput(utc('2026-07-15T12:00') - summer * 3600_000, zone), '2026-07-15T12:00');
      assert.equal(toLocalInput(utc('2026-01-15T12:00') - winter * 3600_000, zone), '2026-01-15T12:00');
    });
  });
}

describe('parseWhen beyond local times', () => {
  test('epoch milliseconds and ISO text with an offset are taken as they are', () => {
    assert.equal(parseWhen(1_780_000_000_000, 'Europe/Kyiv'), 1_780_000_000_000);
    assert.equal(parseWhen('2026-03-29T03:30:00+03:00', 'America/New_York'), utc('2026-03-29T00:30'));
  });

  test('empty, impossible and unreadable values are a 400, never a date rolled over into the next month', () => {
    for (const bad of [
      '',
      '   ',
      null,
      12.5,
      '2026-02-30T10:00',
      '2026-13-01T10:00',
      '2026-03-29T24:00',
      '2026-03-29T10:60',
      'next Tuesday',
    ]) {
      assert.throws(
        () => parseWhen(bad, 'Europe/Kyiv'),
        (e: unknown) => e instanceof AppError && e.status === 400,
        JSON.stringify(bad),
      );
    }
  });
});
