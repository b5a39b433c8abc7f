import type { Page } from '@playwright/test';
import { expect, expectNoSideScroll, test, uniquePhone } from './fixtures.ts';
import { signInThroughApi } from './seller-helpers.ts';

// The buyer's address book (issue 15) at 390×844: the commune picker finds a commune typed without
// diacritics or by a former commune's name, and works with JavaScript (the list follows the typing)
// and without it (the "Tìm" button asks the server; what was typed elsewhere stays).

const communeBox = (page: Page) => page.getByRole('searchbox', { name: 'Tên xã / phường' });
const addresses = (page: Page) => page.getByTestId('address');

async function fillRecipient(page: Page, street: string, label: string): Promise<void> {
  await page.getByLabel('Người nhận', { exact: true }).fill('Nguyễn Thị Hoa');
  await page.getByLabel('Số điện thoại người nhận').fill('0912 345 678');
  await page.getByLabel('Số nhà, đường, thôn / xóm').fill(street);
  await page.getByLabel('Tên gợi nhớ (không bắt buộc)').fill(label);
}

test('a buyer types a commune without diacritics, picks it, saves addresses and sets the default', async ({
  page,
}, testInfo) => {
  await signInThroughApi(page.request, uniquePhone(testInfo.workerIndex));
  await page.goto('/tai-khoan');
  await page.getByRole('link', { name: 'Sổ địa chỉ nhận hàng' }).click();
  await expect(page).toHaveURL(/\/tai-khoan\/dia-chi$/);
  await expect(page.getByText('Bạn chưa lưu địa chỉ nào.')).toBeVisible();

  // Typed as on a phone keyboard without Vietnamese input: the list follows the typing.
  await fillRecipient(page, '25 Hoàng Văn Thụ', 'Cửa hàng');
  await communeBox(page).pressSequentially('phan dinh phung');
  const phanDinhPhung = page.getByRole('radio', { name: /Phường Phan Đình Phùng\s*Thái Nguyên/ });
  await expect(phanDinhPhung).toBeVisible();
  await phanDinhPhung.check();
  await expectNoSideScroll(page);
  await page.getByRole('button', { name: 'Lưu địa chỉ' }).click();

  await expect(page.getByRole('status')).toHaveText('Đã lưu địa chỉ.');
  await expect(addresses(page)).toHaveCount(1);
  await expect(addresses(page).first()).toContainText('Phường Phan Đình Phùng, Thái Nguyên');
  // The first address is the default.
  await expect(addresses(page).first()).toContainText('Mặc định');

  // A former commune's name (before the 2025 merger) finds the unit that absorbed it.
  await fillRecipient(page, 'Xóm Đồng Kem, số 12', 'Nhà');
  await communeBox(page).pressSequentially('xa tien hoi');
  const laBang = page.getByRole('radio', { name: /Xã La Bằng\s*Thái Nguyên · gồm Xã Tiên Hội cũ/ });
  await expect(laBang).toBeVisible();
  await laBang.check();
  await page.getByRole('button', { name: 'Lưu địa chỉ' }).click();
  await expect(addresses(page)).toHaveCount(2);
  await expect(addresses(page).nth(1)).toContainText('Xã La Bằng, Thái Nguyên');
  await expect(addresses(page).nth(1)).not.toContainText('Mặc định');

  await page.getByRole('button', { name: 'Đặt Nhà làm địa chỉ mặc định' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã đổi địa chỉ mặc định.');
  // The default is listed first.
  await expect(addresses(page).first()).toContainText('Xã La Bằng, Thái Nguyên');
  await expect(addresses(page).first()).toContainText('Mặc định');
  await expect(addresses(page).nth(1)).not.toContainText('Mặc định');

  // Editing moves an address to another commune; the chosen unit shows checked to begin with.
  await addresses(page).nth(1).getByRole('link', { name: 'Sửa' }).click();
  await expect(page.getByRole('heading', { name: 'Sửa địa chỉ' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Phường Phan Đình Phùng/ })).toBeChecked();
  await communeBox(page).pressSequentially('dak mil');
  await page.getByRole('radio', { name: /Xã Đắk Mil\s*Lâm Đồng/ }).check();
  await page.getByRole('button', { name: 'Lưu địa chỉ' }).click();
  await expect(page.getByRole('status')).toHaveText('Đã lưu địa chỉ.');
  await expect(addresses(page)).toHaveCount(2);
  await expect(addresses(page).nth(1)).toContainText('Xã Đắk Mil, Lâm Đồng');
  await expect(page.getByRole('heading', { name: 'Thêm địa chỉ' })).toBeVisible();
  await expectNoSideScroll(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, expectedConsoleErrors: [/the server responded with a status of 422/] });

  test('the picker searches on the server and keeps what was typed', async ({ page }, testInfo) => {
    await signInThroughApi(page.request, uniquePhone(testInfo.workerIndex));
    await page.goto('/tai-khoan/dia-chi');
    await fillRecipient(page, 'Thôn Khuôn Ngàn', 'Nhà mẹ');
    await communeBox(page).fill('p phan đình phùng');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();

    await expect(page.getByLabel('Người nhận', { exact: true })).toHaveValue('Nguyễn Thị Hoa');
    await expect(communeBox(page)).toHaveValue('p phan đình phùng');
    await page.getByRole('radio', { name: /Phường Phan Đình Phùng\s*Thái Nguyên/ }).check();
    await page.getByRole('button', { name: 'Lưu địa chỉ' }).click();

    await expect(page.getByRole('status')).toHaveText('Đã lưu địa chỉ.');
    await expect(addresses(page)).toHaveCount(1);
    await expect(addresses(page).first()).toContainText('Phường Phan Đình Phùng, Thái Nguyên');
  });

  test('saving without a chosen commune asks to choose one', async ({ page }, testInfo) => {
    await signInThroughApi(page.request, uniquePhone(testInfo.workerIndex));
    await page.goto('/tai-khoan/dia-chi');
    await fillRecipient(page, 'Thôn 3', 'Nhà');
    await communeBox(page).fill('la bang');
    await page.getByRole('button', { name: 'Lưu địa chỉ' }).click();
    await expect(page.getByText('Hãy tìm và chọn xã / phường của địa chỉ.')).toBeVisible();
    // The words typed were searched: the unit is offered.
    await expect(page.getByRole('radio', { name: /Xã La Bằng/ })).toBeVisible();
    await expect(addresses(page)).toHaveCount(0);
  });
});
