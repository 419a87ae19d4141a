/** Debian's Chromium driven by playwright-core, as a person would use Concord. */
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export async function signInAs(page: Page, baseUrl: string, email: string, password = 'concord-demo'): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(/Email/).fill(email);
  await page.getByLabel(/Mật khẩu|Password/).fill(password);
  await page.getByRole('button', { name: /Đăng nhập|Sign in/ }).click();
  await page.waitForURL(`${baseUrl}/`);
}

/**
 * A step (a click, a wait) that cannot happen fails on its own after this long, naming itself; the
 * test as a whole gets BROWSER_TEST_TIMEOUT_MS, so on a loaded machine (CI runs two Chromium suites
 * at once on two cores) a slow but sound test is not cut off before its failing step says what failed.
 */
const STEP_TIMEOUT_MS = 20_000;
const BROWSER_TEST_TIMEOUT_MS = 120_000;
/** What `expect.poll` waits for unless told: the server's side of a step (an import, an export) as a person would wait for it (vitest's own is 1 s). */
const POLL_TIMEOUT_MS = 10_000;
const FAILURE_SHOTS = '/tmp/browser-failures';

/**
 * Clicks `target` once it has stayed where it is for `quietMs`. A page still filling in (the text
 * arriving above a panel, a list loading) moves what is below it, and on a loaded machine a plain
 * click, whose stability check spans two frames, can land where the button was a moment before.
 */
export async function clickWhenSteady(target: Locator, quietMs = 400): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let last = '';
  let since = Date.now();
  for (;;) {
    const box = JSON.stringify(await target.boundingBox());
    if (box !== last) {
      last = box;
      since = Date.now();
    } else if (box !== 'null' && Date.now() - since >= quietMs) {
      break;
    }
    if (Date.now() > deadline) throw new Error(`${target} did not stay in place for ${quietMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await target.click();
}

export interface SignedInPageOptions {
  /** The viewport, 1280 × 900 unless told. */
  width?: number;
  height?: number;
  isMobile?: boolean;
  /** The page's default timeout for actions and waits (STEP_TIMEOUT_MS unless told). */
  timeout?: number;
  password?: string;
  /** Collects the page's uncaught errors (`pageerror`), from before sign-in on. */
  pageErrors?: string[];
  /** A path on the server to open once signed in. */
  goto?: string;
}

export interface BrowserSuite<S> {
  /** The server `start` returned (set in beforeAll). */
  readonly server: S;
  readonly browser: Browser;
  /** A page in a new browser context, signed in as `email`. */
  signedInPage(email: string, options?: SignedInPageOptions): Promise<Page>;
}

/**
 * A describe block's server and Chromium: `start` runs, then Chromium launches, in beforeAll; both
 * close in afterAll.
 */
export function browserSuite<S extends { url: string; close(): Promise<void> }>(start: () => Promise<S>): BrowserSuite<S> {
  vi.setConfig({ testTimeout: BROWSER_TEST_TIMEOUT_MS, expect: { poll: { timeout: POLL_TIMEOUT_MS, interval: 50 } } });
  let server: S | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await start();
    browser = await launchBrowser();
  });
  // A failed test leaves a screenshot of each page it opened, to see what the person would have seen.
  const pages: Page[] = [];
  afterEach(async ({ task }) => {
    const opened = pages.splice(0);
    if (task.result?.state !== 'fail') return;
    mkdirSync(FAILURE_SHOTS, { recursive: true });
    const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
    for (const [i, page] of opened.entries()) {
      if (!page.isClosed()) await page.screenshot({ path: `${FAILURE_SHOTS}/${name}-${i + 1}.png` }).catch(() => {});
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const suite: BrowserSuite<S> = {
    get server() { return server as S; },
    get browser() { return browser as Browser; },
    async signedInPage(email, { width = 1280, height = 900, isMobile, timeout, password, pageErrors, goto } = {}) {
      const context = await suite.browser.newContext({ viewport: { width, height }, ...(isMobile === undefined ? {} : { isMobile }) });
      const page = await context.newPage();
      pages.push(page);
      page.setDefaultTimeout(timeout ?? STEP_TIMEOUT_MS);
      if (pageErrors) page.on('pageerror', (error) => pageErrors.push(error.message));
      await signInAs(page, suite.server.url, email, password);
      if (goto !== undefined) await page.goto(`${suite.server.url}${goto}`);
      return page;
    },
  };
  return suite;
}
