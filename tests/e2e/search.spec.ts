import type { Locator, Page } from '@playwright/test';
import { expect, expectNoSideScroll, fromStorefront, test, uniquePhone } from './fixtures.ts';
import { createFarm, createListing, signInThroughApi } from './seller-helpers.ts';

// The search page and the home page's way into it, at a phone viewport, on the demo catalogue the
// embedded API seeds (db/src/seed-catalogue.data.ts): Tân Cương tea (Thái Nguyên), "Na dai" (na is
// "mãng cầu" in the south), "Vải thiều Lục Ngạn", honey from Mèo Vạc, 68 listings in all.

const cards = (page: Page) => page.getByTestId('listing-card');
const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Tìm nông sản' });

/** The prices on the cards, in đồng, top to bottom. */
async function cardPrices(page: Page): Promise<number[]> {
  const texts = await cards(page).locator('.price').allTextContents();
  return texts.map((text) => Number(text.match(/([\d.]+)\s*₫/)?.[1]?.replace(/\./g, '')));
}

/** "Cách 8,5 km" → 8.5, for every card that shows a distance. */
async function cardDistances(page: Page): Promise<number[]> {
  const texts = await page.getByTestId('card-distance').allTextContents();
  return texts.map((text) => Number(text.match(/([\d,]+)\s*km/)?.[1]?.replace(',', '.')));
}

function expectAscending(values: number[]): void {
  expect(values.length).toBeGreaterThan(1);
  expect(values.every((v) => Number.isFinite(v))).toBe(true);
  expect(values).toEqual([...values].sort((a, b) => a - b));
}

/** The cards' prices are in this order (polled: the cards follow the URL within a frame). */
async function expectPricesSorted(page: Page, order: 'asc' | 'desc'): Promise<void> {
  await expect
    .poll(async () => {
      const prices = await cardPrices(page);
      const sorted = [...prices].sort((a, b) => (order === 'asc' ? a - b : b - a));
      return prices.length > 1 && prices.every(Number.isFinite) && prices.join() === sorted.join();
    })
    .toBe(true);
}

/** Opens the "Bộ lọc" panel (a <details>, so this works without JavaScript too). */
async function openFilters(page: Page): Promise<void> {
  const panel = page.locator('details.panel');
  if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
  await expect(panel).toHaveAttribute('open', '');
}

async function typeQuery(box: Locator, text: string): Promise<void> {
  await box.click();
  await box.fill('');
  // Key by key, as on a phone: results follow the typing (debounced) without a submit.
  await box.pressSequentially(text, { delay: 20 });
}

test('typing without diacritics finds Thái Nguyên tea as you type, and the URL follows', async ({ page }, testInfo) => {
  await page.goto('/tim-kiem');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tìm nông sản');
  await expect(page.getByRole('navigation').last().getByRole('link', { name: 'Tìm kiếm' })).toHaveAttribute(
    'aria-current',
    'page',
  );

  const box = searchBox(page);
  await typeQuery(box, 'che thai nguyen');
  await expect(page).toHaveURL(/\/tim-kiem\?q=che\+thai\+nguyen$/);
  await expect(page.getByTestId('search-summary')).toContainText(/\d+ sản phẩm cho “che thai nguyen” · \d+ ms/);
  const tea = cards(page).filter({ hasText: 'Chè Tân Cương loại đặc biệt' });
  await expect(tea).toBeVisible();
  await expect(tea).toContainText('800.000 ₫ / kg');
  await expect(tea).toContainText('HTX Chè Tân Cương · Thái Nguyên');
  await expect(tea).toContainText('VietGAP');
  await expect(tea).toContainText('OCOP');
  // The field kept its focus (and the phone its keyboard) while the results changed under it.
  await expect(box).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('search-typing-390.png') });
  await expectNoSideScroll(page);

  // The URL is the state: a reload shows the same search, rendered by the server.
  await page.reload();
  await expect(searchBox(page)).toHaveValue('che thai nguyen');
  await expect(cards(page).filter({ hasText: 'Chè Tân Cương loại đặc biệt' })).toBeVisible();
});

