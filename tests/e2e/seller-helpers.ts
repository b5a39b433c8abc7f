import type { APIRequestContext, Page } from '@playwright/test';
import { expect, fromStorefront, readDevCode } from './fixtures.ts';

// Steps several specs need: signing in, becoming a seller and listing produce, either through the
// pages (when the page is what is tested) or straight through the API on the storefront's origin
// (when it is only the set-up). `request` may be `page.request`, which shares the page's cookies.

/** Signs in through the sign-in form, as a person would. */
export async function signInThroughForm(page: Page, phone: string, name?: string): Promise<void> {
  await page.goto('/dang-nhap');
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByRole('button', { name: 'Gửi mã' }).click();
  const code = await readDevCode(page);
  await page.getByLabel('Mã 6 số').fill(code);
  if (name) await page.getByLabel('Tên của bạn (không bắt buộc)').fill(name);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page).toHaveURL(/\/tai-khoan$/);
}

/** Signs in through the API; the session cookie lands in `request`'s cookie jar. */
export async function signInThroughApi(request: APIRequestContext, phone: string): Promise<void> {
  const sent = await request.post('/api/v1/auth/otp', { headers: fromStorefront(), data: { phone } });
  expect(sent.status()).toBe(202);
  const { devCode } = (await sent.json()) as { devCode: string };
  const verified = await request.post('/api/v1/auth/verify', {
    headers: fromStorefront(),
    data: { phone, code: devCode },
  });
  expect(verified.status()).toBe(200);
}

export async function createFarm(request: APIRequestContext, name: string): Promise<string> {
  const res = await request.post('/api/v1/sellers', {
    headers: fromStorefront(),
    data: { kind: 'farmer', name, province: 'Thái Nguyên', commune: 'Tân Cương' },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Uploads a photo through the storefront's /api/v1. A multipart post is a "form" to SvelteKit's
 * CSRF check, which runs before the proxy: without an Origin header naming the storefront it is
 * refused (403), as a browser's cross-site post would be.
 */
export async function uploadPhoto(
  request: APIRequestContext,
  origin: string,
  jpeg: Buffer,
  name = 'photo.jpg',
): Promise<string> {
  const res = await request.post('/api/v1/media', {
    headers: { origin },
    multipart: { file: { name, mimeType: 'image/jpeg', buffer: jpeg } },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { mediaId: string }).mediaId;
}

export async function createListing(request: APIRequestContext, body: Record<string, unknown>): Promise<string> {
  const res = await request.post('/api/v1/listings', { headers: fromStorefront(), data: body });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
