import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { AppError } from '../http/errors.js';
import { parseInput } from './parse-input.js';

const refused = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError, 'an AppError');
    return err;
  }
  assert.fail('expected a refusal');
};

describe('parseInput: one readable 400 for every schema', () => {
  const Schema = z.object({
    headline: z.string().trim().min(1, 'A headline is required.').max(10),
    section: z
      .string()
      .regex(/^[a-z]+$/, 'must be a slug such as "world"')
      .optional(),
    limit: z.coerce.number().int().max(100).default(20),
    tags: z.array(z.string()).min(1).optional(),
    kind: z.enum(['story', 'liveblog']).optional(),
  });

  test('typed values (defaults applied, text trimmed) when the input is good', () => {
    assert.deepEqual(parseInput(Schema, { headline: '  Hi ', limit: '5' }), { headline: 'Hi', limit: 5 });
    assert.deepEqual(parseInput(Schema, { headline: 'Hi' }), { headline: 'Hi', limit: 20 });
  });

  test('a zod failure is a 400 bad_request; a sentence stands, a fragment is prefixed with the field name', () => {
    const err = refused(() => parseInput(Schema, { headline: '', section: 'Not A Slug' }));
    assert.equal(err.status, 400);
    assert.equal(err.code, 'bad_request');
    assert.equal(err.message, 'A headline is required. The "section" field must be a slug such as "world".');
  });

  test("zod's own checks read as words, named by field, with the face's noun", () => {
    assert.equal(
      refused(() => parseInput(Schema, { headline: 'x'.repeat(11) })).message,
      'The "headline" field may be at most 10 characters.',
    );
    assert.equal(
      refused(() => parseInput(Schema, { headline: 'x', limit: '101' }, 'parameter')).message,
      'The "limit" parameter must be at most 100.',
    );
    assert.equal(
      refused(() => parseInput(Schema, { headline: 'x', limit: '1.5' }, 'parameter')).message,
      'The "limit" parameter must be a whole number.',
    );
    assert.equal(
      refused(() => parseInput(Schema, { headline: 'x', tags: [] })).message,
      'The "tags" field needs at least one item.',
    );
    assert.equal(
      refused(() => parseInput(Schema, { headline: 'x', kind: 'poem' })).message,
      'The "kind" field must be one of: story, liveblog.',
    );
    assert.equal(refused(() => parseInput(Schema, {})).message, 'The "headline" field is required.');
    assert.equal(refused(() => parseInput(Schema, 'text')).message, 'The field must be an object.');
  });

  test('the same sentence from several fields is said once', () => {
    const Same = z.object({
      a: z.string().max(1, 'Those filters are not valid.'),
      b: z.string().max(1, 'Those filters are not valid.'),
    });
    assert.equal(refused(() => parseInput(Same, { a: 'xx', b: 'yy' })).message, 'Those filters are not valid.');
  });
});
