import { expect, readDevCode, test, uniquePhone } from './fixtures.ts';

// How the storefront's server answers (issue 21): compressed as the browser asks, and at whatever
// address it is opened, with the origin taken from the request when ORIGIN is not set (the e2e web
// server runs without it, as `pnpm start` does).

test('pages, static files and API JSON come back compressed as asked, and decode to the real thing', async ({
  request,
}) => {
  const home = await request.get('/', { headers: { 'accept-encoding': 'br' } });
  expect(home.status()).toBe(200);
  expect(home.headers()['content-encoding']).toBe('br');
  expect(home.headers().vary).toContain('Accept-Encoding');
  // Playwright decodes the body as a browser would: the page itself came through.
  expect(await home.text()).toContain('Nông sản tươi');

  // The home page is server-rendered only (decision 28): its one script is the storefront's own.
  expect(await home.text()).toMatch(/<script src="\.?\/enhance\.js" defer><\/script>/);
  expect(home.headers().link ?? '').not.toMatch(/_app\/immutable\/[^>]+\.js>/);
  // A JavaScript file a client-rendered page (sign-in) preloads, and the storefront's script: built
  // once as .br and .gz, served as asked.
  const signIn = await request.get('/dang-nhap');
  const script = /<\.\.?\/(_app\/immutable\/[^>]+\.js)>/.exec(signIn.headers().link ?? '')?.[1];
  expect(script, 'the sign-in page preloads its scripts').toBeTruthy();
  for (const path of [`/${script}`, '/enhance.js']) {
    for (const encoding of ['br', 'gzip']) {
      const asset = await request.get(path, { headers: { 'accept-encoding': encoding } });
      expect(asset.status()).toBe(200);
      expect(asset.headers()['content-encoding']).toBe(encoding);
      expect(asset.headers()['content-type']).toMatch(/javascript/);
      expect((await asset.text()).length).toBeGreaterThan(0);
    }
  }

  // The API's JSON through the storefront's proxy, gzip for a client without brotli.
  const search = await request.get('/api/v1/search?q=mat%20ong', { headers: { 'accept-encoding': 'gzip' } });
  expect(search.status()).toBe(200);
  expect(search.headers()['content-encoding']).toBe('gzip');
  const result = await search.json();
  expect(result.hits.length).toBeGreaterThan(0);
  expect(result.hits[0].title).toMatch(/Mật ong/);

  // Asked for nothing (or for identity), the bytes come as they are.
  const plain = await request.get('/api/v1/search?q=mat%20ong', { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  expect((await plain.json()).total).toBe(result.total);
});

for (const host of ['127.0.0.1', 'localhost']) {
  test(`opened at ${host}, signing in works (no fixed ORIGIN: the request's own)`, async ({
    page,
    baseURL,
  }, testInfo) => {
    const port = new URL(baseURL ?? '').port;
    const origin = `http://${host}:${port}`;
    await page.goto(`${origin}/dang-nhap`);
    await page.getByLabel('Số điện thoại').fill(uniquePhone(testInfo.workerIndex));
    await page.getByRole('button', { name: 'Gửi mã' }).click();
    await page.getByLabel('Mã 6 số').fill(await readDevCode(page));
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect(page).toHaveURL(`${origin}/tai-khoan`);
    await expect(page.getByText('Bạn chưa có hồ sơ người bán.')).toBeVisible();

    // A change through the API from the page's own scripts (cookie-signed, Origin = this address).
    const status = await page.evaluate(
      `fetch('/api/v1/auth/logout', { method: 'POST' }).then((response) => response.status)`,
    );
    expect(status).toBeLessThan(300);
  });
}

test('the form check still compares a form’s Origin with the page’s own', async ({ request, baseURL }) => {
  const port = new URL(baseURL ?? '').port;
  // The page is at localhost; the form says it comes from 127.0.0.1: another origin, refused.
  const refused = await request.post(`http://localhost:${port}/dang-nhap?/requestCode`, {
    headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/x-www-form-urlencoded' },
    data: 'phone=0912345678',
  });
  expect(refused.status()).toBe(403);
  // And through the proxy, a cookie-signed API change from a foreign page is refused by the API.
  const foreign = await request.post(`http://localhost:${port}/api/v1/auth/logout`, {
    headers: { origin: 'http://evil.example', cookie: 'ns_session=x' },
  });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error.code).toBe('CSRF');
});
