import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Hono } from 'hono';
import { AppError } from './errors.js';
import { idParam } from './params.js';

describe('idParam: a numeric id from the path, or a 404 that names the thing', () => {
  const app = new Hono();
  app.get('/:what/:id', (c) => c.json({ id: idParam(c, c.req.param('what').replace('-', ' ')) }));
  app.onError((err, c) =>
    err instanceof AppError ? c.json({ status: err.status, message: err.message }) : c.text('bug', 500),
  );

  test('a positive whole number is the id, up to the largest row id', async () => {
    assert.deepEqual(await (await app.request('/story/42')).json(), { id: 42 });
    assert.deepEqual(await (await app.request('/story/2147483647')).json(), { id: 2147483647 });
  });

  test('anything else is "We could not find that <thing>."', async () => {
    for (const [what, id] of [
      ['user', 'abc'],
      ['story', '0'],
      ['image', '1.5'],
      ['webhook', '-3'],
      ['live-blog', '9999999999999'],
      // Past any row id: PostgreSQL would refuse to compare it with an id column (a 500) if it got that far.
      ['story', '2147483648'],
      ['entry', '99999999999'],
      ['author', '12x'],
    ] as [string, string][]) {
      const body = await (await app.request(`/${what}/${id}`)).json();
      assert.deepEqual(
        body,
        { status: 404, message: `We could not find that ${what.replace('-', ' ')}.` },
        `${what}/${id}`,
      );
    }
  });
});
