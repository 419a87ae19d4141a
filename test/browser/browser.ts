/** Debian's Chromium driven by playwright-core, as a person would use Concord. */
import { afterAll, beforeAll, vi } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';

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
  vi.setConfig({ testTimeout: BROWSER_TEST_TIMEOUT_MS });
  let server: S | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await start();
    browser = await launchBrowser();
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
      page.setDefaultTimeout(timeout ?? STEP_TIMEOUT_MS);
      if (pageErrors) page.on('pageerror', (error) => pageErrors.push(error.message));
      await signInAs(page, suite.server.url, email, password);
      if (goto !== undefined) await page.goto(`${suite.server.url}${goto}`);
      return page;
    },
  };
  return suite;
}
