import { decodeQrSvg } from '@nongsan/payments/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createCoop, createFarm, createListing } from '../../../test/listing-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';
import { addDays, vnDate } from '../../lib/dates.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PUBLIC_WEB_URL: 'https://nongsan.example.vn/' } });
});
afterAll(async () => {
  await t.close();
});

/** A Vietnam calendar date `n` days from the test clock's today. */
const day = (n: number) => addDays(vnDate(t.clock.now()), n);

const receive = async (listingId: string, token: string, json: Record<string, unknown>) => {
  const res = await t.call('POST', `/api/v1/listings/${listingId}/lots`, { token, json });
  if (res.status !== 201) throw new Error(`receive: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; traceCode: string };
};

const stockOf = (coopId: string, token: string | undefined, query = '') =>
  t.call('GET', `/api/v1/cooperatives/${coopId}/stock${query}`, { token });

async function coopWithStock() {
  const coop = await createCoop(t);
  const tea = await createListing(t, coop.manager.token, coop.sellerId, {
    status: 'active',
    title: 'Chè búp Tân Cương',
  });
  const rice = await createListing(t, coop.manager.token, coop.sellerId, {
    status: 'active',
    title: 'Gạo Bao Thai',
    category: 'rice',
    priceVnd: 25_000,
  });
  const teaLan = await receive(tea.id, coop.staff.token, {
    quantity: 30,
    harvestedAt: day(-1),
    expiresAt: day(2),
    memberId: coop.member.memberId,
  });
  const teaTam = await receive(tea.id, coop.staff.token, {
    quantity: 20,
    harvestedAt: day(0),
    expiresAt: day(30),
    memberId: coop.noPhoneMemberId,
  });
  const riceLot = await receive(rice.id, coop.manager.token, { quantity: 8, harvestedAt: day(-3) });
  return { coop, tea, rice, teaLan, teaTam, riceLot };
}

describe('GET /cooperatives/:sellerId/stock', () => {
  it('shows every listing with its lots, members, adjustments and their authors, alerts and expiring lots', async () => {
    const { coop, tea, rice, teaLan, teaTam, riceLot } = await coopWithStock();
    const spoiled = await t.call('POST', `/api/v1/listings/${tea.id}/adjustments`, {
      token: coop.staff.token,
      json: { lotId: teaLan.id, delta: -4, reason: 'spoilage' },
    });
    expect(spoiled.status).toBe(200);
    await t.call('PUT', `/api/v1/cooperatives/${coop.sellerId}/listings/${rice.id}/threshold`, {
      token: coop.manager.token,
      json: { lowStockThreshold: 10 },
    });

    const res = await stockOf(coop.sellerId, coop.staff.token);
    expect(res.status).toBe(200);
    expect(res.body.cooperative).toEqual({ id: coop.sellerId, name: 'HTX Chè Tân Cương' });
    expect(res.body.today).toBe(day(0));
    expect(res.body.expiringWithinDays).toBe(3);
    const byId = new Map(res.body.listings.map((l: { id: string }) => [l.id, l]));
    expect(byId.get(tea.id)).toMatchObject({
      title: 'Chè búp Tân Cương',
      status: 'active',
      availableStock: 46,
      onHand: 46,
      lowStockThreshold: null,
      isLowStock: false,
      lots: [
        {
          id: teaLan.id,
          traceCode: teaLan.traceCode,
          quantity: 30,
          onHand: 26,
          harvestedAt: day(-1),
          expiresAt: day(2),
          isExpired: false,
          daysToExpiry: 2,
          member: { id: coop.member.memberId, name: 'Chị Lan' },
          importRef: null,
        },
        { id: teaTam.id, onHand: 20, daysToExpiry: 30, member: { id: coop.noPhoneMemberId, name: 'Bà Lê Thị Tám' } },
      ],
      recentAdjustments: [
        {
          lotId: teaLan.id,
          delta: -4,
          reason: 'spoilage',
          author: { userId: coop.staff.userId, name: 'Anh Minh' },
        },
      ],
    });
    expect(byId.get(rice.id)).toMatchObject({
      availableStock: 8,
      lowStockThreshold: 10,
      isLowStock: true,
      lots: [{ id: riceLot.id, member: null, expiresAt: null, daysToExpiry: null }],
      recentAdjustments: [],
    });
    expect(res.body.lowStock).toEqual([rice.id]);
    expect(res.body.expiring).toEqual([
      {
        lotId: teaLan.id,
        traceCode: teaLan.traceCode,
        listingId: tea.id,
        listingTitle: 'Chè búp Tân Cương',
        onHand: 26,
        expiresAt: day(2),
        daysToExpiry: 2,
        member: { id: coop.member.memberId, name: 'Chị Lan' },
      },
    ]);
    // A narrower window leaves the lot out; a wider one takes the 30-day lot in too.
    expect((await stockOf(coop.sellerId, coop.manager.token, '?expiringWithinDays=1')).body.expiring).toEqual([]);
    const wide = await stockOf(coop.sellerId, coop.owner.token, '?expiringWithinDays=30');
    expect(wide.body.expiring.map((e: { lotId: string }) => e.lotId)).toEqual([teaLan.id, teaTam.id]);
  });

  it('lists emptied lots only when asked, and leaves archived listings out', async () => {
    const { coop, rice, riceLot } = await coopWithStock();
    await t.call('POST', `/api/v1/listings/${rice.id}/adjustments`, {
      token: coop.manager.token,
      json: { lotId: riceLot.id, delta: -8, reason: 'count' },
    });
    const plain = await stockOf(coop.sellerId, coop.manager.token);
    const riceRow = plain.body.listings.find((l: { id: string }) => l.id === rice.id);
    expect(riceRow).toMatchObject({ status: 'sold_out', lots: [], availableStock: 0 });
    const withEmpty = await stockOf(coop.sellerId, coop.manager.token, '?includeEmpty=true');
    expect(withEmpty.body.listings.find((l: { id: string }) => l.id === rice.id).lots).toEqual([
      expect.objectContaining({ id: riceLot.id, onHand: 0 }),
    ]);
    await t.call('DELETE', `/api/v1/listings/${rice.id}`, { token: coop.manager.token });
    const after = await stockOf(coop.sellerId, coop.manager.token);
    expect(after.body.listings.map((l: { id: string }) => l.id)).not.toContain(rice.id);
  });

  it.each([
    ['?expiringWithinDays=-1', 'expiringWithinDays'],
    ['?expiringWithinDays=abc', 'expiringWithinDays'],
    ['?expiringWithinDays=1000', 'expiringWithinDays'],
    ['?includeEmpty=yes', 'includeEmpty'],
    ['?memberId=mem_x', 'memberId'],
  ])('refuses %s with VALIDATION_FAILED', async (query, path) => {
    const coop = await createCoop(t);
    const res = await stockOf(coop.sellerId, coop.manager.token, query);
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('members, other cooperatives, farms and strangers get 404; anonymous 401; no stock leaks', async () => {
    const { coop } = await coopWithStock();
    const other = await createCoop(t);
    const farm = await createFarm(t);
    for (const token of [coop.member.token, other.manager.token, other.owner.token, farm.owner.token]) {
      const res = await stockOf(coop.sellerId, token);
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain('Chè');
    }
    expect(errorCode(await stockOf(coop.sellerId, undefined))).toBe('UNAUTHENTICATED');
    // A farm is not a cooperative, even to its owner.
    expect(errorCode(await stockOf(farm.sellerId, farm.owner.token))).toBe('NOT_FOUND');
  });
});

describe('PUT /cooperatives/:sellerId/listings/:listingId/threshold', () => {
  const put = (coopId: string, listingId: string, token: string | undefined, json: unknown) =>
    t.call('PUT', `/api/v1/cooperatives/${coopId}/listings/${listingId}/threshold`, { token, json });

  it('staff set and clear a threshold; the alert follows sellable stock', async () => {
    const { coop, tea } = await coopWithStock();
    const set = await put(coop.sellerId, tea.id, coop.staff.token, { lowStockThreshold: 50 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ listingId: tea.id, lowStockThreshold: 50, availableStock: 50, isLowStock: true });
    const cleared = await put(coop.sellerId, tea.id, coop.staff.token, { lowStockThreshold: null });
    expect(cleared.body).toMatchObject({ lowStockThreshold: null, isLowStock: false });
  });

  it.each([
    [{ lowStockThreshold: -1 }, 'lowStockThreshold'],
    [{ lowStockThreshold: 1.2345 }, 'lowStockThreshold'],
    [{ lowStockThreshold: '5' }, 'lowStockThreshold'],
    [{}, 'lowStockThreshold'],
    [{ lowStockThreshold: 5, listingId: 'lst_x' }, 'listingId'],
  ])('refuses %j with VALIDATION_FAILED and changes nothing', async (body, path) => {
    const { coop, tea } = await coopWithStock();
    const res = await put(coop.sellerId, tea.id, coop.manager.token, body);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    const [row] = await queryRows<{ low_stock_threshold: number | null }>(
      t.db,
      sql`SELECT low_stock_threshold_milli AS low_stock_threshold FROM listings WHERE id = ${tea.id}`,
    );
    expect(row?.low_stock_threshold).toBeNull();
  });

  it('refuses an oversized body', async () => {
    const { coop, tea } = await coopWithStock();
    const res = await t.call('PUT', `/api/v1/cooperatives/${coop.sellerId}/listings/${tea.id}/threshold`, {
      token: coop.manager.token,
      body: JSON.stringify({ lowStockThreshold: 1, pad: 'x'.repeat(70_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
  });

  it("is 404 for members, other cooperatives, and another cooperative's listing; 401 anonymous", async () => {
    const { coop, tea } = await coopWithStock();
    const other = await createCoop(t);
    const otherListing = await createListing(t, other.manager.token, other.sellerId);
    expect(errorCode(await put(coop.sellerId, tea.id, coop.member.token, { lowStockThreshold: 1 }))).toBe('NOT_FOUND');
    expect(errorCode(await put(coop.sellerId, tea.id, other.manager.token, { lowStockThreshold: 1 }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await put(other.sellerId, tea.id, other.manager.token, { lowStockThreshold: 1 }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await put(coop.sellerId, otherListing.id, coop.manager.token, { lowStockThreshold: 1 }))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await put(coop.sellerId, tea.id, undefined, { lowStockThreshold: 1 }))).toBe('UNAUTHENTICATED');
    const [row] = await queryRows<{ low_stock_threshold: number | null }>(
      t.db,
      sql`SELECT low_stock_threshold_milli AS low_stock_threshold FROM listings WHERE id = ${tea.id}`,
    );
    expect(row?.low_stock_threshold).toBeNull();
  });
});

describe('receiving a lot for a member', () => {
  it('staff may; the member must be an active member of this very cooperative', async () => {
    const { coop, tea } = await coopWithStock();
    const other = await createCoop(t);
    const foreign = await t.call('POST', `/api/v1/listings/${tea.id}/lots`, {
      token: coop.staff.token,
      json: { quantity: 1, memberId: other.noPhoneMemberId },
    });
    expect(foreign.status).toBe(422);
    await t.call('POST', `/api/v1/cooperatives/${coop.sellerId}/members/${coop.noPhoneMemberId}/deactivate`, {
      token: coop.manager.token,
    });
    const inactive = await t.call('POST', `/api/v1/listings/${tea.id}/lots`, {
      token: coop.staff.token,
      json: { quantity: 1, memberId: coop.noPhoneMemberId },
    });
    expect(inactive.status).toBe(422);
    expect(inactive.body.error.details).toEqual([expect.objectContaining({ path: 'memberId' })]);
  });
});

describe('GET /cooperatives/:sellerId/labels and the public trace page', () => {
  const labelsOf = (coopId: string, token: string | undefined, query: string) =>
    t.call('GET', `/api/v1/cooperatives/${coopId}/labels${query}`, { token });

  it('names each member as they allow (full, initials, none) on labels and the trace page, with a working QR code', async () => {
    const { coop, tea, rice, teaLan, teaTam, riceLot } = await coopWithStock();
    const patch = (memberId: string, displayPreference: string) =>
      t.call('PATCH', `/api/v1/cooperatives/${coop.sellerId}/members/${memberId}`, {
        token: coop.manager.token,
        json: { displayPreference },
      });
    expect((await patch(coop.member.memberId, 'full')).status).toBe(200);
    expect((await patch(coop.noPhoneMemberId, 'none')).status).toBe(200);
    const res = await labelsOf(coop.sellerId, coop.staff.token, `?lotIds=${teaTam.id},${teaLan.id},${riceLot.id}`);
    expect(res.status).toBe(200);
    expect(res.body.labels.map((l: { lotId: string }) => l.lotId)).toEqual([teaTam.id, teaLan.id, riceLot.id]);
    const [tam, lan, riceLabel] = res.body.labels;
    expect(lan).toMatchObject({
      traceCode: teaLan.traceCode,
      traceUrl: `https://nongsan.example.vn/t/${teaLan.traceCode}`,
      product: { listingId: tea.id, title: 'Chè búp Tân Cương', unit: { id: 'kg' } },
      cooperative: {
        id: coop.sellerId,
        name: 'HTX Chè Tân Cương',
        province: { id: 'thai-nguyen', name: 'Thái Nguyên' },
      },
      member: { name: 'Chị Lan' },
      harvestedAt: day(-1),
      expiresAt: day(2),
    });
    expect(tam.member).toBeNull();
    expect(riceLabel).toMatchObject({ member: null, product: { listingId: rice.id } });
    expect(decodeQrSvg(lan.qrSvg)).toBe(lan.traceUrl);
    expect(JSON.stringify(res.body)).not.toMatch(/\+84|usr_|mem_/);

    // The public trace page follows the same choices.
    const traceOf = async (code: string) => (await t.call('GET', `/api/v1/trace/${code}`)).body.member;
    expect(await traceOf(teaLan.traceCode)).toEqual({ name: 'Chị Lan' });
    expect(await traceOf(teaTam.traceCode)).toBeNull();
    await patch(coop.noPhoneMemberId, 'initials');
    expect(await traceOf(teaTam.traceCode)).toEqual({ name: 'B.L.T.T.' });
  });

  it("refuses another cooperative's lot by naming it, without its data (422)", async () => {
    const { coop, teaLan } = await coopWithStock();
    const other = await coopWithStock();
    const res = await labelsOf(coop.sellerId, coop.manager.token, `?lotIds=${teaLan.id},${other.teaLan.id}`);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'lotIds.1', code: 'not_found' })]);
    expect(JSON.stringify(res.body)).not.toContain(other.teaLan.traceCode);
  });

  it.each([
    ['', 'lotIds'],
    ['?lotIds=', 'lotIds'],
    ['?lotIds=a,a', 'lotIds'],
    [`?lotIds=${Array.from({ length: 101 }, (_, i) => `lot_${i}`).join(',')}`, 'lotIds'],
    ['?lotIds=lot_a&format=pdf', 'format'],
  ])('refuses %s with VALIDATION_FAILED', async (query, path) => {
    const coop = await createCoop(t);
    const res = await labelsOf(coop.sellerId, coop.manager.token, query);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('members and other cooperatives get 404, anonymous 401', async () => {
    const { coop, teaLan } = await coopWithStock();
    const other = await createCoop(t);
    for (const token of [coop.member.token, other.manager.token]) {
      const res = await labelsOf(coop.sellerId, token, `?lotIds=${teaLan.id}`);
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain(teaLan.traceCode);
    }
    expect(errorCode(await labelsOf(coop.sellerId, undefined, `?lotIds=${teaLan.id}`))).toBe('UNAUTHENTICATED');
  });
});
