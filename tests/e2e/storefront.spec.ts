import { expect, expectNoSideScroll, readDevCode, test, uniquePhone } from './fixtures.ts';

test('a farmer signs in with the code on the page, creates a farm profile and sees it on the account page', async ({
  page,
}, testInfo) => {
  // A long walk through eight pages: on a loaded 2-core machine it can pass the default 30 s.
  test.setTimeout(60_000);
  const phone = uniquePhone(testInfo.workerIndex);

  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Nông sản tươi');
  await page.screenshot({ path: testInfo.outputPath('home-390.png'), fullPage: false });
  await expectNoSideScroll(page);

  // "Bán hàng" needs a session: it sends the person to sign in, then back (to the seller console,
  // which sends someone without a seller profile on to create one).
  await page.getByRole('navigation').last().getByRole('link', { name: 'Bán hàng' }).click();
  await expect(page).toHaveURL(/\/dang-nhap\?redirectTo=%2Fban-hang%2Fsan-pham$/);

  // Step 1: the phone number, as people type it.
  const phoneInput = page.getByLabel('Số điện thoại');
  await expect(phoneInput).toHaveAttribute('inputmode', 'tel');
  await expect(phoneInput).toHaveAttribute('autocomplete', 'tel');
  await page.screenshot({ path: testInfo.outputPath('sign-in-390.png') });
  await expectNoSideScroll(page);

  await phoneInput.fill('12345');
  await page.getByRole('button', { name: 'Gửi mã' }).click();
  await expect(page.getByText('Số điện thoại chưa đúng.')).toBeVisible();
  await expect(phoneInput).toHaveAttribute('aria-invalid', 'true');

  await phoneInput.fill(`${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`);
  await page.getByRole('button', { name: 'Gửi mã' }).click();

  // Step 2: the code. A wrong one says how many tries are left, next to the field.
  const codeInput = page.getByLabel('Mã 6 số');
  await expect(codeInput).toBeVisible();
  await expect(codeInput).toHaveAttribute('inputmode', 'numeric');
  await expect(codeInput).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(page.getByTestId('dev-code')).toContainText('Mã thử (chỉ khi phát triển):');
  const code = await readDevCode(page);
  await page.screenshot({ path: testInfo.outputPath('sign-in-code-390.png') });

  const wrong = code === '000000' ? '111111' : '000000';
  await codeInput.fill(wrong);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page.getByText(/Mã không đúng\. Còn \d+ lần thử\./)).toBeVisible();

  await page.getByLabel('Mã 6 số').fill(code);
  await page.getByLabel('Tên của bạn (không bắt buộc)').fill('Nguyễn Thị Lan');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();

  // Back where the person was going: the seller form.
  await expect(page).toHaveURL(/\/ban-hang\/dang-ky$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng ký bán hàng');

  // Submitting without a name and province shows what to fix, in Vietnamese.
  await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
  await expect(page.getByText('Hãy sửa các mục được đánh dấu bên dưới.')).toBeVisible();
  await expect(page.getByLabel('Tên hiển thị')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Nông hộ').check();
  await page.getByLabel('Tên hiển thị').fill('Chè nhà bà Lan');
  await page.getByLabel('Tỉnh / thành phố').selectOption('Thái Nguyên');
  await page.getByLabel('Xã / phường (không bắt buộc)').fill('Tân Cương');
  await page.getByLabel('Giới thiệu (không bắt buộc)').fill('Trồng chè Tân Cương hơn 20 năm.');
  await page.getByLabel('Nơi khách đến lấy hàng (không bắt buộc)').fill('Xóm Nam Đồng, xã Tân Cương');
  await page.getByLabel('Giờ khách đến lấy (không bắt buộc)').fill('7:00–17:00, thứ Hai đến thứ Bảy');
  await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();

  // The account page: me, and the new profile with my role.
  await expect(page).toHaveURL(/\/tai-khoan\?created=/);
  await expect(page.getByRole('status')).toContainText('Đã tạo hồ sơ “Chè nhà bà Lan”.');
  await expect(page.getByTestId('account-name')).toHaveText('Nguyễn Thị Lan');
  await expect(page.getByTestId('account-phone')).toHaveText(
    `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`,
  );
  const profile = page.getByTestId('seller-profile');
  await expect(profile).toHaveCount(1);
  await expect(profile).toContainText('Chè nhà bà Lan');
  await expect(profile).toContainText('Nông hộ');
  await expect(profile).toContainText('Chủ');
  await page.screenshot({ path: testInfo.outputPath('account-390.png'), fullPage: true });
  await expectNoSideScroll(page);
  // The narrowest phones we design for: still no sideways scrolling with a long name in the top bar.
  await page.setViewportSize({ width: 360, height: 740 });
  await expectNoSideScroll(page);
  await page.setViewportSize({ width: 390, height: 844 });

  // The public page of the profile.
  await profile.getByRole('link', { name: 'Xem trang công khai' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chè nhà bà Lan');
  await expect(page.getByText('Tân Cương, Thái Nguyên', { exact: true })).toBeVisible();
  // The pickup point names its province (issue 21).
  await expect(page.getByText('Xóm Nam Đồng, xã Tân Cương, Thái Nguyên')).toBeVisible();
  await expect(page.getByText('7:00–17:00, thứ Hai đến thứ Bảy')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('seller-390.png'), fullPage: true });
  await expectNoSideScroll(page);

  // A second farm profile is refused with a message that says why.
  await page.goto('/ban-hang/dang-ky');
  await page.getByLabel('Nông hộ').check();
  await page.getByLabel('Tên hiển thị').fill('Chè nhà bà Lan 2');
  await page.getByLabel('Tỉnh / thành phố').selectOption('Thái Nguyên');
  await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
  await expect(page.getByText('Bạn đã có một hồ sơ nông hộ.')).toBeVisible();

  // Signing out ends the session: the account page asks to sign in again.
  await page.goto('/tai-khoan');
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL('/');
  await page.goto('/tai-khoan');
  await expect(page).toHaveURL(/\/dang-nhap\?redirectTo=%2Ftai-khoan$/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the home page renders and sign-in works with plain form posts', async ({ page }, testInfo) => {
    const phone = uniquePhone(testInfo.workerIndex);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Nông sản tươi');
    await expect(page.getByRole('navigation').last().getByRole('link', { name: 'Giỏ hàng' })).toHaveAttribute(
      'href',
      '/gio-hang',
    );
    await expect(page.getByRole('navigation').last().getByRole('link', { name: 'Đơn hàng' })).toHaveAttribute(
      'href',
      '/don-hang',
    );

    await page.getByRole('main').getByRole('link', { name: 'Đăng nhập' }).click();
    await page.getByLabel('Số điện thoại').fill(phone);
    await page.getByRole('button', { name: 'Gửi mã' }).click();
    const code = await readDevCode(page);
    await page.getByLabel('Mã 6 số').fill(code);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();

    await expect(page).toHaveURL(/\/tai-khoan$/);
    await expect(page.getByText('Bạn chưa có hồ sơ người bán.')).toBeVisible();
  });

  test('the language switch is a plain link and sets <html lang>', async ({ page }) => {
    await page.goto('/dang-nhap');
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page).toHaveURL(/\/dang-nhap$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
    await expect(page.getByLabel('Phone number')).toBeVisible();
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng nhập');
  });
});

test.describe('missing pages', () => {
  test.use({ expectedConsoleErrors: [/the server responded with a status of 404/] });

  test('a missing seller gets a friendly 404 page in the reader’s language', async ({ page, context, baseURL }) => {
    const response = await page.goto('/nguoi-ban/sel_does_not_exist');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Không tìm thấy người bán này');
    await expect(page.getByRole('link', { name: 'Về trang chủ' })).toBeVisible();

    await context.addCookies([{ name: 'lang', value: 'en', url: baseURL ?? '' }]);
    await page.goto('/khong-co-trang-nay');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  });
});

test('the storefront serves the API on its own origin', async ({ request }) => {
  // Errors come back in the API's envelope, status and all.
  const bad = await request.post('/api/v1/auth/otp', { data: { phone: 'not a phone' } });
  expect(bad.status()).toBe(422);
  const body = await bad.json();
  expect(body.error.code).toBe('VALIDATION_FAILED');
  expect(body.error.details[0].path).toBe('phone');

  const anonymous = await request.get('/api/v1/me');
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.code).toBe('UNAUTHENTICATED');

  // A JSON sign-in through the proxy sets the session cookie on the storefront's origin.
  const phone = '0936123457';
  const sent = await request.post('/api/v1/auth/otp', { data: { phone } });
  expect(sent.status()).toBe(202);
  const { devCode } = await sent.json();
  const verified = await request.post('/api/v1/auth/verify', { data: { phone, code: devCode } });
  expect(verified.status()).toBe(200);
  expect(verified.headers()['set-cookie']).toMatch(/ns_session=[^;]+;.*HttpOnly/i);
  const me = await request.get('/api/v1/me');
  expect(me.status()).toBe(200);
  expect((await me.json()).user.phone).toBe('+84936123457');
});

test('a form post from another site is refused', async ({ request }) => {
  const res = await request.post('/dang-nhap?/requestCode', {
    headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    data: 'phone=0912345678',
  });
  expect(res.status()).toBe(403);
});

test.describe('malformed page addresses', () => {
  // The browser reports each 404 document in its console: that is what is being tested.
  test.use({ expectedConsoleErrors: [/the server responded with a status of 404/] });

  test('a control character in a page address is a 404 page, not a server error (issue 13)', async ({ page }) => {
    for (const path of ['/san-pham/a%00b', '/nguoi-ban/a%00b', '/t/a%00b', '/san-pham/a%1Bb']) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    }
  });
});
