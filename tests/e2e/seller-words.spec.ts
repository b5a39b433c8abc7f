import { expect, expectNoSideScroll, fromStorefront, test, uniquePhone } from './fixtures.ts';
import { createListing, signInThroughApi } from './seller-helpers.ts';

// Words a seller and a buyer met by surprise (issue 21, items 6 and 7), at a phone's 390×844.

test('the stock of goods on sale now is asked for, and what to do without any is said', async ({ page }, testInfo) => {
  await signInThroughApi(page.request, uniquePhone(testInfo.workerIndex));
  const created = await page.request.post('/api/v1/sellers', {
    headers: fromStorefront(),
    data: { kind: 'farmer', name: 'Vườn chị Mận', province: 'Thái Nguyên', commune: 'Phú Lương' },
  });
  expect(created.status()).toBe(201);
  const sellerId = ((await created.json()) as { id: string }).id;

  await page.goto(`/ban-hang/dang-ban?sellerId=${sellerId}`);
  const stock = page.getByLabel('Số lượng đang có', { exact: true });
  await expect(stock).toBeVisible();
  await expect(page.getByText('Cần có để đăng bán hàng có sẵn.')).toBeVisible();
  await page.getByLabel('Tên sản phẩm').fill('Mật ong hoa nhãn');
  await page.getByLabel('Mật ong').check();
  await page.getByLabel('hũ').check();
  await page.getByLabel('Giá (đồng)').fill('180.000');

  // Published without a quantity it would be "Hết hàng" at once: the form says what to do instead.
  await page.getByRole('button', { name: 'Đăng bán', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('Hãy sửa các mục được đánh dấu bên dưới.');
  await expect(stock).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Nhập số lượng đang có để đăng bán.', { exact: false })).toBeVisible();
  await expectNoSideScroll(page);
  await page.screenshot({ path: testInfo.outputPath('stock-required-390.png'), fullPage: true });

  // A draft may wait for its stock.
  await page.getByRole('button', { name: 'Lưu nháp' }).click();
  await expect(page).toHaveURL(/\/ban-hang\/san-pham/);
});

test('a pickup point names its province, and is not called the delivery address', async ({
  page,
  browser,
}, testInfo) => {
  const seller = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    await signInThroughApi(seller.request, uniquePhone(testInfo.workerIndex));
    const created = await seller.request.post('/api/v1/sellers', {
      headers: fromStorefront(),
      data: {
        kind: 'farmer',
        name: 'Chè nhà bác Tư',
        province: 'Thái Nguyên',
        commune: 'Phú Lương',
        pickupAddress: 'Xóm 3, xã Phú Lương',
        pickupHours: '7:00 – 17:00',
      },
    });
    expect(created.status()).toBe(201);
    const sellerId = ((await created.json()) as { id: string }).id;
    const listingId = await createListing(seller.request, {
      sellerId,
      title: 'Chè búp Phú Lương',
      category: 'tea',
      unit: 'kg',
      priceVnd: 250000,
      status: 'active',
      stock: 10,
    });

    // The seller's sign-up form: the pickup point in its own words.
    const form = await seller.newPage();
    await form.setViewportSize({ width: 390, height: 844 });
    await form.goto('/ban-hang/dang-ky');
    await expect(form.getByLabel('Nơi khách đến lấy hàng (không bắt buộc)')).toBeVisible();
    await expect(form.getByText('Địa chỉ nhận hàng')).toHaveCount(0);

    // The buyer: the seller's page and the cart say where, province included.
    await page.goto(`/nguoi-ban/${sellerId}`);
    await expect(page.getByText('Nơi lấy hàng')).toBeVisible();
    await expect(page.getByText('Xóm 3, xã Phú Lương, Thái Nguyên')).toBeVisible();

    await page
      .context()
      .addCookies([{ name: 'ns_cart', value: `${listingId}~1`, url: test.info().project.use.baseURL ?? '' }]);
    await page.goto('/gio-hang');
    await expect(page.getByText('Tại: Xóm 3, xã Phú Lương, Thái Nguyên')).toBeVisible();
    await expectNoSideScroll(page);
  } finally {
    await seller.close();
  }
});

test('an English reader reads plurals and quoted product names', async ({ page, browser, baseURL }, testInfo) => {
  // The seller lists honey by the litre; the buyer (not signed in) reads it in English.
  const seller = await browser.newContext({ baseURL });
  let listingId = '';
  try {
    await signInThroughApi(seller.request, uniquePhone(testInfo.workerIndex));
    const created = await seller.request.post('/api/v1/sellers', {
      headers: fromStorefront(),
      data: { kind: 'farmer', name: 'Ong nhà Tam Đảo', province: 'Phú Thọ', commune: 'Tam Đảo' },
    });
    expect(created.status()).toBe(201);
    const sellerId = ((await created.json()) as { id: string }).id;
    listingId = await createListing(seller.request, {
      sellerId,
      title: 'Mật ong rừng Tam Đảo',
      category: 'honey',
      unit: 'litre',
      priceVnd: 400000,
      status: 'active',
      stock: 2,
    });
  } finally {
    await seller.close();
  }

  await page.context().addCookies([{ name: 'lang', value: 'en', url: baseURL ?? '' }]);
  await page.goto(`/san-pham/${listingId}`);
  await expect(page.getByTestId('listing-stock')).toHaveText('2 litres in stock');
  await expect(page.getByRole('button', { name: 'One litre more: “Mật ong rừng Tam Đảo”' })).toBeVisible();
  await expectNoSideScroll(page);
});
