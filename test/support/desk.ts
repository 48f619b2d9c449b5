import type { AppDeps } from '../../src/app.deps.js';
import type { User, UserRole } from '../../src/db/database.js';
import { createUser } from '../../src/users/user.service.js';
import type { TestApp } from './app.js';

let n = 0;

/** A browser-like client of the desk over app.request: keeps cookies, finds and sends the CSRF token. */
export interface DeskClient {
  csrf: string;
  user: User | null;
  request(path: string, init?: RequestInit): Promise<Response>;
  get(path: string): Promise<Response>;
  /** A form post (application/x-www-form-urlencoded) carrying the CSRF field unless `_csrf` is given. */
  postForm(path: string, fields: Record<string, string | string[]>): Promise<Response>;
  /** A JSON call with the X-CSRF-Token header. */
  postJson(path: string, body: unknown, method?: string): Promise<Response>;
  /** Loads a desk page and remembers the CSRF token from its meta tag. */
  refreshCsrf(path?: string): Promise<string>;
}

export function deskClient(t: Pick<TestApp, 'app'>, env?: Record<string, unknown>): DeskClient {
  const jar = new Map<string, string>();
  const client: DeskClient = {
    csrf: '',
    user: null,
    async request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
      const res = await t.app.request(path, { ...init, headers }, env);
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq).trim();
        const value = pair!.slice(eq + 1).trim();
        if (!value || /max-age=0/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
        else jar.set(name, value);
      }
      return res;
    },
    get(path) {
      return client.request(path);
    },
    postForm(path, fields) {
      const body = new URLSearchParams();
      if (!('_csrf' in fields)) body.append('_csrf', client.csrf);
      for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
      return client.request(path, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    },
    postJson(path, body, method = 'POST') {
      return client.request(path, {
        method,
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': client.csrf },
      });
    },
    async refreshCsrf(path = '/desk/login') {
      const html = await (await client.get(path)).text();
      const m = /<meta name="csrf-token" content="([^"]+)"/.exec(html);
      if (!m) throw new Error(`no csrf meta on ${path}`);
      client.csrf = m[1]!;
      return client.csrf;
    },
  };
  return client;
}

/** Creates a user of a role (password "correct horse battery") and a client signed in as them. */
export async function signedIn(
  t: TestApp,
  role: UserRole,
  over: { email?: string; name?: string } = {},
): Promise<DeskClient> {
  const i = ++n;
  const email = over.email ?? `${role}${i}-${Date.now()}@desk.test`;
  const user = await createUser(t.deps, {
    email,
    name: over.name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${i}`,
    role,
    password: 'correct horse battery',
  });
  const client = deskClient(t);
  await client.refreshCsrf();
  const res = await client.postForm('/desk/login', { email, password: 'correct horse battery' });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  await client.refreshCsrf('/desk');
  client.user = user;
  return client;
}

/**
 * A user of `role` signed in to a server over real HTTP at `baseUrl` (a server process, or a cache in front of
 * some), with cookies and CSRF as a browser would; `deps` is a handle on the same database, to create the user.
 */
export function signedInOver(deps: AppDeps, baseUrl: string, role: UserRole): Promise<DeskClient> {
  const remote = {
    request: (path: string, init?: RequestInit) => fetch(baseUrl + path, { ...init, redirect: 'manual' }),
  };
  return signedIn({ deps, app: remote } as unknown as TestApp, role);
}

/** Creates a one-paragraph story through the desk's API and publishes it; fails unless both are accepted. */
export async function publishThrough(editor: DeskClient, sectionId: number, headline: string): Promise<{ id: number }> {
  const created = await editor.postJson('/desk/api/stories', {
    story: {
      headline,
      sectionId,
      body: { version: 1, blocks: [{ type: 'paragraph', content: [{ text: 'Lead.' }] }] },
    },
  });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: number };
  const published = await editor.postJson(`/desk/api/stories/${id}/publish`, {});
  if (published.status !== 200) throw new Error(`publish answered ${published.status}: ${await published.text()}`);
  return { id };
}
