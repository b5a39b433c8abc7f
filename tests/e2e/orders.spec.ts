import type { Page } from '@playwright/test';
import { expect, expectNoSideScroll, readDevCode, test, uniquePhone } from './fixtures.ts';
import { signInThroughApi } from './seller-helpers.ts';

// Ordering at a phone viewport: a buyer fills a cart from two sellers of the demo catalogue (the
// Tân Cương tea cooperative and the Phú Bình vegetable farm), signs in inside checkout, orders
// with cash on delivery; the farm confirms and sends its part from its orders page; the buyer
// sees the new status. Then the same without JavaScript, and a double-submitted checkout.

const TEA = { seller: 'sel_demo_tancuong', title: 'Chè móc câu Tân Cương', price: '450.000 ₫' };
const GREENS = { seller: 'sel_demo_phubinh', title: 'Rau cải ngọt', price: '20.000 ₫' };
/** Đinh Thị Thu, owner of the Phú Bình farm in the demo data (db/src/seed.ts). */
const FARMER_PHONE = '0912 000 005';

const bottomNav = (page: Page) => page.getByRole('navigation').last();

/** What the phone shows (390×844, from the top) and the whole page, for looking at. */
async function screenshots(page: Page, name: string, outputPath: (name: string) => string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: outputPath(`${name}-390.png`) });
  await page.screenshot({ path: outputPath(`${name}-full-390.png`), fullPage: true });
}

