import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createCoop, createListing } from '../../../test/listing-factories.ts';

// Moved from the sellers module with the member routes (paths and behaviour unchanged).

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('cooperative members', () => {
  async function coop() {
    const manager = await t.signIn();
    const res = await t.call('POST', '/api/v1/sellers', {
      token: manager.token,
      json: { kind: 'cooperative', name: 'HTX Chè Tân Cương', province: 'Thái Nguyên' },
    });
    return { manager, coopId: res.body.id as string };
  }

  it('a manager adds a member without a phone', async () => {
    const { manager, coopId } = await coop();
    const res = await t.call('POST', `/api/v1/cooperatives/${coopId}/members`, {
      token: manager.token,
      json: { name: 'Bà Lê Thị Tám' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Bà Lê Thị Tám',
      phone: null,
      role: 'member',
      hasAccount: false,
      displayPreference: 'initials',
    });
    const list = await t.call('GET', `/api/v1/cooperatives/${coopId}/members`, { token: manager.token });
    expect(list.body.members.map((m: { name: string }) => m.name)).toContain('Bà Lê Thị Tám');
    expect((await t.call('GET', `/api/v1/sellers/${coopId}`)).body.memberCount).toBe(2);
  });

  it('a member added by phone sees the membership when that phone signs in', async () => {
    const { manager, coopId } = await coop();
    const phone = t.freshPhone();
    const added = await t.call('POST', `/api/v1/cooperatives/${coopId}/members`, {
      token: manager.token,
      json: { name: 'Chị Lan', phone: phone.replace('+84', '0') },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ phone, hasAccount: false });
    const member = await t.signIn(phone);
    const me = await t.call('GET', '/api/v1/me', { token: member.token });
    expect(me.body.sellers).toEqual([
      { sellerId: coopId, kind: 'cooperative', name: 'HTX Chè Tân Cương', role: 'member', memberId: added.body.id },
    ]);
  });

  it('links an existing account at once and refuses a duplicate phone', async () => {
    const { manager, coopId } = await coop();
    const staff = await t.signIn();
    const added = await t.call('POST', `/api/v1/cooperatives/${coopId}/members`, {
      token: manager.token,
      json: { name: 'Anh Minh', phone: staff.phone, role: 'staff' },
    });
    expect(added.body.hasAccount).toBe(true);
    const dup = await t.call('POST', `/api/v1/cooperatives/${coopId}/members`, {
      token: manager.token,
      json: { name: 'Anh Minh 2', phone: staff.phone },
    });
    expect(errorCode(dup)).toBe('CONFLICT');
    expect(dup.body.error.details).toEqual({ reason: 'member_phone_taken', field: 'phone' });
    // Staff see members but may not add them.
    expect((await t.call('GET', `/api/v1/cooperatives/${coopId}/members`, { token: staff.token })).status).toBe(200);
    const byStaff = await t.call('POST', `/api/v1/cooperatives/${coopId}/members`, {
      token: staff.token,
      json: { name: 'X' },
    });
    expect(errorCode(byStaff)).toBe('NOT_FOUND');
  });

  it('anyone but a manager gets 404 and nothing is written', async () => {
    const { manager, coopId } = await coop();
    const stranger = await t.signIn();
    for (const token of [stranger.token, undefined]) {
      const res = await t.call('POST', `/api/v1/cooperatives/${coopId}/members`, { token, json: { name: 'Y' } });
      expect(res.status).toBe(token ? 404 : 401);
      const list = await t.call('GET', `/api/v1/cooperatives/${coopId}/members`, { token });
      expect(list.status).toBe(token ? 404 : 401);
      expect(JSON.stringify(list.body)).not.toContain('HTX');
    }
    const list = await t.call('GET', `/api/v1/cooperatives/${coopId}/members`, { token: manager.token });
    expect(list.body.members).toHaveLength(1);
  });

  it('a farm is not a cooperative (404)', async () => {
    const { token } = await t.signIn();
    const farmRes = await t.call('POST', '/api/v1/sellers', {
      token,
      json: { kind: 'farmer', name: 'Chè La Bằng nhà anh Hưng', province: 'thai nguyen' },
    });
    const res = await t.call('POST', `/api/v1/cooperatives/${farmRes.body.id}/members`, { token, json: { name: 'Z' } });
    expect(errorCode(res)).toBe('NOT_FOUND');
  });

  it.each([
    [{}, 'name'],
    [{ name: 'A', phone: '123' }, 'phone'],
    [{ name: 'A', role: 'owner' }, 'role'],
    [{ name: 'A', userId: 'usr_x' }, 'userId'],
  ])('refuses bad member input %j', async (body, path) => {
    const { manager, coopId } = await coop();
    const res = await t.call('POST', `/api/v1/cooperatives/${coopId}/members`, { token: manager.token, json: body });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });
});

describe('PATCH /cooperatives/:sellerId/members/:memberId', () => {
  const patch = (coopId: string, memberId: string, token: string | undefined, json: unknown) =>
    t.call('PATCH', `/api/v1/cooperatives/${coopId}/members/${memberId}`, { token, json });

  it('a manager renames a member, sets their name display and role, and adds a phone that signs in', async () => {
    const coop = await createCoop(t);
    const phone = t.freshPhone();
    const res = await patch(coop.sellerId, coop.noPhoneMemberId, coop.manager.token, {
      name: 'Bà Lê Thị Tám (xóm 3)',
      displayPreference: 'full',
      role: 'staff',
      phone,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: coop.noPhoneMemberId,
      name: 'Bà Lê Thị Tám (xóm 3)',
      displayPreference: 'full',
      role: 'staff',
      phone,
      hasAccount: false,
    });
    const tam = await t.signIn(phone);
    const me = await t.call('GET', '/api/v1/me', { token: tam.token });
    expect(me.body.sellers).toEqual([expect.objectContaining({ sellerId: coop.sellerId, role: 'staff' })]);
  });

  it('links an existing account at once, and removing the phone unlinks it', async () => {
    const coop = await createCoop(t);
    const person = await t.signIn();
    const linked = await patch(coop.sellerId, coop.noPhoneMemberId, coop.owner.token, { phone: person.phone });
    expect(linked.body.hasAccount).toBe(true);
    expect((await t.call('GET', '/api/v1/me', { token: person.token })).body.sellers).toHaveLength(1);
    const unlinked = await patch(coop.sellerId, coop.noPhoneMemberId, coop.owner.token, { phone: null });
    expect(unlinked.body).toMatchObject({ phone: null, hasAccount: false });
    expect((await t.call('GET', '/api/v1/me', { token: person.token })).body.sellers).toEqual([]);
  });

  it("refuses another member's phone (409) and changes nothing", async () => {
    const coop = await createCoop(t);
    const res = await patch(coop.sellerId, coop.noPhoneMemberId, coop.manager.token, {
      name: 'Đổi tên',
      phone: coop.member.phone,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ reason: 'member_phone_taken', field: 'phone' });
    const list = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/members`, { token: coop.manager.token });
    expect(list.body.members.find((m: { id: string }) => m.id === coop.noPhoneMemberId).name).toBe('Bà Lê Thị Tám');
  });

  it("a manager cannot demote themselves or change the owner's role (409); another manager can demote them", async () => {
    const coop = await createCoop(t);
    const self = await patch(coop.sellerId, coop.manager.memberId, coop.manager.token, { role: 'member' });
    expect(errorCode(self)).toBe('CONFLICT');
    expect(self.body.error.details).toEqual({ reason: 'member_protected', field: 'role' });
    const list = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/members`, { token: coop.owner.token });
    const founder = list.body.members.find(
      (m: { role: string; hasAccount: boolean; id: string }) => m.id !== coop.manager.memberId && m.role === 'manager',
    );
    expect(errorCode(await patch(coop.sellerId, founder.id, coop.manager.token, { role: 'staff' }))).toBe('CONFLICT');
    const byOwner = await patch(coop.sellerId, coop.manager.memberId, coop.owner.token, { role: 'member' });
    expect(byOwner.body.role).toBe('member');
    // Demoted: no longer manages members.
    expect(errorCode(await patch(coop.sellerId, coop.noPhoneMemberId, coop.manager.token, { name: 'X' }))).toBe(
      'NOT_FOUND',
    );
  });

  it.each([
    [{}, '(root)'],
    [{ name: '' }, 'name'],
    [{ name: 42 }, 'name'],
    [{ phone: '123' }, 'phone'],
    [{ role: 'owner' }, 'role'],
    [{ displayPreference: 'nickname' }, 'displayPreference'],
    [{ status: 'inactive' }, 'status'],
    [{ cooperativeId: 'sel_x' }, 'cooperativeId'],
  ])('refuses %j with VALIDATION_FAILED', async (body, path) => {
    const coop = await createCoop(t);
    const res = await patch(coop.sellerId, coop.noPhoneMemberId, coop.manager.token, body);
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('refuses an oversized body (413) and a body that is not JSON (400)', async () => {
    const coop = await createCoop(t);
    const big = await patch(coop.sellerId, coop.noPhoneMemberId, coop.manager.token, { name: 'x'.repeat(70_000) });
    expect(errorCode(big)).toBe('PAYLOAD_TOO_LARGE');
    const notJson = await t.call('PATCH', `/api/v1/cooperatives/${coop.sellerId}/members/${coop.noPhoneMemberId}`, {
      token: coop.manager.token,
      body: '{name',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
  });

  it('staff, members, other cooperatives and strangers get 404; anonymous 401; nothing changes', async () => {
    const coop = await createCoop(t);
    const other = await createCoop(t);
    const stranger = await t.signIn();
    for (const token of [coop.staff.token, coop.member.token, other.manager.token, other.owner.token, stranger.token]) {
      const res = await patch(coop.sellerId, coop.noPhoneMemberId, token, { name: 'Hacked' });
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect(errorCode(await patch(coop.sellerId, coop.noPhoneMemberId, undefined, { name: 'Hacked' }))).toBe(
      'UNAUTHENTICATED',
    );
    // A manager of B cannot reach a member of A through B's path either.
    const crossed = await patch(other.sellerId, coop.noPhoneMemberId, other.manager.token, { name: 'Hacked' });
    expect(errorCode(crossed)).toBe('NOT_FOUND');
    const list = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/members`, { token: coop.manager.token });
    expect(JSON.stringify(list.body)).not.toContain('Hacked');
  });
});

describe('POST /cooperatives/:sellerId/members/:memberId/deactivate and /reactivate', () => {
  const action = (coopId: string, memberId: string, which: string, token: string | undefined) =>
    t.call('POST', `/api/v1/cooperatives/${coopId}/members/${memberId}/${which}`, { token });

  it('a deactivated member loses access and new lots but keeps their lots; reactivation restores both', async () => {
    const coop = await createCoop(t);
    const listing = await createListing(t, coop.manager.token, coop.sellerId, { status: 'active' });
    const lot = await t.call('POST', `/api/v1/listings/${listing.id}/lots`, {
      token: coop.staff.token,
      json: { quantity: 5, memberId: coop.staff.memberId },
    });
    expect(lot.status).toBe(201);

    const off = await action(coop.sellerId, coop.staff.memberId, 'deactivate', coop.manager.token);
    expect(off.status).toBe(200);
    expect(off.body.status).toBe('inactive');
    expect((await action(coop.sellerId, coop.staff.memberId, 'deactivate', coop.manager.token)).body.status).toBe(
      'inactive',
    );
    // No access any more: the staff member's token now sees nothing of the cooperative.
    expect((await t.call('GET', '/api/v1/me', { token: coop.staff.token })).body.sellers).toEqual([]);
    const receiveAsStaff = await t.call('POST', `/api/v1/listings/${listing.id}/lots`, {
      token: coop.staff.token,
      json: { quantity: 1 },
    });
    expect(errorCode(receiveAsStaff)).toBe('NOT_FOUND');
    // No new lots for them.
    const forThem = await t.call('POST', `/api/v1/listings/${listing.id}/lots`, {
      token: coop.manager.token,
      json: { quantity: 1, memberId: coop.staff.memberId },
    });
    expect(forThem.status).toBe(422);
    expect(forThem.body.error.details).toEqual([expect.objectContaining({ path: 'memberId' })]);
    // Their lot stays theirs.
    const lots = await t.call('GET', `/api/v1/listings/${listing.id}/lots`, { token: coop.manager.token });
    expect(lots.body.lots).toEqual([
      expect.objectContaining({ id: lot.body.id, member: { id: coop.staff.memberId, name: 'Anh Minh' } }),
    ]);
    expect((await t.call('GET', `/api/v1/sellers/${coop.sellerId}`)).body.memberCount).toBe(4);

    const on = await action(coop.sellerId, coop.staff.memberId, 'reactivate', coop.manager.token);
    expect(on.body.status).toBe('active');
    const again = await t.call('POST', `/api/v1/listings/${listing.id}/lots`, {
      token: coop.staff.token,
      json: { quantity: 1, memberId: coop.staff.memberId },
    });
    expect(again.status).toBe(201);
  });

  it('a manager cannot deactivate themselves (409)', async () => {
    const coop = await createCoop(t);
    const res = await action(coop.sellerId, coop.manager.memberId, 'deactivate', coop.manager.token);
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.body.error.details).toEqual({ reason: 'member_protected', field: 'status' });
  });

  it("a manager's own phone is protected too: the same field as a taken phone, told apart by the reason", async () => {
    const coop = await createCoop(t);
    const res = await t.call('PATCH', `/api/v1/cooperatives/${coop.sellerId}/members/${coop.manager.memberId}`, {
      token: coop.manager.token,
      json: { phone: '+84912999888' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ reason: 'member_protected', field: 'phone' });
  });

  it('only managers: staff, members, other cooperatives get 404, anonymous 401, unknown member 404', async () => {
    const coop = await createCoop(t);
    const other = await createCoop(t);
    for (const token of [coop.staff.token, coop.member.token, other.manager.token]) {
      expect(errorCode(await action(coop.sellerId, coop.noPhoneMemberId, 'deactivate', token))).toBe('NOT_FOUND');
    }
    expect(errorCode(await action(coop.sellerId, coop.noPhoneMemberId, 'deactivate', undefined))).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorCode(await action(coop.sellerId, 'mem_nope', 'deactivate', coop.manager.token))).toBe('NOT_FOUND');
    expect(errorCode(await action(coop.sellerId, other.noPhoneMemberId, 'deactivate', coop.manager.token))).toBe(
      'NOT_FOUND',
    );
    const list = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/members`, { token: coop.manager.token });
    expect(list.body.members.every((m: { status: string }) => m.status === 'active')).toBe(true);
  });
});
