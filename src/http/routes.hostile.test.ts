import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { DIALECTS } from '../../test/support/db.js';
import { type DeskClient, signedIn } from '../../test/support/desk.js';
import { makeSection, makeStory } from '../../test/support/factories.js';
import { signedInReader } from '../../test/support/reader.js';

/** A route of the app as Hono lists it (middleware, `ALL`, and the catch-all page left out). */
interface Route {
  method: string;
  path: string;
}

/** Every route the app answers, from `app.routes`: the list the malformed-input and CSRF cases walk. */
function routesOf(t: TestApp): Route[] {
  const seen = new Map<string, Route>();
  for (const r of t.app.routes)
    if (r.method !== 'ALL' && r.path !== '/*') seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  return [...seen.values()];
}

/** Fills a route's parameters: with ids that exist where there are some, or with a hostile value. */
const fill = (path: string, ids: Record<string, string>, value?: string) =>
  path.replace(/:([A-Za-z]+)/g, (_, name: string) => value ?? ids[name] ?? '1');

const NUL_AND_CONTROLS = 'a\u0000b\u0001\u0007\u001b[31m\u007f\u0085\u2028\ud800z';
const OVERLONG = 'x'.repeat(100_000);
/** A cursor token as the codecs write it (base64url of the keys' text). */
const b64 = (text: string) => Buffer.from(text).toString('base64url');
/** Form fields most forms read, each sent with control characters or overlong. */
const FORM_FIELDS = [
  'headline',
  'dek',
  'slug',
  'excerpt',
  'body',
  'body_markdown',
  'section_id',
  'tag_ids',
  'new_tags',
  'author_ids',
  'guest_author',
  'hero_image_id',
  'base_revision',
  'intent',
  'email',
  'password',
  'name',
  'role',
  'next',
  'url',
  'events',
  'label',
  'storyId',
  'description',
  'language',
  'comment',
  'note',
  'at',
  'revision',
  'alt',
  'caption',
];

/** A well-formed id no row can have (above PostgreSQL's integer), and the fields and parameters that carry ids. */
const PAST_ANY_ID = 9_999_999_999;
const ID_FIELDS = [
  'section_id',
  'tag_ids',
  'author_ids',
  'translator_ids',
  'hero_image_id',
  'og_image_id',
  'twitter_image_id',
  'avatar_image_id',
  'avatar',
  'base_revision',
  'revision',
  'storyId',
  'story_id',
  'sectionId',
  'newsletterId',
  'newsletter',
  'newsletter_ids',
  'section',
  'author',
  'tag',
  'from',
  'to',
  'saved',
  'blog',
  'story',
  'reader',
  'comment',
  'parent',
  'parent_id',
  'image',
  'delivery',
];

type Bad = { name: string; init: () => RequestInit; query?: string };
const withBody = (type: string, body: BodyInit | null): RequestInit => ({
  body,
  headers: { 'content-type': type, accept: type.includes('json') ? 'application/json' : 'text/html' },
});

/** The malformed and oversized inputs sent to every route that takes a body. */
const BAD_BODIES: Bad[] = [
  { name: 'bad JSON', init: () => withBody('application/json', '{"story": {"headline": "x", ') },
  { name: 'JSON of the wrong shape', init: () => withBody('application/json', '[1, "two", null, {"story": 3}]') },
  { name: 'JSON null', init: () => withBody('application/json', 'null') },
  {
    name: 'JSON with wrong types',
    init: () =>
      withBody(
        'application/json',
        JSON.stringify({
          story: { headline: 7, body: 'x', sectionId: 'one', tagIds: {}, publishedAt: 9007199254740991 },
          baseRevision: -1,
          name: [],
          links: 'x',
          label: { a: 1 },
          storyId: 1e308,
        }),
      ),
  },
  {
    name: 'JSON with NUL and control characters',
    init: () =>
      withBody(
        'application/json',
        JSON.stringify({
          story: { headline: NUL_AND_CONTROLS, slug: NUL_AND_CONTROLS, body: { version: 1, blocks: [] }, sectionId: 1 },
          ...Object.fromEntries(FORM_FIELDS.map((f) => [f, NUL_AND_CONTROLS])),
        }),
      ),
  },
  { name: 'deeply nested JSON', init: () => withBody('application/json', `${'['.repeat(5000)}${']'.repeat(5000)}`) },
  {
    name: 'oversized JSON (2 MB)',
    init: () => withBody('application/json', JSON.stringify({ story: { headline: OVERLONG.repeat(20) } })),
  },
  { name: 'multipart without a boundary', init: () => withBody('multipart/form-data', 'garbage') },
  {
    name: 'multipart with a bad body',
    init: () => withBody('multipart/form-data; boundary=XyZ', '--XyZ\r\nContent-Disposition: form-data\r\n\r\nno end'),
  },
  { name: 'broken percent-encoding', init: () => withBody('application/x-www-form-urlencoded', 'a=%E0%A4%A&%ZZ=1&=') },
  {
    name: 'form fields with NUL and control characters',
    init: () =>
      withBody(
        'application/x-www-form-urlencoded',
        new URLSearchParams(FORM_FIELDS.map((f) => [f, NUL_AND_CONTROLS])).toString(),
      ),
  },
  {
    name: 'overlong form fields',
    init: () =>
      withBody(
        'application/x-www-form-urlencoded',
        new URLSearchParams(FORM_FIELDS.map((f) => [f, OVERLONG])).toString(),
      ),
  },
  { name: 'a type no route reads', init: () => withBody('application/x-msgpack', '\u0000\u0001\u0002') },
  {
    // Well-formed ids past any row (PostgreSQL cannot compare such a number with an id column): a 4xx, never a query.
    name: 'JSON ids past any row',
    init: () =>
      withBody(
        'application/json',
        JSON.stringify({
          story: { headline: 'x', body: { version: 1, blocks: [] }, sectionId: PAST_ANY_ID, tagIds: [PAST_ANY_ID] },
          ...Object.fromEntries(ID_FIELDS.map((f) => [f, PAST_ANY_ID])),
          authorIds: [PAST_ANY_ID],
          storyIds: [PAST_ANY_ID],
          newsletterIds: [PAST_ANY_ID],
        }),
      ),
  },
  {
    name: 'form ids past any row',
    init: () =>
      withBody(
        'application/x-www-form-urlencoded',
        new URLSearchParams(ID_FIELDS.map((f) => [f, String(PAST_ANY_ID)])).toString(),
      ),
  },
];

