import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createCoop, createFarm, createListing } from '../../../test/listing-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';
import { allocateFefo } from './index.ts';

const OPERATOR_PHONE = '+84919990002';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { ADMIN_PHONES: OPERATOR_PHONE } });
});
afterAll(async () => {
  await t.close();
});

const receive = (listingId: string, token: string | undefined, json: unknown) =>
  t.call('POST', `/api/v1/listings/${listingId}/lots`, { token, json });
const adjust = (listingId: string, token: string | undefined, json: unknown) =>
  t.call('POST', `/api/v1/listings/${listingId}/adjustments`, { token, json });

/** On-hand per lot and the ledger sum per lot, straight from the database. */
async function ledger(listingId: string) {
  return queryRows<{ id: string; on_hand: number; ledger: number; movements: number }>(
    t.db,
    sql`
    SELECT l.id, (l.on_hand_milli / 1000.0)::float8 AS on_hand, (coalesce(sum(m.delta_milli), 0) / 1000.0)::float8 AS ledger, count(m.id)::int AS movements
    FROM lots l LEFT JOIN stock_movements m ON m.lot_id = l.id
    WHERE l.listing_id = ${listingId} GROUP BY l.id ORDER BY l.id`,
  );
}

async function activeFarmListing(overrides: Record<string, unknown> = {}) {
  const farm = await createFarm(t);
  const listing = await createListing(t, farm.owner.token, farm.sellerId, { status: 'active', ...overrides });
  return { ...farm, listing };
}

describe('POST /listings/:listingId/lots', () => {
  it('receives a lot with a trace code and records the receive movement', async () => {
    const { owner, listing } = await activeFarmListing();
    const res = await receive(listing.id, owner.token, {
      quantity: 40,
      harvestedAt: '2026-11-26',
      expiresAt: '2027-05-26',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^lot_/),
      listingId: listing.id,
      traceCode: expect.stringMatching(/^[0-9abcdefghjkmnpqrstvwxyz]{10}$/),
      quantity: 40,
      onHand: 40,
      harvestedAt: '2026-11-26',
      expiresAt: '2027-05-26',
      isExpired: false,
      member: null,
      createdAt: t.clock.now().toISOString(),
    });
    expect(await ledger(listing.id)).toEqual([{ id: res.body.id, on_hand: 40, ledger: 40, movements: 1 }]);
    const [movement] = await queryRows<{ kind: string; author_user_id: string }>(
      t.db,
      sql`SELECT kind, author_user_id FROM stock_movements WHERE lot_id = ${res.body.id}`,
    );
    expect(movement).toEqual({ kind: 'receive', author_user_id: owner.userId });
    expect((await t.call('GET', `/api/v1/listings/${listing.id}`)).body.availableStock).toBe(40);
  });

  it('gives every lot its own trace code', async () => {
    const { owner, listing } = await activeFarmListing();
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) codes.add((await receive(listing.id, owner.token, { quantity: 1 })).body.traceCode);
    expect(codes.size).toBe(5);
  });

  it('defaults the expiry to harvest + shelf life', async () => {
    const { owner, listing } = await activeFarmListing({ shelfLifeDays: 5, category: 'vegetables' });
    const res = await receive(listing.id, owner.token, { quantity: 10, harvestedAt: '2026-11-26' });
    expect(res.body.expiresAt).toBe('2026-12-01');
  });

  it('attributes a cooperative lot to a member, phone or not; staff may receive, plain members may not', async () => {
    const coop = await createCoop(t);
    const listing = await createListing(t, coop.owner.token, coop.sellerId, { status: 'active' });
    const res = await receive(listing.id, coop.staff.token, { quantity: 12, memberId: coop.noPhoneMemberId });
    expect(res.status).toBe(201);
    expect(res.body.member).toEqual({ id: coop.noPhoneMemberId, name: 'Bà Lê Thị Tám' });
    const byMember = await receive(listing.id, coop.member.token, { quantity: 1 });
    expect(byMember.status).toBe(404);
    expect(errorCode(byMember)).toBe('NOT_FOUND');
    expect(await ledger(listing.id)).toHaveLength(1);
  });

  it("refuses a member of another cooperative, or a member on a farm's listing (422)", async () => {
    const coop = await createCoop(t);
    const other = await createCoop(t);
    const listing = await createListing(t, coop.owner.token, coop.sellerId);
    const foreign = await receive(listing.id, coop.owner.token, { quantity: 1, memberId: other.noPhoneMemberId });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details).toEqual([expect.objectContaining({ path: 'memberId' })]);
    const farm = await activeFarmListing();
    const onFarm = await receive(farm.listing.id, farm.owner.token, { quantity: 1, memberId: coop.noPhoneMemberId });
    expect(onFarm.status).toBe(422);
    expect(await ledger(listing.id)).toEqual([]);
    expect(await ledger(farm.listing.id)).toEqual([]);
  });

  it('refuses another farmer (404) and anonymous callers (401)', async () => {
    const { listing } = await activeFarmListing();
    const stranger = await createFarm(t);
    expect((await receive(listing.id, stranger.owner.token, { quantity: 5 })).status).toBe(404);
    const anonymous = await receive(listing.id, undefined, { quantity: 5 });
    expect(anonymous.status).toBe(401);
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    expect(await ledger(listing.id)).toEqual([]);
  });

  it.each([
    ['zero', { quantity: 0 }, 'quantity'],
    ['negative', { quantity: -3 }, 'quantity'],
    ['fractional', { quantity: 2.5 }, 'quantity'],
    ['as a string', { quantity: '10' }, 'quantity'],
    ['missing', {}, 'quantity'],
    ['expiry before harvest', { quantity: 1, harvestedAt: '2026-11-20', expiresAt: '2026-11-19' }, 'expiresAt'],
    ['harvest in the future', { quantity: 1, harvestedAt: '2026-11-29' }, 'harvestedAt'],
    ['already expired', { quantity: 1, expiresAt: '2026-11-01' }, 'expiresAt'],
    ['an unknown field', { quantity: 1, onHand: 99 }, 'onHand'],
    ['a trace code chosen by the caller', { quantity: 1, traceCode: 'aaaaaaaaaa' }, 'traceCode'],
  ])('refuses a quantity %s with 422, writing nothing', async (_label, body, path) => {
    const { owner, listing } = await activeFarmListing();
    const res = await receive(listing.id, owner.token, body);
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(await ledger(listing.id)).toEqual([]);
  });

  it('refuses stock for an archived listing (409) and an unknown listing (404)', async () => {
    const { owner, listing } = await activeFarmListing();
    await t.call('DELETE', `/api/v1/listings/${listing.id}`, { token: owner.token });
    const res = await receive(listing.id, owner.token, { quantity: 1 });
    expect(res.status).toBe(409);
    expect(errorCode(res)).toBe('CONFLICT');
    expect((await receive('lst_nope', owner.token, { quantity: 1 })).status).toBe(404);
  });
});

