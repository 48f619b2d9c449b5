import type { Hono } from 'hono';
import type { DialectName } from '../../src/db/dialect.js';
import { createApp } from '../../src/http/app.js';
import type { RouteModule } from '../../src/http/route-module.js';
import { type TestEnv, createTestEnv } from './db.js';

export interface TestApp extends TestEnv {
  app: Hono;
  /** GET (or any method) against the real app, as a client would. */
  request(path: string, init?: RequestInit): Promise<Response>;
}

/** A real app on a throwaway database of the given dialect. */
export async function createTestApp(
  dialect: DialectName,
  opts: { env?: Record<string, string>; extra?: RouteModule[]; clock?: () => number } = {},
): Promise<TestApp> {
  const env = await createTestEnv(dialect, opts.env, opts.clock ? { clock: opts.clock } : {});
  const app = createApp(env.deps, opts.extra);
  return { ...env, app, request: async (path, init) => app.request(path, init) };
}

/** GETs a page and lets the render cache finish storing it, so the next request for it can be a hit. */
export async function getSettled(
  t: TestApp,
  path: string,
): Promise<{ status: number; body: string; cache: string | null }> {
  const res = await t.request(path);
  const body = await res.text();
  await t.deps.cache.settled();
  return { status: res.status, body, cache: res.headers.get('x-cache') };
}
