import { expect, expectNoSideScroll, fromStorefront, test, uniquePhone } from './fixtures.ts';
import { createFarm, signInThroughApi } from './seller-helpers.ts';

// Sold by weight at a phone viewport (decision 0029): a farm lists pork by the kilo (from 0,5 kg,
// in steps of 0,1 kg); a buyer types "1,5" with the Vietnamese decimal comma and the cart prices
// exactly 1.5 kg, rounded to the đồng.

// The off-step refusal is a 422 answer to the form, which the browser logs.
test.use({ expectedConsoleErrors: [/status of 422/] });

test('a buyer orders pork by weight: 1,5 kg typed with a comma, priced to the đồng', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const seller = await browser.newContext();
  await signInThroughApi(seller.request, uniquePhone(testInfo.workerIndex));
  const sellerId = await createFarm(seller.request, 'Trại lợn nhà anh Tư');
  const created = await seller.request.post('/api/v1/listings', {
    headers: fromStorefront(),
    data: {
      sellerId,
      title: 'Thịt lợn ba chỉ',
      category: 'meat_eggs',
      unit: 'kg',
      soldBy: 'measure',
      minOrder: 0.5,
      quantityStep: 0.1,
      priceVnd: 85_333,
      stock: 5,
      status: 'active',
    },
  });
  expect(created.status()).toBe(201);
  const listing = (await created.json()) as { id: string };
  await seller.close();

  await page.goto(`/san-pham/${listing.id}`);
  const field = page.locator('#quantity');
  await expect(field).toHaveAttribute('inputmode', 'decimal');
  await expect(field).toHaveValue('0,5');
  await field.fill('1,5');
  await page.getByRole('button', { name: 'Thêm vào giỏ' }).click();
  await expect(page.getByRole('link', { name: 'Xem giỏ hàng' })).toBeVisible();

  await page.goto('/gio-hang');
  // 85 333 × 1.5 = 127 999.5 → 128 000 đ.
  await expect(page.getByText('128.000 ₫').first()).toBeVisible();
  await expectNoSideScroll(page);

  // Off the 0,1 kg step: refused, with the words in Vietnamese.
  await page.goto(`/san-pham/${listing.id}`);
  await page.locator('#quantity').fill('0,25');
  await page.getByRole('button', { name: 'Thêm vào giỏ' }).click();
  await expect(page.getByText('Số lượng này không khớp bước bán của người bán.')).toBeVisible();
});