describe('POST /listings/:listingId/adjustments', () => {
  it('writes off FEFO across lots: the lot expiring first, then the next, never one without expiry first', async () => {
    const { owner, listing } = await activeFarmListing();
    const keeps = await receive(listing.id, owner.token, { quantity: 10 });
    const late = await receive(listing.id, owner.token, { quantity: 5, expiresAt: '2027-03-01' });
    const early = await receive(listing.id, owner.token, { quantity: 3, expiresAt: '2026-12-15' });
    const res = await adjust(listing.id, owner.token, { delta: -6, reason: 'spoilage' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      listingId: listing.id,
      delta: -6,
      reason: 'spoilage',
      movements: [
        { lotId: early.body.id, delta: -3, onHand: 0 },
        { lotId: late.body.id, delta: -3, onHand: 2 },
      ],
      availableStock: 12,
      status: 'active',
    });
    const lots = await t.call('GET', `/api/v1/listings/${listing.id}/lots`, { token: owner.token });
    expect(lots.body.lots.map((l: { id: string; onHand: number }) => [l.id, l.onHand])).toEqual([
      [early.body.id, 0],
      [late.body.id, 2],
      [keeps.body.id, 10],
    ]);
  });

  it('adjusts one lot either way, and flips the listing sold out and back', async () => {
    const { owner, listing } = await activeFarmListing();
    const lot = await receive(listing.id, owner.token, { quantity: 4 });
    const down = await adjust(listing.id, owner.token, { lotId: lot.body.id, delta: -4, reason: 'count' });
    expect(down.body).toMatchObject({
      movements: [{ lotId: lot.body.id, delta: -4, onHand: 0 }],
      availableStock: 0,
      status: 'sold_out',
    });
    expect((await t.call('GET', `/api/v1/listings/${listing.id}`)).body.status).toBe('sold_out');
    const up = await adjust(listing.id, owner.token, { lotId: lot.body.id, delta: 2, reason: 'count' });
    expect(up.body).toMatchObject({ availableStock: 2, status: 'active' });
  });

  it('never goes below zero: 409 naming what is available, and nothing is written', async () => {
    const { owner, listing } = await activeFarmListing();
    const a = await receive(listing.id, owner.token, { quantity: 3 });
    await receive(listing.id, owner.token, { quantity: 2 });
    const before = await ledger(listing.id);
    const whole = await adjust(listing.id, owner.token, { delta: -6, reason: 'spoilage' });
    expect(whole.status).toBe(409);
    expect(errorCode(whole)).toBe('INSUFFICIENT_STOCK');
    expect(whole.body.error.details).toEqual({ listingId: listing.id, available: 5, requested: 6 });
    const oneLot = await adjust(listing.id, owner.token, { lotId: a.body.id, delta: -4, reason: 'other' });
    expect(oneLot.status).toBe(409);
    expect(oneLot.body.error.details).toEqual({ lotId: a.body.id, available: 3, requested: 4 });
    expect(await ledger(listing.id)).toEqual(before);
  });

  it('stays at or above zero under concurrent write-offs (real PostgreSQL, parallel connections)', async () => {
    const { owner, listing } = await activeFarmListing();
    await receive(listing.id, owner.token, { quantity: 12, expiresAt: '2026-12-10' });
    await receive(listing.id, owner.token, { quantity: 8 });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => adjust(listing.id, owner.token, { delta: -3, reason: 'count' })),
    );
    const statuses = results.map((r) => r.status).sort();
    // 20 units, 10 requests for 3: six fit, four must be refused, whatever the interleaving.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 409, 409, 409, 409]);
    const rows = await ledger(listing.id);
    expect(rows.reduce((sum, r) => sum + r.on_hand, 0)).toBe(2);
    for (const row of rows) expect(row.on_hand).toBe(row.ledger);
  });

  it.each([
    ['a positive delta without a lot', { delta: 5, reason: 'count' }, 'lotId'],
    ['a zero delta', { delta: 0, reason: 'count' }, 'delta'],
    ['a fractional delta', { delta: -1.5, reason: 'count' }, 'delta'],
    ['an unknown reason', { delta: -1, reason: 'theft' }, 'reason'],
    ['a missing reason', { delta: -1 }, 'reason'],
    ['an unknown field', { delta: -1, reason: 'count', memberId: 'mem_x' }, 'memberId'],
    ['a lot of another listing', { delta: -1, reason: 'count', lotId: 'OTHER' }, 'lotId'],
  ])('refuses %s with 422, writing nothing', async (_label, body, path) => {
    const { owner, listing } = await activeFarmListing();
    await receive(listing.id, owner.token, { quantity: 5 });
    const other = await createListing(
      t,
      owner.token,
      (await t.call('GET', `/api/v1/listings/${listing.id}`)).body.seller.id,
    );
    const otherLot = await receive(other.id, owner.token, { quantity: 5 });
    const json = (body as { lotId?: string }).lotId === 'OTHER' ? { ...body, lotId: otherLot.body.id } : body;
    const before = await ledger(listing.id);
    const res = await adjust(listing.id, owner.token, json);
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(await ledger(listing.id)).toEqual(before);
    expect(await ledger(other.id)).toEqual([{ id: otherLot.body.id, on_hand: 5, ledger: 5, movements: 1 }]);
  });

  it('lets staff adjust; plain members, strangers and anonymous callers cannot', async () => {
    const coop = await createCoop(t);
    const stranger = await createFarm(t);
    const listing = await createListing(t, coop.owner.token, coop.sellerId, { status: 'active' });
    await receive(listing.id, coop.manager.token, { quantity: 10 });
    for (const [token, status] of [
      [coop.member.token, 404],
      [stranger.owner.token, 404],
      [undefined, 401],
    ] as const) {
      expect((await adjust(listing.id, token, { delta: -1, reason: 'count' })).status).toBe(status);
    }
    const byStaff = await adjust(listing.id, coop.staff.token, { delta: -1, reason: 'count' });
    expect(byStaff.body.availableStock).toBe(9);
  });
});

