import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { bearer, startTestApp, type TestApp } from './test-app';

/** A token as the API shows it once. */
export const TOKEN = /^lk_[0-9a-f]{64}$/;

const DESKTOP = { width: 1280, height: 860 };

/**
 * One browser spec's set-up: the real service on SQLite on a loopback port
 * and a headless Chromium, started before the file's tests and closed after
 * them. Any Content Security Policy violation a page reports fails the test
 * it happened in. Every page comes from a fresh browser context (no shared
 * storage); the file's `afterAll` closes them with the browser.
 */
export interface ConsoleHarness {
  /** The running service (valid once `beforeAll` has run). */
  readonly t: TestApp;
  /** A blank page on a fresh context, watched for CSP violations. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** A page signed in to the console with `key`, showing the Keys screen. */
  signIn(key: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** The console's address (`/console/` on the service). */
  consoleUrl(): string;
  /** The status `GET /me` answers with `token`: 200 while the API accepts it. */
  statusOf(token: string): Promise<number>;
}

export function useConsole(): ConsoleHarness {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';
  const cspViolations: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  afterEach(() => {
    expect(cspViolations).toEqual([]);
  });

  const app = (): TestApp => {
    if (!t) throw new Error('the test app starts in beforeAll');
    return t;
  };

  const harness: ConsoleHarness = {
    get t() {
      return app();
    },
    async newPage(viewport = DESKTOP) {
      if (!browser) throw new Error('Chromium starts in beforeAll');
      const context = await browser.newContext({ viewport });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
          cspViolations.push(message.text());
        }
      });
      return page;
    },
    async signIn(key, viewport = DESKTOP) {
      const page = await harness.newPage(viewport);
      await page.goto(harness.consoleUrl());
      await page.getByLabel('API key').fill(key);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Keys' }).waitFor();
      return page;
    },
    consoleUrl: () => `${baseUrl}/console/`,
    statusOf: async (token) => (await app().http.get('/api/v1/me').set(bearer(token))).status,
  };
  return harness;
}

/** The Keys table's row of the key named `name`. */
export function keyRow(page: Page, name: string) {
  return page.locator('tbody tr', { has: page.getByRole('rowheader', { name, exact: true }) });
}
