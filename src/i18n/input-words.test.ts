import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { AppError } from '../http/errors.js';
import { parseInput } from '../lib/parse-input.js';
import { SearchParams } from '../search/search.input.js';
import { translator } from './catalogue.js';

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError && err.status === 400, 'a 400');
    return err.message;
  }
  assert.fail('expected a refusal');
};

const Form = z.object({
  email: z.email(),
  name: z.string().max(5),
  tags: z.array(z.string()).min(2).optional(),
  kind: z.enum(['story', 'liveblog']).optional(),
  note: z.string().min(1, 'A note is required.').optional(),
});
const cases: unknown[] = [
  { email: 'x', name: 'abcdefg' },
  { name: 'a', email: 'a@example.org', tags: ['x'], kind: 'poem' },
  { email: 'a@example.org', name: 'a', note: '' },
  {},
  'text',
];

test('parseInput in English: the same words with the English catalogue’s `t` as without a translator', () => {
  const en = translator('en');
  for (const value of cases)
    assert.equal(
      refusal(() => parseInput(Form, value, 'field', en)),
      refusal(() => parseInput(Form, value)),
    );
  assert.equal(
    refusal(() => parseInput(Form, { email: 'x', name: 'abcdefg' })),
    'The "email" field must be an email address. The "name" field may be at most 5 characters.',
  );
});

test('parseInput in Ukrainian: the field’s kind, zod’s checks with Ukrainian plural forms, a schema’s own sentence', () => {
  const uk = translator('uk');
  assert.equal(
    refusal(() => parseInput(Form, { email: 'x', name: 'abcdefg' }, 'field', uk)),
    'Поле «email» має бути адресою електронної пошти. Поле «name» може мати щонайбільше 5 символів.',
  );
  assert.equal(
    refusal(() => parseInput(z.object({ q: z.string().max(2) }), { q: 'abc' }, 'filter', uk)),
    'Фільтр «q» може мати щонайбільше 2 символи.',
  );
  assert.equal(
    refusal(() => parseInput(Form, { name: 'a', email: 'a@example.org', tags: ['x'], kind: 'poem' }, 'field', uk)),
    'Поле «tags» має містити щонайменше 2 елементи. Поле «kind» має бути одним із таких значень: story, liveblog.',
  );
  assert.equal(
    refusal(() => parseInput(Form, {}, 'field', uk)),
    'Поле «email» не може бути порожнім. Поле «name» не може бути порожнім.',
  );
  assert.equal(
    refusal(() => parseInput(Form, 'text', 'field', uk)),
    'Поле має бути об’єктом.',
  );
  // A sentence the schema wrote in English stays as written (the desk's schemas): only keys are translated.
  assert.equal(
    refusal(() => parseInput(Form, { email: 'a@example.org', name: 'a', note: '' }, 'field', uk)),
    'A note is required.',
  );
});

test('the search’s filters answer in the edition’s words: dates and slugs by key, the query’s length by zod', () => {
  const uk = translator('uk');
  assert.equal(
    refusal(() => parseInput(SearchParams, { from: '31.01.2026', section: 'Not a slug' }, 'filter', uk)),
    'Фільтр «section» має бути коротким ідентифікатором латиницею, як-от «world». Фільтр «from» має бути датою у форматі 2026-01-31.',
  );
  assert.equal(
    refusal(() => parseInput(SearchParams, { to: '2026-13-01' }, 'filter', uk)),
    'Фільтр «to» містить дату, якої не буває.',
  );
  assert.equal(
    refusal(() => parseInput(SearchParams, { from: '2026-13-01' }, 'parameter')),
    'The "from" parameter is not a real date.',
  );
  assert.equal(
    refusal(() => parseInput(SearchParams, { section: 'A' }, 'parameter')),
    'The "section" parameter must be a slug such as "world".',
  );
});