test('a regional word and a typo still find the produce', async ({ page }) => {
  await page.goto('/tim-kiem');
  // "Mãng cầu" is the southern name of the northern "na".
  await typeQuery(searchBox(page), 'mang cau');
  await expect(page).toHaveURL(/q=mang\+cau/);
  await expect(cards(page).filter({ hasText: 'Na dai' })).toBeVisible();

  // One letter too many in "thiều".
  await typeQuery(searchBox(page), 'vai thieeu');
  await expect(page).toHaveURL(/q=vai\+thieeu/);
  await expect(cards(page).filter({ hasText: 'Vải thiều Lục Ngạn' })).toBeVisible();
});

test('words typed before the page script arrives (slow 3G) are kept, and their results follow', async ({ page }) => {
  // Hold the scripts back until the words are typed, as on a slow phone connection.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/enhance.js', async (route) => {
    await held;
    await route.continue();
  });
  // Not 'domcontentloaded': that event waits for the deferred script being held.
  await page.goto('/tim-kiem', { waitUntil: 'commit' });
  const box = searchBox(page);
  await box.click();
  await box.pressSequentially('mat ong', { delay: 10 });
  release();

  await expect(box).toHaveValue('mat ong');
  await expect(page).toHaveURL(/q=mat\+ong/);
  await expect(cards(page).filter({ hasText: 'Mật ong bạc hà Mèo Vạc' }).first()).toBeVisible();
});

test('suggestions appear while typing and one tap searches for it', async ({ page }, testInfo) => {
  await page.goto('/tim-kiem');
  const box = searchBox(page);
  await typeQuery(box, 'mat ong bac');
  const listbox = page.getByRole('listbox', { name: 'Gợi ý tìm kiếm' });
  const option = listbox.getByRole('option', { name: 'Mật ong bạc hà Mèo Vạc' });
  await expect(option).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await page.screenshot({ path: testInfo.outputPath('search-suggestions-390.png') });

  // Keyboard: down to the first suggestion; Escape closes the list and the field keeps its text.
  await box.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', 'q-suggestions-0');
  await box.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).toHaveValue('mat ong bac');

  await box.press('ArrowDown');
  await option.click();
  await expect(page).toHaveURL(/q=M%E1%BA%ADt\+ong\+b%E1%BA%A1c\+h%C3%A0\+M%C3%A8o\+V%E1%BA%A1c$/);
  await expect(box).toHaveValue('Mật ong bạc hà Mèo Vạc');
  // (The beekeeper's farm has the same name, so the title is what is checked.)
  await expect(
    cards(page)
      .locator('.title')
      .filter({ hasText: /^Mật ong bạc hà Mèo Vạc$/ }),
  ).toBeVisible();
});

test('a category chip and a sort change the URL and the results; back undoes them', async ({ page }, testInfo) => {
  await page.goto('/tim-kiem');
  // Mushrooms: a category no other browser test adds listings to.
  const mushrooms = page.getByTestId('category-chip').filter({ hasText: 'Nấm' });
  await expect(mushrooms).toContainText(/\d+/);
  await mushrooms.click();
  await expect(page).toHaveURL(/\/tim-kiem\?category=mushrooms$/);
  await expect(page.getByTestId('category-chip').filter({ hasText: 'Nấm' })).toHaveAttribute('aria-current', 'true');
  // Facet counts are over the filtered result: only the chosen category is left.
  await expect(page.getByTestId('category-chip')).toHaveCount(1);
  await expect(cards(page).filter({ hasText: 'Nấm hương rừng khô' })).toBeVisible();
  await expect(cards(page).filter({ hasText: 'Chè' })).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Xếp theo' }).selectOption({ label: 'Giá thấp đến cao' });
  await expect(page).toHaveURL(/\/tim-kiem\?category=mushrooms&sort=price_asc$/);
  await expectPricesSorted(page, 'asc');
  await page.screenshot({ path: testInfo.outputPath('search-category-390.png'), fullPage: true });
  await expectNoSideScroll(page);

  await page.getByRole('combobox', { name: 'Xếp theo' }).selectOption({ label: 'Giá cao đến thấp' });
  await expect(page).toHaveURL(/\/tim-kiem\?category=mushrooms&sort=price_desc$/);
  await expectPricesSorted(page, 'desc');

  // The chip again removes the filter.
  await page.getByTestId('category-chip').filter({ hasText: 'Nấm' }).click();
  await expect(page).toHaveURL(/\/tim-kiem\?sort=price_desc$/);
  await expect(page.getByTestId('category-chip').nth(1)).toBeVisible();

  // Every step was a history entry.
  await page.goBack();
  await expect(page).toHaveURL(/category=mushrooms&sort=price_desc$/);
  await page.goBack();
  await expect(page).toHaveURL(/category=mushrooms&sort=price_asc$/);
  await expectPricesSorted(page, 'asc');
});

