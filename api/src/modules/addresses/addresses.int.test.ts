import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { queryRows } from '../../../test/sql-rows.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const home = {
  label: 'Nhà',
  recipientName: 'Nguyễn Thị Hoa',
  phone: '0912 345 678',
  communeCode: '05818',
  street: 'Xóm Đồng Kem, số 12',
};

const book = (token: string) => t.call('GET', '/api/v1/me/addresses', { token });
const add = (token: string, json: unknown) => t.call('POST', '/api/v1/me/addresses', { token, json });

async function rowCount(): Promise<number> {
  const rows = await queryRows<{ n: number }>(t.db, sql`SELECT count(*)::int AS n FROM addresses`);
  return rows[0]?.n ?? 0;
}

async function storedProvince(addressId: string): Promise<string | undefined> {
  const rows = await queryRows<{ province_id: string }>(
    t.db,
    sql`SELECT province_id FROM addresses WHERE id = ${addressId}`,
  );
  return rows[0]?.province_id;
}

describe('address book', () => {
  it('adds addresses by commune code, the first as default, and lists the default first', async () => {
    const buyer = await t.signIn();
    expect((await book(buyer.token)).body).toEqual({ addresses: [] });

    const first = await add(buyer.token, home);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id: expect.stringMatching(/^adr_/),
      label: 'Nhà',
      recipientName: 'Nguyễn Thị Hoa',
      phone: '+84912345678',
      street: 'Xóm Đồng Kem, số 12',
      isDefault: true,
      commune: { code: '05818', name: 'Xã La Bằng', kind: 'xa', province: { id: 'thai-nguyen', name: 'Thái Nguyên' } },
    });
    expect(await storedProvince(first.body.id)).toBe('thai-nguyen');

    const shop = await add(buyer.token, {
      ...home,
      label: 'Cửa hàng',
      communeCode: '05443',
      street: '25 Hoàng Văn Thụ',
    });
    expect(shop.status).toBe(201);
    expect(shop.body.isDefault).toBe(false);
    expect(shop.body.commune.name).toBe('Phường Phan Đình Phùng');

    const listed = await book(buyer.token);
    expect(listed.body.addresses.map((a: { id: string }) => a.id)).toEqual([first.body.id, shop.body.id]);
  });

  it('sets another address as the default, one default at a time', async () => {
    const buyer = await t.signIn();
    const first = await add(buyer.token, home);
    const second = await add(buyer.token, { ...home, street: 'Thôn Khuôn Ngàn' });
    const set = await t.call('POST', `/api/v1/me/addresses/${second.body.id}/default`, { token: buyer.token });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ id: second.body.id, isDefault: true });
    const listed = (await book(buyer.token)).body.addresses;
    expect(listed.map((a: { id: string; isDefault: boolean }) => [a.id, a.isDefault])).toEqual([
      [second.body.id, true],
      [first.body.id, false],
    ]);
    // Adding with isDefault moves the default again.
    const third = await add(buyer.token, { ...home, isDefault: true, street: 'Xóm Đồng Chằm' });
    expect(third.body.isDefault).toBe(true);
    const defaults = (await book(buyer.token)).body.addresses.filter((a: { isDefault: boolean }) => a.isDefault);
    expect(defaults.map((a: { id: string }) => a.id)).toEqual([third.body.id]);
  });

  it('changes an address, its province following a new commune', async () => {
    const buyer = await t.signIn();
    const address = await add(buyer.token, home);
    const res = await t.call('PATCH', `/api/v1/me/addresses/${address.body.id}`, {
      token: buyer.token,
      json: { communeCode: '00004', street: '1 Hoàng Hoa Thám', label: null },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      label: null,
      street: '1 Hoàng Hoa Thám',
      recipientName: 'Nguyễn Thị Hoa',
      commune: { code: '00004', province: { id: 'ha-noi' } },
    });
    expect(await storedProvince(address.body.id)).toBe('ha-noi');
  });

  it('deletes an address; deleting the default hands it to the address changed last', async () => {
    const buyer = await t.signIn();
    const first = await add(buyer.token, home);
    const second = await add(buyer.token, { ...home, street: 'Thôn 2' });
    const third = await add(buyer.token, { ...home, street: 'Thôn 3' });
    t.clock.advance(60_000);
    await t.call('PATCH', `/api/v1/me/addresses/${second.body.id}`, {
      token: buyer.token,
      json: { street: 'Thôn 2B' },
    });
    const res = await t.call('DELETE', `/api/v1/me/addresses/${first.body.id}`, { token: buyer.token });
    expect(res.status).toBe(200);
    expect(res.body.addresses.map((a: { id: string; isDefault: boolean }) => [a.id, a.isDefault])).toEqual([
      [second.body.id, true],
      [third.body.id, false],
    ]);
    const again = await t.call('DELETE', `/api/v1/me/addresses/${first.body.id}`, { token: buyer.token });
    expect(again.status).toBe(404);
  });

  it("answers 404 for another buyer's address, and changes nothing", async () => {
    const owner = await t.signIn();
    const other = await t.signIn();
    const address = await add(owner.token, home);
    const id = address.body.id;
    const attempts = [
      t.call('PATCH', `/api/v1/me/addresses/${id}`, { token: other.token, json: { street: 'Của tôi' } }),
      t.call('PATCH', `/api/v1/me/addresses/${id}`, { token: other.token, json: { communeCode: '99999' } }),
      t.call('DELETE', `/api/v1/me/addresses/${id}`, { token: other.token }),
      t.call('POST', `/api/v1/me/addresses/${id}/default`, { token: other.token }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect((await book(other.token)).body.addresses).toEqual([]);
    expect((await book(owner.token)).body.addresses).toEqual([address.body]);
  });

  it('refuses an unknown commune code and other bad input with 422, writing nothing', async () => {
    const buyer = await t.signIn();
    const before = await rowCount();
    const cases: [unknown, string, string?][] = [
      [{ ...home, communeCode: '99999' }, 'communeCode', 'not_found'],
      [{ ...home, communeCode: '5818' }, 'communeCode'],
      [{ ...home, phone: '12345' }, 'phone'],
      [{ ...home, street: '' }, 'street'],
      [{ ...home, street: 'a\nb' }, 'street'],
      [{ ...home, recipientName: undefined }, 'recipientName'],
      [{ ...home, userId: 'usr_x' }, 'userId'],
      [{ ...home, provinceId: 'ha-noi' }, 'provinceId'],
    ];
    for (const [json, field, code] of cases) {
      const res = await add(buyer.token, json);
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
      const issue = res.body.error.details.find((d: { path: string }) => d.path === field);
      expect(issue, field).toBeDefined();
      if (code) expect(issue.code).toBe(code);
    }
    const address = await add(buyer.token, home);
    const patch = await t.call('PATCH', `/api/v1/me/addresses/${address.body.id}`, {
      token: buyer.token,
      json: { communeCode: '99999' },
    });
    expect(patch.status).toBe(422);
    expect(patch.body.error.details).toEqual([expect.objectContaining({ path: 'communeCode', code: 'not_found' })]);
    const empty = await t.call('PATCH', `/api/v1/me/addresses/${address.body.id}`, { token: buyer.token, json: {} });
    expect(empty.status).toBe(422);
    expect(await rowCount()).toBe(before + 1);
    expect((await book(buyer.token)).body.addresses[0].commune.code).toBe('05818');
  });

  it('holds at most 20 addresses (409 address_book_full)', async () => {
    const buyer = await t.signIn();
    for (let i = 0; i < 20; i++) expect((await add(buyer.token, { ...home, street: `Số ${i}` })).status).toBe(201);
    const full = await add(buyer.token, home);
    expect(full.status).toBe(409);
    expect(full.body.error.details).toEqual({ reason: 'address_book_full' });
  });

  it('keeps one default when two first addresses race', async () => {
    const buyer = await t.signIn();
    const results = await Promise.all([add(buyer.token, home), add(buyer.token, { ...home, street: 'Thôn 9' })]);
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    const listed = (await book(buyer.token)).body.addresses;
    expect(listed.filter((a: { isDefault: boolean }) => a.isDefault)).toHaveLength(1);
  });

  it('needs a signed-in buyer', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/me/addresses'],
      ['POST', '/api/v1/me/addresses'],
      ['PATCH', '/api/v1/me/addresses/adr_x'],
      ['DELETE', '/api/v1/me/addresses/adr_x'],
      ['POST', '/api/v1/me/addresses/adr_x/default'],
    ] as const) {
      const res = await t.call(method, path, method === 'GET' || method === 'DELETE' ? {} : { json: home });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });
});
