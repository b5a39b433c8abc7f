import { makePhoneLikeJpeg } from '@nongsan/media/testing';
import type { TestApp } from './harness.ts';

// Factories for catalogue tests: sellers with a team, listings, photos. Each call makes new data
// through the real endpoints, so tests never share rows.

export type Actor = { token: string; userId: string; phone: string };

export async function createFarm(t: TestApp, overrides: Record<string, unknown> = {}) {
  const owner = await t.signIn();
  const res = await t.call('POST', '/api/v1/sellers', {
    token: owner.token,
    json: { kind: 'farmer', name: 'Chè La Bằng nhà anh Hưng', province: 'Thái Nguyên', ...overrides },
  });
  if (res.status !== 201) throw new Error(`farm: ${JSON.stringify(res.body)}`);
  return { owner, sellerId: res.body.id as string };
}

/** A cooperative with a manager (its founder), a staff member and a plain member, all signed in. */
export async function createCoop(t: TestApp) {
  const owner = await t.signIn();
  const res = await t.call('POST', '/api/v1/sellers', {
    token: owner.token,
    json: { kind: 'cooperative', name: 'HTX Chè Tân Cương', province: 'Thái Nguyên', commune: 'Xã Tân Cương' },
  });
  if (res.status !== 201) throw new Error(`coop: ${JSON.stringify(res.body)}`);
  const sellerId = res.body.id as string;
  const join = async (role: 'manager' | 'staff' | 'member', name: string) => {
    const actor = await t.signIn();
    const added = await t.call('POST', `/api/v1/cooperatives/${sellerId}/members`, {
      token: owner.token,
      json: { name, phone: actor.phone, role },
    });
    if (added.status !== 201) throw new Error(`member: ${JSON.stringify(added.body)}`);
    return { ...actor, memberId: added.body.id as string };
  };
  const manager = await join('manager', 'Chị Hoa');
  const staff = await join('staff', 'Anh Minh');
  const member = await join('member', 'Chị Lan');
  const noPhone = await t.call('POST', `/api/v1/cooperatives/${sellerId}/members`, {
    token: owner.token,
    json: { name: 'Bà Lê Thị Tám' },
  });
  return { owner, manager, staff, member, sellerId, noPhoneMemberId: noPhone.body.id as string };
}

export const listingBody = (sellerId: string, overrides: Record<string, unknown> = {}) => ({
  sellerId,
  title: 'Chè Tân Cương loại đặc biệt',
  description: 'Búp non một tôm hai lá, sao tay.',
  category: 'tea',
  unit: 'kg',
  priceVnd: 800_000,
  ...overrides,
});

export async function createListing(
  t: TestApp,
  token: string,
  sellerId: string,
  overrides: Record<string, unknown> = {},
) {
  const res = await t.call('POST', '/api/v1/listings', { token, json: listingBody(sellerId, overrides) });
  if (res.status !== 201) throw new Error(`listing: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string; availableStock: number; [key: string]: any };
}

let photoSeed = 1;
/** A small real JPEG, different on every call (so each upload is a new mediaId). */
export async function makePhoto(width = 1200, height = 900): Promise<Buffer> {
  photoSeed += 1;
  return makePhoneLikeJpeg({ width, height, seed: photoSeed, quality: 80 });
}

export async function uploadPhoto(t: TestApp, token: string, bytes?: Uint8Array, filename = 'photo.jpg') {
  const form = new FormData();
  const data = bytes ?? (await makePhoto(800, 600));
  form.append('file', new Blob([new Uint8Array(data)], { type: 'image/jpeg' }), filename);
  return t.call('POST', '/api/v1/media', { token, body: form });
}
