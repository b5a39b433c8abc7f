import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const farm = (overrides: Record<string, unknown> = {}) => ({
  kind: 'farmer',
  name: 'Chè La Bằng nhà anh Hưng',
  province: 'thai nguyen',
  commune: 'Xã La Bằng',
  location: { lat: 21.72, lng: 105.61 },
  bio: 'Chè sạch',
  pickupAddress: 'Xóm Đồng Tiến',
  pickupHours: '8:00 – 18:00',
  ...overrides,
});

describe('POST /sellers', () => {
  it('creates a farm profile; province typed without diacritics', async () => {
    const { token } = await t.signIn();
    const res = await t.call('POST', '/api/v1/sellers', { token, json: farm() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'farmer',
      name: 'Chè La Bằng nhà anh Hưng',
      province: { id: 'thai-nguyen', name: 'Thái Nguyên' },
      location: { lat: 21.72, lng: 105.61 },
      isVerified: false,
      memberCount: null,
    });
    const me = await t.call('GET', '/api/v1/me', { token });
    expect(me.body.sellers).toEqual([
      { sellerId: res.body.id, kind: 'farmer', name: 'Chè La Bằng nhà anh Hưng', role: 'owner', memberId: null },
    ]);
  });

  it('maps a former province to the province it is part of now', async () => {
    const { token } = await t.signIn();
    const res = await t.call('POST', '/api/v1/sellers', { token, json: farm({ province: 'Bắc Kạn' }) });
    expect(res.body.province).toEqual({ id: 'thai-nguyen', name: 'Thái Nguyên' });
    const { token: t2 } = await t.signIn();
    const hg = await t.call('POST', '/api/v1/sellers', { token: t2, json: farm({ province: 'ha giang' }) });
    expect(hg.body.province.name).toBe('Tuyên Quang');
  });

  it('allows one farm profile per person (409)', async () => {
    const { token } = await t.signIn();
    expect((await t.call('POST', '/api/v1/sellers', { token, json: farm() })).status).toBe(201);
    const again = await t.call('POST', '/api/v1/sellers', { token, json: farm() });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('makes the founder of a cooperative its manager', async () => {
    const { token } = await t.signIn();
    const res = await t.call('POST', '/api/v1/sellers', {
      token,
      json: { kind: 'cooperative', name: 'HTX Chè Tân Cương', province: 'Thái Nguyên' },
    });
    expect(res.status).toBe(201);
    expect(res.body.memberCount).toBe(1);
    const me = await t.call('GET', '/api/v1/me', { token });
    expect(me.body.sellers[0]).toMatchObject({ role: 'owner', kind: 'cooperative' });
    expect(me.body.sellers[0].memberId).toMatch(/^mem_/);
  });

  it.each([
    ['unknown province', { province: 'Atlantis' }, 'province'],
    ['wrong kind', { kind: 'trader' }, 'kind'],
    ['empty name', { name: '   ' }, 'name'],
    ['name as number', { name: 42 }, 'name'],
    ['latitude out of range', { location: { lat: 91, lng: 105 } }, 'location.lat'],
    ['half a location', { location: { lat: 21 } }, 'location.lng'],
    ['unknown field', { verified: true }, 'verified'],
    ['owner set by caller', { ownerUserId: 'usr_x' }, 'ownerUserId'],
  ])('refuses %s with VALIDATION_FAILED', async (_label, overrides, path) => {
    const { token } = await t.signIn();
    const res = await t.call('POST', '/api/v1/sellers', { token, json: farm(overrides) });
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect((await t.call('GET', '/api/v1/me', { token })).body.sellers).toEqual([]);
  });

  it('refuses a missing field and an oversized body', async () => {
    const { token } = await t.signIn();
    const { name: _name, ...noName } = farm();
    expect((await t.call('POST', '/api/v1/sellers', { token, json: noName })).status).toBe(422);
    const big = await t.call('POST', '/api/v1/sellers', { token, json: farm({ bio: 'x'.repeat(70_000) }) });
    expect(big.status).toBe(413);
  });

  it('requires sign-in, before looking at the body', async () => {
    expect(errorCode(await t.call('POST', '/api/v1/sellers', { json: farm() }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.call('POST', '/api/v1/sellers', { json: { nonsense: 1 } }))).toBe('UNAUTHENTICATED');
  });
});

describe('GET /sellers/:sellerId', () => {
  it('is public and shows no owner or member data', async () => {
    const { token } = await t.signIn();
    const created = await t.call('POST', '/api/v1/sellers', {
      token,
      json: { kind: 'cooperative', name: 'HTX Rau Sạch', province: 'Hà Nội' },
    });
    const res = await t.call('GET', `/api/v1/sellers/${created.body.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created.body);
    expect(JSON.stringify(res.body)).not.toMatch(/\+84|usr_/);
  });

  it('is 404 for an unknown id', async () => {
    const res = await t.call('GET', '/api/v1/sellers/sel_nope');
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
  });
});
