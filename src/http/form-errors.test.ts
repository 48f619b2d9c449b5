import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError, badRequest, conflict, forbidden } from './errors.js';
import { withFormErrors } from './form-errors.js';

describe('withFormErrors: one rule for forms shown again on a refusal', () => {
  const form = (err: AppError) =>
    new Response(`form: ${err.message}`, { status: 200, headers: { 'content-type': 'text/html' } });

  test('what the handler answers goes through untouched', async () => {
    const res = await withFormErrors(
      async () => new Response(null, { status: 303, headers: { location: '/desk' } }),
      form,
    );
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/desk');
  });

  test('any 4xx AppError re-renders the form with its message, under its status', async () => {
    for (const err of [
      badRequest('Enter a name.'),
      forbidden('Only editors can publish.'),
      conflict('Someone saved first.'),
      new AppError(429, 'slow_down', 'Wait a minute.'),
    ]) {
      const res = await withFormErrors(async () => {
        throw err;
      }, form);
      assert.equal(res.status, err.status);
      assert.equal(await res.text(), `form: ${err.message}`);
      assert.equal(res.headers.get('content-type'), 'text/html');
    }
  });

  test('a 5xx AppError or any other error goes on to the one onError', async () => {
    const unavailable = new AppError(503, 'unavailable', 'Down.');
    await assert.rejects(
      withFormErrors(async () => Promise.reject(unavailable), form),
      (e) => e === unavailable,
    );
    const bug = new TypeError('x is undefined');
    await assert.rejects(
      withFormErrors(async () => Promise.reject(bug), form),
      (e) => e === bug,
    );
  });
});