test('the price range and the in-stock switch filter, in đồng written the Vietnamese way', async ({ page }) => {
  await page.goto('/tim-kiem?category=rice');
  await openFilters(page);
  await page.getByLabel('Từ', { exact: true }).fill('30k');
  await page.getByLabel('Đến', { exact: true }).fill('40.000');
  await page.getByLabel('Đến', { exact: true }).press('Enter');
  await expect(page).toHaveURL(/category=rice&minPrice=30000&maxPrice=40000/);
  await expect(page.getByTestId('active-filters')).toContainText('30.000 ₫ – 40.000 ₫');
  const prices = await cardPrices(page);
  expect(prices.length).toBeGreaterThan(0);
  expect(prices.every((p) => p >= 30_000 && p <= 40_000)).toBe(true);

  await openFilters(page);
  await expect(page.getByLabel('Từ', { exact: true })).toHaveValue('30.000');
  await page.getByLabel('Chỉ xem hàng còn').check();
  await expect(page).toHaveURL(/inStock=true/);
  await expect(page.getByTestId('active-filters')).toContainText('Còn hàng');

  // A price that is not one is shown back with a message, not sent.
  await page.goto('/tim-kiem?maxPrice=abc');
  await expect(page.getByLabel('Đến', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Giá chưa đúng. Hãy nhập số tiền, ví dụ 45.000.')).toBeVisible();
});

test('pages of results are links', async ({ page }) => {
  await page.goto('/tim-kiem');
  const pager = page.getByRole('navigation', { name: 'Các trang kết quả' });
  await expect(pager.getByRole('link', { name: 'Trang 1' })).toHaveAttribute('aria-current', 'page');
  await expect(cards(page)).toHaveCount(20);
  const first = await cards(page).first().textContent();

  await pager.getByRole('link', { name: 'Trang 2' }).click();
  await expect(page).toHaveURL(/\/tim-kiem\?page=2$/);
  await expect(pager.getByRole('link', { name: 'Trang 2' })).toHaveAttribute('aria-current', 'page');
  await expect(cards(page)).toHaveCount(20);
  await expect(cards(page).first()).not.toHaveText(first ?? '');
  const box = await pager.getByRole('link', { name: 'Trang 2' }).boundingBox();
  expect(box?.height).toBeGreaterThanOrEqual(44);
  expect(box?.width).toBeGreaterThanOrEqual(44);

  await pager.getByRole('link', { name: 'Trang sau' }).click();
  await expect(page).toHaveURL(/page=3/);
  await pager.getByRole('link', { name: 'Trang trước' }).click();
  await expect(page).toHaveURL(/page=2/);
});

test('a listing that sells out shows "Hết hàng" in the results', async ({ page }, testInfo) => {
  await signInThroughApi(page.request, uniquePhone(testInfo.workerIndex));
  const sellerId = await createFarm(page.request, 'Vườn thử hết hàng');
  // A word no demo listing has, so the search finds this listing alone.
  const tag = `khoaimon${Date.now().toString(36)}${testInfo.workerIndex}`;
  const listingId = await createListing(page.request, {
    sellerId,
    title: `Khoai môn ${tag}`,
    category: 'vegetables',
    unit: 'kg',
    priceVnd: 28_000,
    stock: 1,
    status: 'active',
  });
  const sold = await page.request.post(`/api/v1/listings/${listingId}/adjustments`, {
    headers: fromStorefront(),
    data: { delta: -1, reason: 'count' },
  });
  expect(sold.status(), await sold.text()).toBe(200);

  // The search index follows through the outbox relay within seconds: reload until it has.
  await expect(async () => {
    await page.goto(`/tim-kiem?q=${tag}`);
    await expect(cards(page).filter({ hasText: tag })).toContainText('Hết hàng', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const card = cards(page).filter({ hasText: tag });
  await expect(card).toContainText('28.000 ₫ / kg');
  await expect(card).toContainText('Vườn thử hết hàng · Thái Nguyên');

  // "Sold out only" is a filter too (the in-stock switch's other side).
  await page.goto(`/tim-kiem?q=${tag}&inStock=true`);
  await expect(page.getByTestId('search-empty')).toBeVisible();
  await page.goto(`/tim-kiem?q=${tag}&inStock=false`);
  await expect(cards(page)).toHaveCount(1);
});

test.describe('near me', () => {
  // A buyer in Thái Nguyên city who allows the site to know where they are.
  test.use({ geolocation: { latitude: 21.5942, longitude: 105.8482 }, permissions: ['geolocation'] });

  test('asks for the location only when pressed, then sorts by distance', async ({ page }, testInfo) => {
    await page.goto('/tim-kiem?q=che');
    await expect(page.getByTestId('card-distance')).toHaveCount(0);
    await page.getByRole('button', { name: 'Gần tôi' }).click();
    await expect(page).toHaveURL(/q=che&near=21\.59%2C105\.85&sort=distance/);
    await expect(page.getByRole('combobox', { name: 'Xếp theo' })).toHaveValue('distance');
    await expect(page.getByText('Đang xếp theo khoảng cách từ vị trí của bạn.')).toBeVisible();
    await expect(page.getByTestId('card-distance').first()).toBeVisible();
    const distances = await cardDistances(page);
    expectAscending(distances);
    await page.screenshot({ path: testInfo.outputPath('search-near-390.png') });
    await expectNoSideScroll(page);

    // Within 25 km: Tân Cương (about 9 km) stays, Ba Bể and Lục Ngạn drop out.
    await openFilters(page);
    await page.getByLabel('Trong vòng').selectOption({ label: '25 km' });
    await expect(page).toHaveURL(/radiusKm=25/);
    await expect(page.getByTestId('active-filters')).toContainText('Gần tôi, trong 25 km');
    const near = await cardDistances(page);
    expect(near.length).toBeGreaterThan(0);
    expect(near.every((km) => km <= 25)).toBe(true);

    await page.getByRole('link', { name: 'Bỏ vị trí' }).click();
    await expect(page).toHaveURL(/\/tim-kiem\?q=che$/);
    await expect(page.getByTestId('card-distance')).toHaveCount(0);
  });
});

test('nothing found: spelling suggestions and categories to try', async ({ page }) => {
  await page.goto('/tim-kiem');
  // Two letters too many: beyond what search forgives ("mat ogn", one swap, now finds honey).
  await typeQuery(searchBox(page), 'mat onggg');
  const empty = page.getByTestId('search-empty');
  await expect(empty).toContainText('Không tìm thấy sản phẩm nào cho “mat onggg”.');
  await expect(empty).toContainText('Có phải bạn muốn tìm:');
  // Other tests add listings as they run: any honey title will do, not one in particular.
  await expect(empty.getByRole('link', { name: /^Mật ong/ }).first()).toBeVisible();
  await expect(empty.getByRole('link', { name: 'Chè, trà' })).toHaveAttribute('href', '/tim-kiem?category=tea');

  await page.goto('/tim-kiem?q=xyzzyq');
  await expect(page.getByTestId('search-empty')).toContainText('Không tìm thấy sản phẩm nào cho “xyzzyq”.');
  await page.getByTestId('search-empty').getByRole('link', { name: 'Hoa quả' }).click();
  await expect(page).toHaveURL(/\/tim-kiem\?category=fruit$/);
  await expect(page.getByTestId('search-empty')).toHaveCount(0);
  await expect(cards(page).first()).toBeVisible();

  // Found, but not in the chosen category: the way out is to drop the filter.
  await page.goto('/tim-kiem?q=su+hao&category=honey');
  await page.getByTestId('search-empty').getByRole('link', { name: 'Bỏ bộ lọc để xem thêm' }).click();
  await expect(page).toHaveURL(/\/tim-kiem\?q=su\+hao$/);
  await expect(cards(page).filter({ hasText: 'Su hào' })).toBeVisible();
});

test('a bad parameter in the URL gets a friendly message, not an error page', async ({ page }) => {
  const response = await page.goto('/tim-kiem?q=che&sort=cheapest&province=Atlantis');
  expect(response?.status()).toBe(200);
  const problem = page.getByTestId('search-problem');
  await expect(problem).toContainText('Đường dẫn tìm kiếm có chỗ chưa đúng.');
  await problem.getByRole('link', { name: 'Bỏ bộ lọc, tìm lại' }).click();
  await expect(page).toHaveURL(/\/tim-kiem\?q=che$/);
  await expect(cards(page).first()).toBeVisible();
});

test('the home page’s search box is the search page’s: the same suggestions, one tap searches (issue 21)', async ({
  page,
}) => {
  await page.goto('/');
  const box = searchBox(page);
  await typeQuery(box, 'mat ong bac');
  const option = page.getByRole('listbox', { name: 'Gợi ý tìm kiếm' }).getByRole('option', {
    name: 'Mật ong bạc hà Mèo Vạc',
  });
  await expect(option).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await option.click();
  await expect(page).toHaveURL(/\/tim-kiem\?q=M%E1%BA%ADt\+ong\+b%E1%BA%A1c\+h%C3%A0\+M%C3%A8o\+V%E1%BA%A1c$/);
  await expect(searchBox(page)).toHaveValue('Mật ong bạc hà Mèo Vạc');
});

test('the home page: a search box and the categories lead to the search page', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Nông sản tươi');
  await expect(page.getByRole('heading', { name: 'Hàng mới lên' })).toBeVisible();
  await expect(page.locator('.fresh').getByTestId('listing-card')).toHaveCount(8);
  await page.screenshot({ path: testInfo.outputPath('home-search-390.png'), fullPage: true });
  await expectNoSideScroll(page);

  await searchBox(page).fill('gao nep');
  await searchBox(page).press('Enter');
  await expect(page).toHaveURL(/\/tim-kiem\?q=gao\+nep$/);
  await expect(cards(page).filter({ hasText: 'Gạo nếp cái hoa vàng' })).toBeVisible();

  await page.goto('/');
  await page.getByRole('region', { name: 'Mua theo loại hàng' }).getByRole('link', { name: 'Nấm' }).click();
  await expect(page).toHaveURL(/\/tim-kiem\?category=mushrooms$/);
  await expect(cards(page).filter({ hasText: 'Nấm hương rừng khô' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form submits, chips and pages are links, filters apply with the button', async ({ page }) => {
    await page.goto('/');
    await searchBox(page).fill('che tan cuong');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect(page).toHaveURL(/\/tim-kiem\?q=che\+tan\+cuong$/);
    await expect(cards(page).filter({ hasText: 'Chè Tân Cương loại đặc biệt' })).toBeVisible();
    // Geolocation needs JavaScript: no button that cannot work.
    await expect(page.getByRole('button', { name: 'Gần tôi' })).toHaveCount(0);

    await page.getByTestId('category-chip').filter({ hasText: 'Chè, trà' }).click();
    await expect(page).toHaveURL(/\/tim-kiem\?q=che\+tan\+cuong&category=tea$/);

    await openFilters(page);
    await page.getByLabel('Đến', { exact: true }).fill('300.000');
    await page.getByLabel('Xếp theo').selectOption('price_desc');
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    // The plain form's own query string: every field, as typed; the page reads it the same way.
    await expect(page).toHaveURL(/category=tea&sort=price_desc&minPrice=&maxPrice=300\.000$/);
    await expect(page.getByTestId('active-filters')).toContainText('Đến 300.000 ₫');
    const prices = await cardPrices(page);
    expect(prices.length).toBeGreaterThan(0);
    expect(prices.every((p) => p <= 300_000)).toBe(true);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));

    await page.getByRole('link', { name: 'Bỏ lọc: Đến 300.000 ₫' }).click();
    await expect(page).toHaveURL(/\/tim-kiem\?q=che\+tan\+cuong&category=tea&sort=price_desc$/);

    await page.goto('/tim-kiem');
    await page.getByRole('navigation', { name: 'Các trang kết quả' }).getByRole('link', { name: 'Trang 2' }).click();
    await expect(page).toHaveURL(/\/tim-kiem\?page=2$/);
    await expect(cards(page)).toHaveCount(20);
  });
});