/** Query values sent to every GET route. */
const BAD_QUERIES: Bad[] = [
  {
    name: 'ids past any row in the query',
    init: () => ({}),
    query: new URLSearchParams(ID_FIELDS.map((f) => [f, String(PAST_ANY_ID)])).toString(),
  },
  {
    name: 'bad query values',
    init: () => ({}),
    query:
      'before=%00%01&cursor=zzz&after=-1&limit=99999999999999999999&page=-1&q=%00&since=abc&blog=x&next=/desk/%0aX&type=%ff&done=<b>',
  },
  {
    // Well-formed cursors whose id is past any row (PostgreSQL cannot compare such a number with an id column).
    name: 'cursors past any row id',
    init: () => ({}),
    query: `before=${b64('1790000000000.99999999999')}&cursor=${b64('99999999999')}&after=${b64('0.5~99999999999')}`,
  },
  { name: 'overlong query', init: () => ({}), query: `q=${OVERLONG}&before=${OVERLONG.slice(0, 5000)}` },
  { name: 'repeated and empty keys', init: () => ({}), query: 'q=a&q=b&q=&&&=&limit=&limit=2&before[]=1&tag[0]=x' },
];

/** Path values put in place of each route parameter. */
const BAD_PARAMS = [
  '%00',
  '99999999999999999999',
  '99999999999',
  '-1',
  '1.5',
  'abc',
  '%2e%2e%2f%2e%2e',
  'x'.repeat(5000),
  '%F0%9F',
];
const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** What is wrong with an answer, or null: it must be below 500, and a 4xx must say what was wrong in words. */
async function unclear(res: Response, what: string): Promise<string | null> {
  const text = await res.text();
  // The live stream answers 503 when there is no socket to stream to (app.request); that is its documented answer.
  if (res.status >= 500 && !(res.status === 503 && what.includes('/live/feed')))
    return `${what}: ${res.status} ${text.slice(0, 160)}`;
  if (res.status < 400) return null;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    const message = JSON.parse(text).error?.message;
    return typeof message === 'string' && message.length > 10 ? null : `${what}: no message in ${text.slice(0, 160)}`;
  }
  return /[A-Za-z]{3,}.*[A-Za-z]{3,}/s.test(text) ? null : `${what}: ${res.status} without a message`;
}

