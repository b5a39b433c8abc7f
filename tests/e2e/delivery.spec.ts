import type { Page } from '@playwright/test';
import { expect, expectNoSideScroll, test, uniquePhone } from './fixtures.ts';
import { signInThroughApi } from './seller-helpers.ts';

// Delivery fees by address (issue 15) at 390×844, on the demo catalogue: the Tân Cương tea
// cooperative delivers across Thái Nguyên for 30.000 ₫ and to Hà Nội by weight (0–2 kg 35.000 ₫);
// the Phú Bình farm delivers across Thái Nguyên only, for 15.000 ₫ (db/src/seed.ts). A buyer adds
// an address by typing a commune without diacritics, sees both sellers' fees follow the address
// (and the farm say it does not deliver to Hà Nội, offering pickup), and orders.

const communeBox = (page: Page) => page.getByRole('searchbox', { name: 'Tên xã / phường' });
const part = (page: Page, seller: RegExp) => page.getByTestId('checkout-seller').filter({ hasText: seller });
const TEA = /HTX Chè Tân Cương/;
const GREENS = /chị Thu/;

async function addFromListing(page: Page, seller: string, title: string): Promise<void> {
  await page.goto(`/nguoi-ban/${seller}`);
  await page.getByTestId('listing-card').filter({ hasText: title }).getByRole('link').click();
  await page.getByRole('button', { name: 'Thêm vào giỏ' }).click();
  await expect(page.getByRole('link', { name: 'Xem giỏ hàng' })).toBeVisible();
}

/** The checkout's new-address form: a commune typed without diacritics, picked from the list. */
async function addAddress(page: Page, typed: string, commune: RegExp, street: string): Promise<void> {
  const form = page.locator('details').filter({ hasText: 'Thêm địa chỉ mới' });
  if ((await form.getAttribute('open')) === null) await form.locator('summary').click();
  await page.getByLabel('Người nhận', { exact: true }).fill('Trần Thị Lan');
  await page.getByLabel('Số điện thoại người nhận').fill('0912 345 678');
  await communeBox(page).pressSequentially(typed);
  const option = page.getByRole('radio', { name: commune });
  await expect(option).toBeVisible();
  await option.check();
  await page.getByLabel('Số nhà, đường, thôn / xóm').fill(street);
  await page.getByRole('button', { name: 'Lưu và giao đến địa chỉ này' }).click();
  await expect(page).toHaveURL(/\/thanh-toan\?diachi=adr_/);
}

test('a buyer picks a commune typed without diacritics, sees two sellers’ fees follow the address, and orders', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await signInThroughApi(page.request, uniquePhone(testInfo.workerIndex));
  await addFromListing(page, 'sel_demo_tancuong', 'Chè móc câu Tân Cương'); // 1 kg, 450.000 ₫
  await addFromListing(page, 'sel_demo_phubinh', 'Rau cải ngọt'); // 1 kg, 20.000 ₫

  // The cart, before any address: the lowest fee each seller's zones start at; both delivered.
  await page.goto('/gio-hang');
  const cartPart = (seller: RegExp) => page.getByTestId('cart-seller').filter({ hasText: seller });
  await cartPart(TEA)
    .getByLabel(/Giao tận nơi — 30\.000\s₫/)
    .check();
  await cartPart(GREENS)
    .getByLabel(/Giao tận nơi — 15\.000\s₫/)
    .check();
  await expect(page.getByRole('button', { name: 'Đặt hàng · 515.000 ₫' })).toBeVisible();
  await page.getByRole('button', { name: 'Đặt hàng · 515.000 ₫' }).click();
  await expect(page).toHaveURL(/\/thanh-toan$/);

  // In Thái Nguyên: both deliver, at their province's fees.
  await addAddress(page, 'phan dinh phung', /Phường Phan Đình Phùng\s*Thái Nguyên/, '12 Hoàng Văn Thụ');
  await expect(part(page, TEA)).toContainText('Giao tận nơi · 30.000 ₫');
  await expect(part(page, GREENS)).toContainText('Giao tận nơi · 15.000 ₫');
  await expect(page.getByTestId('checkout-total')).toHaveText('515.000 ₫');

  // In Hà Nội: the cooperative charges its weight band, the farm does not deliver there and says so
  // before anything is paid; its part becomes a pickup at its place.
  await addAddress(page, 'ba dinh', /Phường Ba Đình\s*Hà Nội/, '5 Phố Điện Biên Phủ');
  await expect(part(page, TEA)).toContainText('Giao tận nơi · 35.000 ₫');
  await expect(part(page, GREENS)).toContainText('Tự đến lấy');
  await expect(part(page, GREENS).getByTestId('delivery-unavailable')).toHaveText(
    'Người bán này không giao đến Phường Ba Đình. Phần này bạn tự đến lấy, hoặc chọn địa chỉ khác.',
  );
  await expect(page.getByTestId('checkout-total')).toHaveText('505.000 ₫');
  await expectNoSideScroll(page);

  // Back to the first address, one tap in the book: the fees follow it at once.
  await expect(page.getByTestId('checkout-address')).toHaveCount(2);
  await page.getByTestId('checkout-address').filter({ hasText: 'Phan Đình Phùng' }).getByRole('radio').check();
  await expect(part(page, GREENS)).toContainText('Giao tận nơi · 15.000 ₫');
  await expect(part(page, TEA)).toContainText('Giao tận nơi · 30.000 ₫');
  await expect(page.getByTestId('checkout-total')).toHaveText('515.000 ₫');

  await page.getByRole('button', { name: 'Đặt hàng · 515.000 ₫' }).click();
  await expect(page).toHaveURL(/\/don-hang\/ord_[a-z0-9]+\?moi=1$/);
  await expect(page.getByTestId('order-total')).toHaveText('515.000 ₫');
  await expect(page.getByText('Phường Phan Đình Phùng').first()).toBeVisible();
});