describe('expiry', () => {
  it('stops counting a lot as available the day after its last day (Vietnam time)', async () => {
    const { owner, listing } = await activeFarmListing({ category: 'vegetables', unit: 'bunch' });
    await receive(listing.id, owner.token, { quantity: 6, expiresAt: '2026-11-27' });
    await receive(listing.id, owner.token, { quantity: 4, expiresAt: '2026-11-30' });
    const view = () => t.call('GET', `/api/v1/listings/${listing.id}`);
    expect((await view()).body.availableStock).toBe(10);
    // 2026-11-27T17:00Z is already 2026-11-28 in Vietnam.
    const startedAt = t.clock.now().getTime();
    t.clock.advance(new Date('2026-11-27T17:00:00Z').getTime() - startedAt);
    try {
      expect((await view()).body).toMatchObject({
        availableStock: 4,
        lots: [{ expiresAt: '2026-11-30', available: 4 }],
      });
      const lots = await t.call('GET', `/api/v1/listings/${listing.id}/lots`, { token: owner.token });
      expect(lots.body.lots.map((l: { isExpired: boolean }) => l.isExpired)).toEqual([true, false]);
    } finally {
      t.clock.advance(startedAt - t.clock.now().getTime());
    }
  });

  it('allocateFefo for a sale skips expired lots and writes nothing when short', async () => {
    const { owner, listing } = await activeFarmListing();
    const expired = await receive(listing.id, owner.token, { quantity: 5, expiresAt: '2026-11-27' });
    const fresh = await receive(listing.id, owner.token, { quantity: 3, expiresAt: '2026-12-31' });
    const tomorrow = new Date('2026-11-28T03:00:00Z');
    const before = await ledger(listing.id);
    const short = await t.db.transaction((tx) =>
      allocateFefo(tx, {
        listingId: listing.id,
        quantityMilli: 4000,
        kind: 'sale',
        authorUserId: owner.userId,
        now: tomorrow,
      }),
    );
    expect(short).toEqual({ ok: false, available: 3000, requested: 4000 });
    expect(await ledger(listing.id)).toEqual(before);
    const sold = await t.db.transaction((tx) =>
      allocateFefo(tx, {
        listingId: listing.id,
        quantityMilli: 3000,
        kind: 'sale',
        authorUserId: owner.userId,
        now: tomorrow,
      }),
    );
    expect(sold).toEqual({
      ok: true,
      allocations: [{ lotId: fresh.body.id, quantityMilli: 3000, memberId: null, onHandMilli: 0 }],
      status: 'sold_out',
      availableStock: 0,
    });
    const rows = await ledger(listing.id);
    expect(rows.find((r) => r.id === expired.body.id)).toMatchObject({ on_hand: 5, ledger: 5 });
  });
});

