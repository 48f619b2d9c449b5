// The newsroom at work during `npm run bench:spike`, through the real desk API over HTTP: a story published every
// 10 s, a published headline edited every 15 s (save, then publish the working copy), a live blog entry every 3 s.
// After each publish and edit a reader polls the home page until it shows the new headline: staleness under load.
import { setTimeout as sleep } from 'node:timers/promises';
import { createDeps } from '../src/boot.js';
import { loadConfig } from '../src/config.js';
import type { TestApp } from '../test/support/app.js';
import { type DeskClient, signedIn } from '../test/support/desk.js';

/** What the desk did and how long readers waited to see it (ms from the desk's acknowledgement). */
export interface DeskFigures {
  publishes: number;
  edits: number;
  liveEntries: number;
  /** Desk calls that did not succeed (must be 0). */
  failures: string[];
  publishStalenessMs: number[];
  editStalenessMs: number[];
  /** Changes the home page still did not show after STALE_LIMIT_MS. */
  neverShown: number;
}

export interface DeskOptions {
  publishMs: number;
  editMs: number;
  liveMs: number;
}

const STALE_LIMIT_MS = 30_000;
const paragraph = (text: string) => ({ version: 1, blocks: [{ type: 'paragraph', content: [{ text }] }] });

/** Starts the desk's work against a running server; `stop` ends it and returns the figures. */
export async function startDesk(
  url: string,
  env: NodeJS.ProcessEnv,
  o: DeskOptions,
): Promise<{ stop(): Promise<DeskFigures> }> {
  const deps = await createDeps(loadConfig({ ...env, SEED_DEMO: '0' }), { log: () => {} });
  const remote = { request: (path: string, init?: RequestInit) => fetch(url + path, { ...init, redirect: 'manual' }) };
  const editor: DeskClient = await signedIn({ deps, app: remote } as unknown as TestApp, 'editor');
  const sectionId = (await deps.db.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const run = Date.now().toString(36);
  const f: DeskFigures = {
    publishes: 0,
    edits: 0,
    liveEntries: 0,
    failures: [],
    publishStalenessMs: [],
    editStalenessMs: [],
    neverShown: 0,
  };
  let running = true;
  const quit = new AbortController();
  const pending: Promise<void>[] = [];
  const ours: number[] = [];

  const ok = async (what: string, res: Response, want = [200, 201]) => {
    if (!want.includes(res.status)) f.failures.push(`${what}: ${res.status} ${(await res.text()).slice(0, 200)}`);
    return want.includes(res.status);
  };
  /** Polls the home page as a reader until it shows `text`; records the wait from `since`. */
  const watch = (text: string, since: number, into: number[]) => {
    const p = (async () => {
      while (Date.now() - since < STALE_LIMIT_MS) {
        const home = await fetch(`${url}/`, { headers: { 'accept-encoding': 'br, gzip' } }).then((r) => r.text());
        if (home.includes(text)) return void into.push(Date.now() - since);
        await sleep(10);
      }
      f.neverShown++;
    })();
    pending.push(p);
  };
  const create = async (headline: string, kind: 'story' | 'liveblog') => {
    const res = await editor.postJson('/desk/api/stories', {
      story: { headline, sectionId, kind, body: paragraph(`Filed during the spike benchmark: ${headline}.`) },
    });
    if (!(await ok('create', res, [201]))) return null;
    const { id } = (await res.json()) as { id: number };
    return (await ok('publish', await editor.postJson(`/desk/api/stories/${id}/publish`, {}))) ? id : null;
  };
  const publishOne = async () => {
    const headline = `Spike ${run} story ${f.publishes + 1} breaks`;
    f.publishes++;
    const id = await create(headline, 'story');
    if (id === null) return;
    ours.push(id);
    watch(headline, Date.now(), f.publishStalenessMs);
  };
  const editOne = async () => {
    const id = ours.at(-1);
    if (id === undefined) return;
    f.edits++;
    const headline = `Spike ${run} edit ${f.edits} updates`;
    const current = (await (await editor.get(`/desk/api/stories/${id}`)).json()) as { revision: number };
    const saved = await editor.postJson(`/desk/api/stories/${id}`, {
      baseRevision: current.revision,
      story: { headline },
    });
    if (!(await ok('save', saved))) return;
    if (!(await ok('republish', await editor.postJson(`/desk/api/stories/${id}/publish`, {})))) return;
    watch(headline, Date.now(), f.editStalenessMs);
  };
  const blog = await create(`Spike ${run} live: the storm as it happens`, 'liveblog');
  const entryOne = async () => {
    if (blog === null) return;
    f.liveEntries++;
    const res = await editor.postForm(`/desk/liveblogs/${blog}/entries`, {
      headline: `Update ${f.liveEntries}`,
      body: `Entry ${f.liveEntries} of the spike's live blog.`,
    });
    await ok('live entry', res, [303]);
  };
  const every = (ms: number, work: () => Promise<void>) =>
    (async () => {
      while (running) {
        const began = Date.now();
        await work().catch((err: Error) => void f.failures.push(`${work.name}: ${err.message}`));
        await sleep(Math.max(0, ms - (Date.now() - began)), undefined, { signal: quit.signal }).catch(() => {});
      }
    })();
  const loops = [every(o.publishMs, publishOne), every(o.editMs, editOne), every(o.liveMs, entryOne)];
  return {
    async stop() {
      running = false;
      quit.abort();
      await Promise.all(loops);
      await Promise.all(pending);
      await deps.database.close();
      return f;
    },
  };
}