/** From the seller's public page to one of its listings, as a buyer finds it. */
async function openListing(page: Page, item: { seller: string; title: string }): Promise<void> {
  await page.goto(`/nguoi-ban/${item.seller}`);
  await page.getByTestId('listing-card').filter({ hasText: item.title }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(item.title);
}

/** The two steps of signing in, wherever the form is (sign-in page or checkout). */
async function signInHere(page: Page, phone: string, name?: string): Promise<void> {
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByRole('button', { name: 'Gửi mã' }).click();
  const code = await readDevCode(page);
  await page.getByLabel('Mã 6 số').fill(code);
  if (name) await page.getByLabel('Tên của bạn (không bắt buộc)').fill(name);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/**
 * "Thêm vào giỏ", then the server's answer: the notice shows at once, the link to the cart once
 * the cookie is written (leaving the page before that could lose the addition).
 */
async function addToCart(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Thêm vào giỏ' }).click();
  await expect(page.getByRole('link', { name: 'Xem giỏ hàng' })).toBeVisible();
}

const sellerSection = (page: Page, sellerName: RegExp) =>
  page.getByTestId('cart-seller').filter({ hasText: sellerName });

test('a buyer orders from two sellers with cash on delivery; the farm confirms and ships; the buyer sees it', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const buyerPhone = uniquePhone(testInfo.workerIndex);

  // Tea from the cooperative: one kilo, the least that can be ordered.
  await openListing(page, TEA);
  await expect(page.getByLabel('Số lượng (kg)')).toHaveValue('1');
  await addToCart(page);
  await expect(page.getByRole('status').filter({ hasText: 'Đã thêm 1 kg vào giỏ.' })).toBeVisible();
  await expect(page.getByTestId('cart-count')).toHaveText('1');

  // Greens from the farm: two kilos, stepped up with +.
  await openListing(page, GREENS);
  await page.getByRole('button', { name: `Thêm 1 kg ${GREENS.title}` }).click();
  await expect(page.getByLabel('Số lượng (kg)')).toHaveValue('2');
  await addToCart(page);
  await expect(page.getByText('Đã thêm 2 kg vào giỏ.')).toBeVisible();
  await expect(page.getByTestId('cart-count')).toHaveText('2');

  // The cart, grouped by seller, priced by the API.
  await bottomNav(page)
    .getByRole('link', { name: /Giỏ hàng/ })
    .click();
  await expect(page).toHaveURL(/\/gio-hang$/);
  await expect(page.getByTestId('cart-seller')).toHaveCount(2);
  const tea = sellerSection(page, /HTX Chè Tân Cương/);
  const greens = sellerSection(page, /Vườn bưởi và rau sạch chị Thu/);
  await expect(tea).toContainText(`${TEA.price} / kg`);
  await expect(tea).toContainText('Xóm Hồng Thái 2, xã Tân Cương, Thái Nguyên');
  await expect(page.getByTestId('cart-total')).toHaveText('490.000 ₫');

  // One more kilo of greens: the line and the total change at once and stay changed.
  await greens.getByRole('button', { name: `Thêm 1 kg ${GREENS.title}` }).click();
  await expect(greens.getByTestId('cart-quantity')).toHaveText('3 kg');
  await expect(page.getByTestId('cart-total')).toHaveText('510.000 ₫');
  // Both sellers deliver for a fee at these totals: the cart asks each (issue 21) instead of guessing.
  await expect(tea.getByTestId('handover-ask')).toBeVisible();
  await expect(greens.getByTestId('handover-ask')).toBeVisible();
  // The farm delivers for 15.000 ₫ (free from 300.000 ₫); the tea is picked up.
  await greens.getByLabel(/Giao tận nơi — 15\.000\s₫/).check();
  await expect(greens).toContainText('mua thêm 240.000 ₫');
  await tea.getByLabel(/Tự đến lấy/).check();
  await expect(page.getByTestId('handover-ask')).toHaveCount(0);
  await expect(page.getByTestId('cart-total')).toHaveText('525.000 ₫');
  // Saved (checkout can be pressed again once every change is in the cookie), and still there after a reload.
  await expect(page.getByRole('button', { name: 'Đặt hàng · 525.000 ₫' })).toBeVisible();
  await page.reload();
  await expect(sellerSection(page, /chị Thu/).getByLabel(/Giao tận nơi/)).toBeChecked();
  await expect(page.getByTestId('cart-total')).toHaveText('525.000 ₫');
  await expectNoSideScroll(page);
  await screenshots(page, 'cart', (n) => testInfo.outputPath(n));

  // Checkout: signing in happens on the page itself, then the address (the farm delivers).
  await page.getByRole('button', { name: 'Đặt hàng · 525.000 ₫' }).click();
  await expect(page).toHaveURL(/\/thanh-toan$/);
  await expect(page.getByRole('heading', { name: 'Đăng nhập để đặt hàng' })).toBeVisible();
  await screenshots(page, 'checkout-sign-in', (n) => testInfo.outputPath(n));
  await signInHere(page, buyerPhone, 'Lê Thị Mai');
  await expect(page).toHaveURL(/\/thanh-toan$/);
  await expect(page.getByText(/Đặt hàng với số 0/)).toBeVisible();
  await expect(page.getByLabel('Tên người nhận')).toHaveValue('Lê Thị Mai');
  await page.getByLabel('Tỉnh / thành phố').selectOption('Thái Nguyên');
  await page.getByLabel('Xã / phường').fill('Phường Phan Đình Phùng');
  await page.getByLabel('Số nhà, đường, thôn / xóm').fill('12 Hoàng Văn Thụ');
  // The ways to pay this deployment offers (cash on delivery, bank transfer, card), cash first and chosen.
  await expect(page.getByLabel('Thanh toán khi nhận hàng (COD)')).toBeChecked();
  await expect(page.getByRole('radio')).toHaveCount(3);
  await expect(page.getByTestId('checkout-total')).toHaveText('525.000 ₫');
  await expectNoSideScroll(page);
  await screenshots(page, 'checkout', (n) => testInfo.outputPath(n));
  await page.getByRole('button', { name: 'Đặt hàng · 525.000 ₫' }).click();

  // The confirmation: the order's code, and the cart is empty again.
  await expect(page).toHaveURL(/\/don-hang\/ord_[a-z0-9]+\?moi=1$/);
  const placed = page.getByTestId('order-placed');
  await expect(placed).toContainText(/Đặt hàng thành công! Mã đơn của bạn là NS-[0-9A-Z]{6}\./);
  const code = (await placed.textContent())?.match(/NS-[0-9A-Z]{6}/)?.[0] ?? '';
  await expect(page.getByTestId('order-total')).toHaveText('525.000 ₫');
  await expect(page.getByTestId('cart-count')).toHaveCount(0);
  await screenshots(page, 'order-placed', (n) => testInfo.outputPath(n));

  // My orders: one order, two sellers, each awaiting confirmation.
  await bottomNav(page).getByRole('link', { name: 'Đơn hàng' }).click();
  await expect(page).toHaveURL(/\/don-hang$/);
  const order = page.getByTestId('order').filter({ hasText: code });
  await expect(order.getByTestId('order-fulfilment')).toHaveCount(2);
  await expect(order.locator('[aria-current="step"]')).toHaveText(['Chờ xác nhận', 'Chờ xác nhận']);
  await expectNoSideScroll(page);
  await screenshots(page, 'my-orders', (n) => testInfo.outputPath(n));

  // The farmer, on her own phone: confirm, then send it out, one tap each.
  const farmerContext = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const farmer = await farmerContext.newPage();
  await farmer.goto('/dang-nhap?redirectTo=%2Fban-hang%2Fdon-hang');
  await signInHere(farmer, FARMER_PHONE);
  await expect(farmer).toHaveURL(/\/ban-hang\/don-hang$/);
  await expect(farmer.getByRole('heading', { level: 1 })).toHaveText('Đơn hàng cần xử lý');
  const card = farmer.getByTestId('seller-fulfilment').filter({ hasText: code });
  await expect(card).toContainText('3 kg Rau cải ngọt');
  await expect(card).toContainText('Phường Phan Đình Phùng');
  await expect(card).toContainText('75.000 ₫'); // 60.000 ₫ of greens and 15.000 ₫ delivery, collected in cash
  await expect(card.getByTestId('status')).toHaveText('Chờ xác nhận');
  await card.getByRole('button', { name: 'Xác nhận đơn' }).click();
  await expect(card.getByTestId('status')).toHaveText('Đã xác nhận');
  await expect(card.getByRole('status')).toHaveText(`Đã xác nhận đơn ${code}.`);
  await card.getByRole('button', { name: 'Đã gửi hàng đi' }).click();
  await expect(card.getByTestId('status')).toHaveText('Đang giao');
  await expect(card.getByRole('button', { name: 'Đã giao xong' })).toBeVisible();
  await expectNoSideScroll(farmer);
  await screenshots(farmer, 'seller-orders', (n) => testInfo.outputPath(n));
  // Only its own part: the cooperative's tea is not on the farm's page.
  await expect(card).not.toContainText(TEA.title);
  await farmerContext.close();

  // The buyer sees the farm's part on its way, the cooperative's still waiting.
  await page.reload();
  const fulfilments = page.getByTestId('order').filter({ hasText: code }).getByTestId('order-fulfilment');
  await expect(fulfilments.filter({ hasText: 'chị Thu' }).locator('[aria-current="step"]')).toHaveText('Đang giao');
  await expect(fulfilments.filter({ hasText: 'Tân Cương' }).locator('[aria-current="step"]')).toHaveText(
    'Chờ xác nhận',
  );
  await screenshots(page, 'my-orders-shipped', (n) => testInfo.outputPath(n));

  // Once sent, the farm's part can no longer be cancelled; the tea can, and the order says so.
  await page.getByRole('link', { name: `Đơn ${code}` }).click();
  await page.getByText('Huỷ đơn hàng').click();
  await page.getByRole('button', { name: 'Có, huỷ đơn này' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã huỷ đơn hàng.' })).toBeVisible();
  const parts = page.getByTestId('order-fulfilment');
  await expect(parts.filter({ hasText: 'Tân Cương' }).getByTestId('status')).toHaveText('Đã huỷ');
  await expect(parts.filter({ hasText: 'chị Thu' }).getByTestId('status')).toHaveText('Đang giao');
});

test.describe('without JavaScript', () => {
  // A form post that fails answers 422, which Chromium logs for the document it loads.
  test.use({ javaScriptEnabled: false, expectedConsoleErrors: [/the server responded with a status of 422/] });

  test('the cart, checkout and cancelling work with plain form posts', async ({ page }, testInfo) => {
    test.setTimeout(90_000);
    const buyerPhone = uniquePhone(testInfo.workerIndex);

    await openListing(page, TEA);
    await page.getByLabel('Số lượng (kg)').fill('2');
    await addToCart(page);
    await expect(page.getByText('Đã thêm 2 kg vào giỏ.')).toBeVisible();
    await expect(page.getByTestId('cart-count')).toHaveText('1');
    // Adding again adds to the same line.
    await addToCart(page);
    await expect(page.getByText('Đã thêm 1 kg vào giỏ.')).toBeVisible();

    await page.goto('/gio-hang');
    const tea = sellerSection(page, /HTX Chè Tân Cương/);
    await expect(tea.getByTestId('cart-quantity')).toHaveText('3 kg');
    await tea.getByRole('button', { name: `Bớt 1 kg ${TEA.title}` }).click();
    await expect(tea.getByTestId('cart-quantity')).toHaveText('2 kg');
    await expect(page.getByTestId('cart-total')).toHaveText('900.000 ₫');
    // One form, one submit (issue 21): the delivery ticked travels with "Đặt hàng", no save button
    // first. The page cannot update its total without JavaScript; checkout shows the fee.
    await expect(tea.getByTestId('handover-ask')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Lưu cách nhận' })).toHaveCount(0);
    await tea.getByLabel(/Giao tận nơi — 30\.000\s₫/).check();
    await page.getByRole('button', { name: 'Đặt hàng · 900.000 ₫' }).click();
    await signInHere(page, buyerPhone);
    await expect(page).toHaveURL(/\/thanh-toan$/);

    // A wrong phone number and a missing street are answered next to their fields; nothing is placed.
    await page.getByLabel('Tên người nhận').fill('Nguyễn Văn An');
    await page.getByLabel('Số điện thoại người nhận').fill('12345');
    await page.getByLabel('Tỉnh / thành phố').selectOption('Hà Nội');
    await page.getByLabel('Xã / phường').fill('Phường Ba Đình');
    await page.getByRole('button', { name: 'Đặt hàng · 930.000 ₫' }).click();
    await expect(page.getByTestId('checkout-error')).toHaveText('Hãy sửa các mục được đánh dấu bên dưới.');
    await expect(page.getByText('Số điện thoại chưa đúng.')).toBeVisible();
    await expect(page.getByLabel('Số nhà, đường, thôn / xóm')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Xã / phường')).toHaveValue('Phường Ba Đình');

    await page.getByLabel('Số điện thoại người nhận').fill('0987 654 321');
    await page.getByLabel('Số nhà, đường, thôn / xóm').fill('5 Phố Điện Biên Phủ');
    await page.getByRole('button', { name: 'Đặt hàng · 930.000 ₫' }).click();
    await expect(page.getByTestId('order-placed')).toContainText('Đặt hàng thành công!');
    await expect(page.getByTestId('cart-count')).toHaveCount(0);

    await page.getByText('Huỷ đơn hàng').click();
    await page.getByRole('button', { name: 'Có, huỷ đơn này' }).click();
    await expect(page.getByText('Đã huỷ đơn hàng.')).toBeVisible();
    await expect(page.getByTestId('order-fulfilment').getByTestId('status')).toHaveText('Đã huỷ');
  });
});

test('a checkout sent twice places one order', async ({ page, baseURL }, testInfo) => {
  const buyerPhone = uniquePhone(testInfo.workerIndex);
  await openListing(page, GREENS);
  await addToCart(page);
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  // The farm delivers for a fee: the cart asks first (checkout sends an undecided cart back there).
  await page.goto('/thanh-toan');
  await expect(page).toHaveURL(/\/gio-hang$/);
  const saved = page.waitForResponse((response) => response.url().includes('/gio-hang?/delivery'));
  await sellerSection(page, /chị Thu/)
    .getByLabel(/Tự đến lấy/)
    .check();
  await saved;
  await page.goto('/thanh-toan');
  await signInHere(page, buyerPhone);
  await expect(page).toHaveURL(/\/thanh-toan$/);

  // The form as the browser would post it, twice at once (a double tap before the first answer):
  // both carry the same hidden key and the same cart cookie.
  const key = await page.locator('input[name="idempotencyKey"]').inputValue();
  const expectedTotal = await page.locator('input[name="expectedTotal"]').inputValue();
  const post = () =>
    page.request.post('/thanh-toan?/placeOrder', {
      // A browser's form post: HTML accepted (with */* SvelteKit would answer the JSON of enhance).
      headers: { origin: baseURL ?? '', accept: 'text/html' },
      form: { idempotencyKey: key, expectedTotal, paymentMethod: 'cod' },
      maxRedirects: 0,
    });
  const [first, second] = await Promise.all([post(), post()]);
  expect(first.status()).toBe(303);
  expect(second.status()).toBe(303);
  expect(first.headers().location).toMatch(/^\/don-hang\/ord_[a-z0-9]+\?moi=1$/);
  expect(second.headers().location).toBe(first.headers().location);

  await page.goto('/don-hang');
  await expect(page.getByTestId('order')).toHaveCount(1);
});

test.describe('who sees what', () => {
  // Opening someone else's order answers 404, which Chromium logs for the document it loads.
  test.use({ expectedConsoleErrors: [/the server responded with a status of 404/] });

  test('orders are for their buyer; orders to handle are for sellers', async ({ page, browser, baseURL }, testInfo) => {
    // A buyer's order, placed through the API on the storefront's origin.
    await signInThroughApi(page.request, uniquePhone(testInfo.workerIndex));
    const placed = await page.request.post('/api/v1/orders', {
      headers: { 'idempotency-key': crypto.randomUUID(), origin: baseURL ?? '' },
      data: {
        items: [{ listingId: 'lst_demo_pb_raumuong', quantity: 2 }],
        delivery: { method: 'pickup' },
        paymentMethod: 'cod',
      },
    });
    expect(placed.status(), await placed.text()).toBe(201);
    const orderId = ((await placed.json()) as { order: { id: string } }).order.id;
    await page.goto(`/don-hang/${orderId}`);
    await expect(page.getByTestId('order-fulfilment')).toContainText('Rau muống');

    // Nobody signed in: asked to sign in, and brought back.
    const anonymous = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const visitor = await anonymous.newPage();
    await visitor.goto(`/don-hang/${orderId}`);
    await expect(visitor).toHaveURL(`/dang-nhap?redirectTo=${encodeURIComponent(`/don-hang/${orderId}`)}`);
    await visitor.goto('/ban-hang/don-hang');
    await expect(visitor).toHaveURL(/\/dang-nhap\?redirectTo=%2Fban-hang%2Fdon-hang$/);

    // Someone else: the order does not exist for them, and they have no orders to handle.
    await signInThroughApi(visitor.request, uniquePhone(testInfo.workerIndex));
    await visitor.goto(`/don-hang/${orderId}`);
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy trang này');
    await expect(visitor.getByText('Rau muống')).toHaveCount(0);
    await visitor.goto('/don-hang');
    await expect(visitor.getByText('Bạn chưa có đơn hàng nào.')).toBeVisible();
    await visitor.goto('/ban-hang/don-hang');
    await expect(visitor).toHaveURL(/\/ban-hang\/dang-ky$/);
    await anonymous.close();
  });
});

test('the cart and orders speak English too', async ({ page }) => {
  await openListing(page, GREENS);
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText('Added 1 kg to the cart.')).toBeVisible();
  await page.getByRole('link', { name: 'View cart' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cart');
  await expect(page.getByText('Pick up — free')).toBeVisible();
  await expect(page.getByTestId('handover-ask')).toHaveText(
    'This seller delivers for a fee: pick it up yourself, or have it delivered?',
  );
  await page.getByLabel(/Pick up — free/).check();
  await expect(page.getByTestId('handover-ask')).toHaveCount(0);
  await page.getByRole('button', { name: /^Order · / }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to order' })).toBeVisible();
});
