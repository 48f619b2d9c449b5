import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type TestApp, createTestApp, getSettled } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import type { DomainEvent } from '../events/events.js';
import { getSettings } from './settings.repo.js';
import { updateSettings } from './settings.service.js';

const GB = { code: 'en-GB', locale: 'en-GB', name: 'English', prefix: '' };
const UK = { code: 'uk', locale: 'uk-UA', name: 'Українська', prefix: 'uk' };

for (const dialect of DIALECTS) {
  describe(`settings service (${dialect})`, () => {
    let t: TestApp;
    const events: DomainEvent[] = [];

    before(async () => {
      t = await createTestApp(dialect);
      t.deps.events.subscribe((e) => void events.push(e));
    });
    after(() => t.close());

    const get = (path: string) => getSettled(t, path);

    test('a save writes the changed settings, emits settings.updated and purges the cached pages', async () => {
      await get('/');
      assert.equal((await get('/')).cache, 'HIT', 'the home page is cached before the save');
      events.length = 0;
      const before = await getSettings(t.deps.db);
      const changed = await updateSettings(
        t.deps,
        { ...before, name: 'The Harbour Post', editions: [{ ...GB, prefix: '' }, UK] },
        'user:1',
      );
      assert.deepEqual(changed, ['name', 'language', 'editions']);
      assert.deepEqual(await getSettings(t.deps.db), {
        ...before,
        name: 'The Harbour Post',
        language: 'en-GB',
        editions: [GB, UK],
      });
      assert.deepEqual(
        events.map((e) => [e.type, 'actor' in e ? e.actor : null]),
        [['settings.updated', 'user:1']],
      );
      const page = await get('/');
      assert.notEqual(page.cache, 'HIT', 'the cached home page was purged');
      assert.match(page.body, /The Harbour Post/);
      assert.match(page.body, /<html lang="en-GB"/);
    });

    test('a save that changes nothing writes nothing and emits nothing', async () => {
      events.length = 0;
      assert.deepEqual(await updateSettings(t.deps, await getSettings(t.deps.db), 'user:1'), []);
      assert.deepEqual(events, []);
    });

    test('a failed write changes no setting and emits nothing', async () => {
      // The database refuses one value; the name and description, written before the language, must roll back with it.
      if (dialect === 'sqlite') {
        for (const op of ['insert', 'update'])
          await sql
            .raw(
              `create trigger refuse_${op} before ${op} on settings when new.key = 'site.language' and new.value = ` +
                `'xx' begin select raise(abort, 'refused'); end`,
            )
            .execute(t.deps.db);
      } else
        await sql`alter table settings add constraint refuse_language check (not (key = 'site.language' and value = 'xx'))`.execute(
          t.deps.db,
        );
      const before = await getSettings(t.deps.db);
      events.length = 0;
      await assert.rejects(
        updateSettings(
          t.deps,
          {
            name: 'Another Name',
            description: 'Another description',
            editions: [{ code: 'xx', locale: 'xx', name: 'X', prefix: '' }],
          },
          'user:1',
        ),
      );
      assert.deepEqual(await getSettings(t.deps.db), before);
      assert.deepEqual(events, []);
      assert.match((await get('/')).body, new RegExp(before.name));
    });
  });
}