for (const dialect of DIALECTS) {
  describe(`malformed and oversized input on every route, and CSRF on every change (${dialect})`, () => {
    let t: TestApp;
    let owner: DeskClient;
    let ids: Record<string, string>;
    before(async () => {
      t = await createTestApp(dialect);
      const section = await makeSection(t.deps, { name: 'City' });
      const story = await makeStory(t.deps, { sectionId: section.id, headline: 'A published story' });
      owner = await signedIn(t, 'owner');
      const other = await signedIn(t, 'editor');
      ids = {
        id: String(story.id),
        slug: story.slug,
        token: 'no-such-invite-token',
        file: 'no-such-file.css',
        entryId: '999999',
        action: 'disable',
      };
      ids.userId = String(other.user!.id);
    });
    after(() => t.close());

    /** The owner, signed in again when a route (sign-out, ending sessions) ended the session. */
    const signedInOwner = async () => {
      if ((await owner.get('/desk/api/me')).status !== 200) owner = await signedIn(t, 'owner');
      return owner;
    };

    test('no route answers 500 to malformed, oversized or odd input; each refusal says why', async (c) => {
      const routes = routesOf(t);
      assert.ok(routes.length > 100, `${routes.length} routes`);
      let requests = 0;
      const statuses = new Map<number, number>();
      const failures: string[] = [];
      const send = async (path: string, init: RequestInit, what: string) => {
        const client = await signedInOwner();
        const headers = new Headers(init.headers);
        headers.set('x-csrf-token', client.csrf);
        const res = await client.request(path, { ...init, headers });
        requests++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const problem = await unclear(res, what);
        if (problem) failures.push(problem);
      };
      for (const r of routes) {
        // Sign-out routes would only end the session the next case needs; they read no input.
        if (/logout/.test(r.path)) continue;
        const path = fill(r.path, r.path.startsWith('/desk/users/') ? { ...ids, id: ids.userId! } : ids);
        if (r.method === 'GET')
          for (const bad of BAD_QUERIES)
            await send(`${path}?${bad.query}`, bad.init(), `${r.method} ${r.path} ${bad.name}`);
        else
          for (const bad of BAD_BODIES)
            await send(path, { method: r.method, ...bad.init() }, `${r.method} ${r.path} ${bad.name}`);
        if (r.path.includes(':'))
          for (const value of BAD_PARAMS)
            await send(
              fill(r.path, ids, value),
              { method: r.method },
              `${r.method} ${r.path} with ${value.slice(0, 20)}`,
            );
        for (const method of OTHER_METHODS.filter((m) => !routes.some((x) => x.path === r.path && x.method === m)))
          await send(path, { method }, `${method} ${r.path} (a method it does not take)`);
      }
      // Past the desk's outer limit (32 MB): refused before anything reads it.
      const huge = 'a'.repeat(33 * 1024 * 1024);
      for (const path of ['/desk/api/stories', '/desk/api/media', '/desk/login', '/desk/settings'])
        await send(path, { method: 'POST', ...withBody('application/json', huge) }, `POST ${path} 33 MB`);
      assert.deepEqual(failures, []);
      const tried = routes.filter((r) => !/logout/.test(r.path)).length;
      const answered = [...statuses]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}×${n}`)
        .join(' ');
      c.diagnostic(
        `hostile figures: malformed (${dialect}): ${tried} routes, ${BAD_BODIES.length} bad bodies / ` +
          `${BAD_QUERIES.length} bad queries / ${BAD_PARAMS.length} bad path values / wrong methods each: ` +
          `${requests} requests, 0 answered 500 (statuses: ${answered})`,
      );
    });

    test('every change the desk takes is refused without its CSRF token or from another origin', async (c) => {
      const changes = routesOf(t).filter((r) => r.method !== 'GET');
      const cases: { name: string; headers: Record<string, string>; token: (csrf: string) => string | undefined }[] = [
        { name: 'no token', headers: {}, token: () => undefined },
        { name: 'a wrong token', headers: {}, token: () => 'x'.repeat(32) },
        { name: 'another site', headers: { origin: 'https://evil.example' }, token: (csrf) => csrf },
        { name: 'Origin null', headers: { origin: 'null' }, token: (csrf) => csrf },
        { name: 'the same host over https', headers: { origin: 'https://news.test' }, token: (csrf) => csrf },
        { name: 'a look-alike host', headers: { origin: 'http://news.test.evil.example' }, token: (csrf) => csrf },
      ];
      let held = 0;
      // The reader site's changes are tried by a signed-in reader with the reader's token (readers/reader-csrf.ts).
      let reader: DeskClient | null = null;
      const signedInAsReader = async () => {
        if (!reader || (await reader.get('/account')).status !== 200)
          reader = await signedInReader(t, `csrf-reader-${held}@reader.test`);
        return reader;
      };
      for (const r of changes) {
        const path = fill(r.path, ids);
        for (const k of cases) {
          const client = r.path.startsWith('/desk') ? await signedInOwner() : await signedInAsReader();
          const token = k.token(client.csrf);
          const res = await client.request(path, {
            method: r.method,
            body: new URLSearchParams({ ...(token ? { _csrf: token } : {}), name: 'CSRF', headline: 'CSRF' }),
            headers: { 'content-type': 'application/x-www-form-urlencoded', ...k.headers },
          });
          assert.equal(res.status, 403, `${r.method} ${r.path} with ${k.name}`);
          assert.match(
            await res.text(),
            /another site|expired or did not come from the desk|expired or did not come from this site/,
            `${r.path} ${k.name}`,
          );
          held++;
        }
      }
      assert.equal((await signedInOwner()).user?.role, 'owner', 'still signed in: no sign-out went through');
      if (reader) assert.equal((await (reader as DeskClient).get('/account')).status, 200, 'the reader too');
      c.diagnostic(
        `hostile figures: csrf (${dialect}): ${held} of ${changes.length * cases.length} cases held (${changes.length} routes × ${cases.length} forgeries)`,
      );
    });
  });
}
