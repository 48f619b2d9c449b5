import type { BrowserContext, Page } from 'playwright-core';

/** The password every desk e2e user is created with. */
export const E2E_PASSWORD = 'correct horse battery';

/** What a page did that a test may need to refuse: script errors, dialogs, CSP refusals, requests off the machine. */
export interface Watched {
  errors: string[];
  dialogs: string[];
  external: string[];
  csp: string[];
}

/** Records script errors, dialogs (dismissed), CSP violations and any request that leaves `baseUrl`. */
export function watch(page: Page, baseUrl: string): Watched {
  const seen: Watched = { errors: [], dialogs: [], external: [], csp: [] };
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.csp.push(m.text());
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(baseUrl) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      seen.external.push(r.url());
  });
  return seen;
}

/** Signs in through the desk's login form (or finds the context signed in already) and returns the page. */
export async function signIn(context: BrowserContext, baseUrl: string, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/desk/login`);
  // The browser keeps its session between tests: signed in already, the login page sends it on.
  if ((await page.locator('#email').count()) === 0) return page;
  await page.fill('#email', email);
  await page.fill('#password', E2E_PASSWORD);
  await Promise.all([page.waitForURL(/\/desk(\?|$|\/)/), page.getByRole('button', { name: /sign in/i }).click()]);
  return page;
}

/** Waits until the editor's save status line reads like `re`. */
export const waitStatus = (page: Page, re: RegExp) =>
  page.waitForFunction(
    (src) => new RegExp(src).test(document.querySelector('.save-status')?.textContent ?? ''),
    re.source,
    { timeout: 20_000 },
  );

/** A button of the editor's formatting toolbar, by its accessible name. */
export const tool = (page: Page, name: string) =>
  page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name, exact: true });

/** The story id in an editor address (/desk/stories/:id/edit). */
export const storyIdFromUrl = (page: Page) => Number(/\/desk\/stories\/(\d+)\/edit/.exec(page.url())?.[1]);
