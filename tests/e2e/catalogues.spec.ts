import type { Page } from '@playwright/test';
import { messages as enCoop } from '../../web/src/lib/i18n/en/group-coop.ts';
import { messages as enOperator } from '../../web/src/lib/i18n/en/group-operator.ts';
import { messages as enSeller } from '../../web/src/lib/i18n/en/group-seller.ts';
import { messages as enStorefront } from '../../web/src/lib/i18n/en/group-storefront.ts';
import { messages as viCoop } from '../../web/src/lib/i18n/vi/group-coop.ts';
import { messages as viOperator } from '../../web/src/lib/i18n/vi/group-operator.ts';
import { messages as viSeller } from '../../web/src/lib/i18n/vi/group-seller.ts';
import { messages as viStorefront } from '../../web/src/lib/i18n/vi/group-storefront.ts';
import { expect, test } from './fixtures.ts';

// A buyer's phone downloads only the storefront's words, in the buyer's language (decision 25):
// the JavaScript of the storefront's pages holds no sentence that only a seller, a cooperative or
// the operator reads, and a Vietnamese reader gets no English catalogue (nor the reverse).

type Messages = Readonly<Record<string, string>>;

/** Sentences long and plain enough to be found verbatim in a bundle, and in none of `except`. */
function sentences(from: Messages[], except: Messages[]): string[] {
  const excluded = new Set(except.flatMap((m) => Object.values(m)));
  return [
    ...new Set(
      from
        .flatMap((m) => Object.values(m))
        .filter((value) => value.length >= 20 && !/[`\\$"{]/.test(value) && !excluded.has(value)),
    ),
  ];
}

async function scriptsOf(page: Page, paths: string[]): Promise<string> {
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    // A script the page loaded before comes back 304 on the next page, without a body: its words
    // were read the first time.
    if (response.request().resourceType() === 'script' && response.status() !== 304) bodies.push(response.text());
  });
  for (const path of paths) await page.goto(path, { waitUntil: 'networkidle' });
  return (await Promise.all(bodies)).join('\n');
}

async function storefrontPaths(page: Page, baseURL: string | undefined): Promise<string[]> {
  const found = await page.request.get('/api/v1/search?q=mat%20ong');
  const { hits } = (await found.json()) as { hits: { id: string }[] };
  const listingId = hits[0]?.id;
  expect(listingId, 'a honey listing in the demo data').toBeTruthy();
  await page.context().addCookies([{ name: 'ns_cart', value: `${listingId}~2`, url: baseURL ?? '' }]);
  return ['/', '/tim-kiem?q=mat+ong', `/san-pham/${listingId}`, '/gio-hang', '/dang-nhap'];
}

test('a Vietnamese reader of the storefront downloads no seller, cooperative, operator or English words', async ({
  page,
  baseURL,
}) => {
  const paths = await storefrontPaths(page, baseURL);
  const js = await scriptsOf(page, paths);
  expect(js).toContain(viStorefront['app.tagline']);

  const others = sentences([viSeller, viCoop, viOperator], [viStorefront]);
  expect(others.length).toBeGreaterThan(100);
  expect(others.filter((s) => js.includes(s))).toEqual([]);

  const english = sentences([enStorefront, enSeller, enCoop, enOperator], [viStorefront]);
  expect(english.filter((s) => js.includes(s))).toEqual([]);
});

test('an English reader downloads the English storefront words only', async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: 'lang', value: 'en', url: baseURL ?? '' }]);
  const paths = await storefrontPaths(page, baseURL);
  const js = await scriptsOf(page, paths);
  expect(js).toContain(enStorefront['app.tagline']);

  const others = sentences([enSeller, enCoop, enOperator], [enStorefront]);
  expect(others.filter((s) => js.includes(s))).toEqual([]);
  const vietnamese = sentences([viStorefront, viSeller, viCoop, viOperator], [enStorefront]);
  expect(vietnamese.filter((s) => js.includes(s))).toEqual([]);
});
