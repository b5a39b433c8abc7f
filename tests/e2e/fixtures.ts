import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every page a test opens is watched: a console error or an uncaught exception in the browser
 * (a CSP violation, a hydration failure) fails the test, as an unexpected console.error does in
 * the unit tiers.
 */
export const test = base.extend<{ expectedConsoleErrors: RegExp[]; browserErrors: string[] }>({
  /** Console errors a test expects, e.g. Chromium's "status of 404" line when it opens a missing page. */
  expectedConsoleErrors: [[], { option: true }],
  browserErrors: [
    async ({ context, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => {
        page.on('console', (msg) => {
          if (msg.type() !== 'error') return;
          const text = msg.text();
          if (expectedConsoleErrors.some((pattern) => pattern.test(text))) return;
          errors.push(`console.error: ${text}`);
        });
        page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(errors);
      expect(errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * The Origin a browser puts on every non-GET request from the storefront's pages. Set-up steps that
 * call the API with the page's cookie send it too: the API refuses a cookie-signed change that does
 * not come from the storefront (decision 0021), as it would a cross-site one.
 */
export function fromStorefront(): { origin: string } {
  const baseURL = base.info().project.use.baseURL;
  if (!baseURL) throw new Error('the Playwright project has no baseURL');
  return { origin: new URL(baseURL).origin };
}

let counter = 0;
/**
 * A Vietnamese mobile number no other test uses (the API limits codes per phone per hour).
 * 09x + 8 digits, from the worker, the time and a counter.
 */
export function uniquePhone(workerIndex: number): string {
  counter += 1;
  const tail = (Date.now() % 100_000) * 100 + workerIndex * 10 + (counter % 10);
  return `091${String(tail).padStart(7, '0').slice(-7)}`;
}

/** Reads the 6-digit development code the sign-in page shows outside production. */
export async function readDevCode(page: Page): Promise<string> {
  const notice = page.getByTestId('dev-code');
  await expect(notice).toContainText(/\d{6}/);
  const code = (await notice.textContent())?.match(/\d{6}/)?.[0];
  if (!code) throw new Error('no development code on the page');
  return code;
}

/** The page fits the viewport: nothing pushes it sideways on a narrow phone. */
export async function expectNoSideScroll(page: Page): Promise<void> {
  // A string, evaluated in the page: the tests' TypeScript project has no DOM types.
  const { scrollWidth, innerWidth } = (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  )) as { scrollWidth: number; innerWidth: number };
  expect(scrollWidth, 'page wider than the viewport').toBeLessThanOrEqual(innerWidth);
}
