import { schema } from '@nongsan/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createFarm } from '../../../test/listing-factories.ts';
import { resolveTypedPlaces } from './typed-places.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const get = async (sellerId: string) => (await t.call('GET', `/api/v1/sellers/${sellerId}`)).body;

describe('places typed before commune codes', () => {
  it('maps what is unambiguous, keeps the typed text, and leaves the rest as a task for the seller', async () => {
    const clear = await createFarm(t, {
      commune: 'tan cuong',
      pickupAddress: 'Xóm Hồng Thái 2, xã Tân Cương, Thái Nguyên',
    });
    const unclear = await createFarm(t, { commune: 'Xã Không Có', pickupAddress: 'Chợ đầu mối' });
    expect((await get(clear.sellerId)).placesToConfirm).toEqual(['commune', 'pickup']);

    expect(await resolveTypedPlaces(t.db, t.clock.now())).toBeGreaterThanOrEqual(1);
    expect(await get(clear.sellerId)).toMatchObject({
      commune: 'tan cuong',
      communeCode: '05503',
      pickupAddress: 'Xóm Hồng Thái 2, xã Tân Cương, Thái Nguyên',
      pickupPlace: { provinceId: 'thai-nguyen', communeCode: '05503', street: 'Xóm Hồng Thái 2' },
      placesToConfirm: [],
    });
    expect(await get(unclear.sellerId)).toMatchObject({
      commune: 'Xã Không Có',
      communeCode: null,
      pickupPlace: null,
      placesToConfirm: ['commune', 'pickup'],
    });
    // Run again: nothing more to do for the mapped seller, and nothing lost for the other.
    await resolveTypedPlaces(t.db, t.clock.now());
    const [row] = await t.db.select().from(schema.sellers).where(eq(schema.sellers.id, unclear.sellerId));
    expect(row).toMatchObject({ commune: 'Xã Không Có', pickupAddress: 'Chợ đầu mối', communeCode: null });

    // The seller confirms both by code; an unknown code is 422 and changes nothing; another user 404.
    const patch = (token: string, json: unknown) =>
      t.call('PATCH', `/api/v1/sellers/${unclear.sellerId}`, { token, json });
    const bad = await patch(unclear.owner.token, { communeCode: '99999' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toContainEqual(expect.objectContaining({ path: 'communeCode', code: 'not_found' }));
    expect((await patch((await t.signIn()).token, { communeCode: '05818' })).status).toBe(404);
    expect(errorCode(await patch(unclear.owner.token, { pickupCommuneCode: 'abc' }))).toBe('VALIDATION_FAILED');
    const ok = await patch(unclear.owner.token, {
      communeCode: '05818',
      pickupCommuneCode: '05818',
      pickupStreet: 'Xóm Đồng Tiến',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      communeCode: '05818',
      pickupPlace: { provinceId: 'thai-nguyen', communeCode: '05818', street: 'Xóm Đồng Tiến' },
      pickupAddress: 'Chợ đầu mối',
      placesToConfirm: [],
    });
  });
});