describe('the ledger in the database', () => {
  /** The database's own refusal (drizzle wraps it): its message and SQLSTATE. */
  async function refusal(query: ReturnType<typeof sql>) {
    const error = await t.db.execute(query).then(
      () => null,
      (e: unknown) => e,
    );
    const cause = (error as { cause?: { message?: string; code?: string } } | null)?.cause;
    return { message: cause?.message, code: cause?.code };
  }

  it('refuses to update or delete a movement, and on-hand below zero', async () => {
    const { owner, listing } = await activeFarmListing();
    const lot = await receive(listing.id, owner.token, { quantity: 2 });
    expect(await refusal(sql`UPDATE stock_movements SET delta_milli = 100 WHERE lot_id = ${lot.body.id}`)).toEqual({
      message: 'stock_movements is append-only: UPDATE refused',
      code: '23001',
    });
    expect((await refusal(sql`DELETE FROM stock_movements WHERE lot_id = ${lot.body.id}`)).message).toMatch(
      /append-only/,
    );
    expect((await refusal(sql`TRUNCATE stock_movements CASCADE`)).message).toMatch(/append-only/);
    expect(await refusal(sql`UPDATE lots SET on_hand_milli = -1 WHERE id = ${lot.body.id}`)).toEqual({
      message: expect.stringContaining('lots_on_hand_milli_non_negative'),
      code: '23514',
    });
    expect(await ledger(listing.id)).toEqual([{ id: lot.body.id, on_hand: 2, ledger: 2, movements: 1 }]);
  });
});

