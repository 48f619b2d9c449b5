import { createApp } from '../../src/http/app.js';
import { launchBrowser } from './browser.js';
import { type TestEnv, createTestEnv } from './db.js';
import { listen } from './server.js';

export interface E2eSite {
  env: TestEnv;
  server: Awaited<ReturnType<typeof listen>>;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
  /** Closes the browser, the server and the throwaway database, whichever were opened. */
  close(): Promise<void>;
}

/**
 * The set-up every browser test shares: a throwaway SQLite newsroom (filled by `seed`), the real app on a
 * loopback port, and real Chromium. The browser sees the same pages whichever engine is behind them.
 */
export async function startE2eSite(seed: (env: TestEnv) => Promise<void> = async () => {}): Promise<E2eSite> {
  const env = await createTestEnv('sqlite');
  let server: E2eSite['server'] | undefined;
  let browser: E2eSite['browser'] | undefined;
  const close = async () => {
    await browser?.close();
    await server?.close();
    await env.close();
  };
  try {
    await seed(env);
    server = await listen(createApp(env.deps));
    browser = await launchBrowser();
    return { env, server, browser, close };
  } catch (err) {
    await close();
    throw err;
  }
}
