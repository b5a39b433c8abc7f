import { expect, test } from './fixtures.ts';

// Photos on a phone (issue 21): responsive variants with their dimensions, and the photo that is
// the page's largest paint fetched at once (not lazily) and preloaded with the HTML.

async function honeyListingId(request: import('@playwright/test').APIRequestContext): Promise<string> {
  const found = await request.get('/api/v1/search?q=mat%20ong');
  const { hits } = (await found.json()) as { hits: { id: string; photo?: unknown }[] };
  // Not every demo listing has a photo (a farmer may publish without one).
  const withPhoto = hits.filter((hit) => hit.photo);
  expect(withPhoto.length).toBeGreaterThan(2);
  return withPhoto[0]?.id ?? '';
}

test("a listing's first photo: every variant, its size, not lazy, preloaded", async ({ page }) => {
  await page.goto(`/san-pham/${await honeyListingId(page.request)}`);
  const first = page.locator('.slides img').first();
  await expect(first).toHaveAttribute('loading', 'eager');
  await expect(first).toHaveAttribute('fetchpriority', 'high');
  await expect(first).toHaveAttribute('width', /^\d+$/);
  await expect(first).toHaveAttribute('height', /^\d+$/);
  const srcset = (await first.getAttribute('srcset')) ?? '';
  const widths = srcset.split(',').map((candidate) => Number(candidate.trim().match(/ (\d+)w$/)?.[1]));
  expect(widths.length).toBeGreaterThanOrEqual(2);
  expect(widths.every((w) => [400, 800, 1600].includes(w))).toBe(true);

  const preload = page.locator('link[rel="preload"][as="image"]');
  await expect(preload).toHaveCount(1);
  await expect(preload).toHaveAttribute('imagesrcset', srcset);
  await expect(preload).toHaveAttribute('imagesizes', (await first.getAttribute('sizes')) ?? '');
  // The photo is drawn at the width the page said it would be (no layout shift when it arrives).
  const box = await first.boundingBox();
  expect(box?.width).toBeGreaterThan(300);
});

test('search results: the first row of photos is fetched at once, the rest when scrolled to', async ({ page }) => {
  await page.goto('/tim-kiem?q=mat+ong');
  const cards = page.getByTestId('listing-card');
  await expect(cards.nth(2)).toBeAttached();
  // A card without a photo draws a placeholder: check the cards that have one, by their place.
  let checked = { firstRow: 0, rest: 0 };
  for (let i = 0; i < (await cards.count()); i++) {
    const photo = cards.nth(i).locator('img');
    if ((await photo.count()) === 0) continue;
    await expect(photo).toHaveAttribute('loading', i < 2 ? 'eager' : 'lazy');
    await expect(photo).toHaveAttribute('srcset', / 400w/);
    await expect(photo).toHaveAttribute('width', /^\d+$/);
    checked = i < 2 ? { ...checked, firstRow: checked.firstRow + 1 } : { ...checked, rest: checked.rest + 1 };
  }
  expect(checked.rest).toBeGreaterThan(0);
});