describe('GET /listings/:listingId/lots', () => {
  it('is for the seller team only', async () => {
    const coop = await createCoop(t);
    const listing = await createListing(t, coop.owner.token, coop.sellerId, { status: 'active' });
    await receive(listing.id, coop.owner.token, { quantity: 3, memberId: coop.member.memberId });
    const byStaff = await t.call('GET', `/api/v1/listings/${listing.id}/lots`, { token: coop.staff.token });
    expect(byStaff.body.lots).toEqual([
      expect.objectContaining({ member: { id: coop.member.memberId, name: 'Chị Lan' } }),
    ]);
    for (const [token, status] of [
      [coop.member.token, 404],
      [undefined, 401],
    ] as const) {
      expect((await t.call('GET', `/api/v1/listings/${listing.id}/lots`, { token })).status).toBe(status);
    }
  });
});

describe('GET /trace/:traceCode', () => {
  it("tells the lot's story to anyone, with verified certifications and no phone numbers or buyers", async () => {
    const coop = await createCoop(t);
    const operator = await t.signIn(OPERATOR_PHONE);
    const verified = await t.call('POST', `/api/v1/sellers/${coop.sellerId}/certifications`, {
      token: coop.owner.token,
      json: {
        type: 'ocop',
        stars: 4,
        certificateNumber: 'OCOP-1',
        issuer: 'UBND tỉnh Thái Nguyên',
        validFrom: '2026-01-01',
        validTo: '2028-01-01',
      },
    });
    const pending = await t.call('POST', `/api/v1/sellers/${coop.sellerId}/certifications`, {
      token: coop.owner.token,
      json: {
        type: 'organic',
        certificateNumber: 'ORG-1',
        issuer: 'Control Union',
        validFrom: '2026-01-01',
        validTo: '2028-01-01',
      },
    });
    await t.call('POST', `/api/v1/certifications/${verified.body.id}/verify`, { token: operator.token });
    const listing = await createListing(t, coop.owner.token, coop.sellerId, {
      status: 'active',
      certificationIds: [verified.body.id, pending.body.id],
    });
    // A member with a phone: the phone must still never appear.
    const lot = await receive(listing.id, coop.manager.token, {
      quantity: 10,
      harvestedAt: '2026-11-25',
      expiresAt: '2027-11-25',
      memberId: coop.member.memberId,
    });
    const buyer = await t.signIn();
    await adjust(listing.id, coop.manager.token, { delta: -1, reason: 'other' });

    const res = await t.call('GET', `/api/v1/trace/${lot.body.traceCode}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      traceCode: lot.body.traceCode,
      product: {
        listingId: listing.id,
        title: 'Chè Tân Cương loại đặc biệt',
        category: { id: 'tea', vi: 'Chè, trà', en: 'Tea' },
        unit: { id: 'kg', vi: 'kg', en: 'kg' },
      },
      seller: {
        id: coop.sellerId,
        name: 'HTX Chè Tân Cương',
        kind: 'cooperative',
        province: { id: 'thai-nguyen', name: 'Thái Nguyên' },
        commune: 'Xã Tân Cương',
      },
      // Shown as initials: the default display a member has not changed (cooperatives module).
      member: { name: 'C.L.' },
      harvestedAt: '2026-11-25',
      expiresAt: '2027-11-25',
      receivedAt: t.clock.now().toISOString(),
      certifications: [expect.objectContaining({ id: verified.body.id, isVerified: true })],
    });
    const text = JSON.stringify(res.body);
    for (const phone of [coop.member.phone, coop.owner.phone, coop.manager.phone, buyer.phone]) {
      expect(text).not.toContain(phone);
      expect(text).not.toContain(phone.replace('+84', '0'));
    }
    expect(text).not.toMatch(/usr_|mem_|\+84/);
    // Typed from a label: upper case works too.
    expect((await t.call('GET', `/api/v1/trace/${lot.body.traceCode.toUpperCase()}`)).status).toBe(200);
  });

  it('is 404 for an unknown or malformed code', async () => {
    for (const code of ['0000000000', 'short', 'x'.repeat(20)]) {
      const res = await t.call('GET', `/api/v1/trace/${code}`);
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
  });
});
