import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createCoop, createFarm } from '../../../test/listing-factories.ts';

const OPERATOR_PHONE = '+84919990003';

let t: TestApp;
let operator: { token: string };
beforeAll(async () => {
  t = await createTestApp({ env: { ADMIN_PHONES: OPERATOR_PHONE } });
  operator = await t.signIn(OPERATOR_PHONE);
});
afterAll(async () => {
  await t.close();
});

const patch = (sellerId: string, token: string | undefined, json: unknown) =>
  t.call('PATCH', `/api/v1/sellers/${sellerId}`, { token, json });

describe('PATCH /sellers/:sellerId', () => {
  it('the owner edits the profile, pickup point and delivery terms; null clears', async () => {
    const farm = await createFarm(t, { bio: 'Chè sạch', commune: 'Xã La Bằng' });
    const res = await patch(farm.sellerId, farm.owner.token, {
      name: 'Chè La Bằng – nhà anh Hưng',
      province: 'tuyen quang',
      location: { lat: 21.7, lng: 105.6 },
      bio: null,
      pickupAddress: 'Xóm Đồng Tiến, xã La Bằng',
      pickupHours: '7:00 – 18:00 hằng ngày',
      offersDelivery: true,
      deliveryFeeVnd: 35_000,
      freeDeliveryOverVnd: 800_000,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: farm.sellerId,
      name: 'Chè La Bằng – nhà anh Hưng',
      province: { id: 'tuyen-quang', name: 'Tuyên Quang' },
      commune: 'Xã La Bằng',
      location: { lat: 21.7, lng: 105.6 },
      bio: null,
      pickupAddress: 'Xóm Đồng Tiến, xã La Bằng',
      offersDelivery: true,
      deliveryFeeVnd: 35_000,
      freeDeliveryOverVnd: 800_000,
    });
    expect((await t.call('GET', `/api/v1/sellers/${farm.sellerId}`)).body).toEqual(res.body);
    const cleared = await patch(farm.sellerId, farm.owner.token, { freeDeliveryOverVnd: null, location: null });
    expect(cleared.body).toMatchObject({ freeDeliveryOverVnd: null, location: null, deliveryFeeVnd: 35_000 });
  });

  it("a cooperative's managers may edit it; its staff and members, strangers: 404; anonymous: 401", async () => {
    const coop = await createCoop(t);
    expect((await patch(coop.sellerId, coop.manager.token, { offersDelivery: true })).status).toBe(200);
    for (const actor of [coop.staff, coop.member, await t.signIn()]) {
      const res = await patch(coop.sellerId, actor.token, { name: 'Chiếm quyền' });
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect(errorCode(await patch(coop.sellerId, undefined, { name: 'X' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await patch('sel_nope', coop.owner.token, { name: 'X' }))).toBe('NOT_FOUND');
    expect((await t.call('GET', `/api/v1/sellers/${coop.sellerId}`)).body.name).toBe('HTX Chè Tân Cương');
  });

  it.each([
    ['nothing to change', {}, '(root)'],
    ['a fee with decimals', { deliveryFeeVnd: 12_500.5 }, 'deliveryFeeVnd'],
    ['a negative fee', { deliveryFeeVnd: -1 }, 'deliveryFeeVnd'],
    ['a fee as text', { deliveryFeeVnd: '30000' }, 'deliveryFeeVnd'],
    ['a free-delivery amount of zero', { freeDeliveryOverVnd: 0 }, 'freeDeliveryOverVnd'],
    ['an unknown province', { province: 'Atlantis' }, 'province'],
    ['a kind change', { kind: 'cooperative' }, 'kind'],
    ['verifying oneself', { verifiedAt: '2026-01-01' }, 'verifiedAt'],
    ['an empty name', { name: '  ' }, 'name'],
  ])('refuses %s (422) and changes nothing', async (_label, body, path) => {
    const farm = await createFarm(t);
    const res = await patch(farm.sellerId, farm.owner.token, body);
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect((await t.call('GET', `/api/v1/sellers/${farm.sellerId}`)).body).toMatchObject({
      name: 'Chè La Bằng nhà anh Hưng',
      deliveryFeeVnd: 0,
      offersDelivery: false,
      isVerified: false,
    });
  });

  it('refuses an oversized body (413)', async () => {
    const farm = await createFarm(t);
    const res = await patch(farm.sellerId, farm.owner.token, { bio: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
    expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('GET /sellers/:sellerId certifications', () => {
  it('shows only certifications an operator verified that are valid today', async () => {
    const farm = await createFarm(t);
    const add = async (json: Record<string, unknown>) =>
      (await t.call('POST', `/api/v1/sellers/${farm.sellerId}/certifications`, { token: farm.owner.token, json })).body
        .id as string;
    const base = { issuer: 'QUACERT', validFrom: '2026-01-01', validTo: '2028-12-31' };
    const verified = await add({ ...base, type: 'vietgap', certificateNumber: 'VG-1' });
    const unverified = await add({ ...base, type: 'organic', certificateNumber: 'ORG-1' });
    const expired = await add({ ...base, type: 'globalgap', certificateNumber: 'GG-1', validTo: '2026-06-30' });
    for (const id of [verified, expired]) {
      expect((await t.call('POST', `/api/v1/certifications/${id}/verify`, { token: operator.token })).status).toBe(200);
    }
    const res = await t.call('GET', `/api/v1/sellers/${farm.sellerId}`);
    expect(res.status).toBe(200);
    expect(res.body.certifications).toEqual([
      expect.objectContaining({ id: verified, type: 'vietgap', isVerified: true, certificateNumber: 'VG-1' }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(unverified);
  });
});
