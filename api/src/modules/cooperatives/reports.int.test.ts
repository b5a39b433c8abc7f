import { readSpreadsheetCsv } from '@nongsan/vn/csv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createCoop, createListing } from '../../../test/listing-factories.ts';
import { address, orderBody, placeOrder } from '../../../test/order-factories.ts';
import { addDays, vnDate } from '../../lib/dates.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PLATFORM_FEE_PERCENT: '2.5', PAYMENT_METHODS: 'cod' } });
});
afterAll(async () => {
  await t.close();
});

const day = (n: number) => addDays(vnDate(t.clock.now()), n);

async function move(fulfilmentId: string, token: string, ...actions: string[]) {
  for (const action of actions) {
    const res = await t.call('POST', `/api/v1/fulfilments/${fulfilmentId}/${action}`, { token });
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/**
 * The fixture, by hand. Tea 180.000 ₫/kg: Lan's lot 2 kg (expires first), Tám's lot 10 kg.
 * Greens 15.500 ₫/bunch: Tám's lot 20. Platform fee 2,5 %.
 *  - Order A (delivered): 3 kg tea + 5 greens. FEFO takes 2 kg from Lan, 1 kg from Tám.
 *    Subtotal 617.500 ₫, fee 15.437,5 → 15.438 ₫, split by gross with the largest remainder:
 *    Lan tea 360.000 → 9.000; Tám tea 180.000 → 4.500; Tám greens 77.500 → 1.938.
 *  - Order B (delivered): 4 kg tea, all from Tám: 720.000 ₫, fee 18.000 ₫.
 *  - Order C (confirmed, not delivered: not a sale yet): 3 greens by delivery.
 *  - Order D (cancelled): 2 greens.
 * Tám: tea 5 kg 900.000 − 22.500 = 877.500; greens 5 77.500 − 1.938 = 75.562; net 953.062 ₫.
 * Lan: tea 2 kg 360.000 − 9.000 = 351.000 ₫. Total fee 33.438 ₫ = 15.438 + 18.000.
 */
async function fixture() {
  const coop = await createCoop(t);
  await t.call('PATCH', `/api/v1/sellers/${coop.sellerId}`, {
    token: coop.owner.token,
    json: {
      offersDelivery: true,
      deliveryFeeVnd: 20_000,
      pickupAddress: 'Xóm Hồng Thái 2',
      pickupHours: '7:00 – 17:00',
    },
  });
  const tea = await createListing(t, coop.manager.token, coop.sellerId, {
    status: 'active',
    title: 'Chè búp Tân Cương',
    priceVnd: 180_000,
  });
  const greens = await createListing(t, coop.manager.token, coop.sellerId, {
    status: 'active',
    title: 'Rau cải ngọt',
    category: 'vegetables',
    unit: 'bunch',
    priceVnd: 15_500,
  });
  const lot = async (listingId: string, json: Record<string, unknown>) =>
    (await t.call('POST', `/api/v1/listings/${listingId}/lots`, { token: coop.staff.token, json })).body as {
      id: string;
      traceCode: string;
    };
  const lanTea = await lot(tea.id, { quantity: 2, expiresAt: day(5), memberId: coop.member.memberId });
  const tamTea = await lot(tea.id, { quantity: 10, expiresAt: day(10), memberId: coop.noPhoneMemberId });
  const tamGreens = await lot(greens.id, { quantity: 20, expiresAt: day(3), memberId: coop.noPhoneMemberId });

  const buyer = await t.signIn(undefined, 'Nguyễn Văn Mua');
  const orderA = await placeOrder(
    t,
    buyer.token,
    orderBody([
      { listingId: tea.id, quantity: 3 },
      { listingId: greens.id, quantity: 5 },
    ]),
  );
  const orderB = await placeOrder(t, buyer.token, orderBody([{ listingId: tea.id, quantity: 4 }]));
  const orderC = await placeOrder(
    t,
    buyer.token,
    orderBody([{ listingId: greens.id, quantity: 3 }], { delivery: { method: 'delivery', address } }),
  );
  const orderD = await placeOrder(t, buyer.token, orderBody([{ listingId: greens.id, quantity: 2 }]));
  await move(orderA.fulfilments[0]!.id, coop.staff.token, 'confirm', 'ship', 'deliver');
  await move(orderB.fulfilments[0]!.id, coop.manager.token, 'confirm', 'ship', 'deliver');
  await move(orderC.fulfilments[0]!.id, coop.staff.token, 'confirm');
  await move(orderD.fulfilments[0]!.id, coop.staff.token, 'cancel');
  return { coop, tea, greens, lanTea, tamTea, tamGreens, buyer, orderA, orderB, orderC, orderD };
}

const report = (coopId: string, token: string | undefined, query: string) =>
  t.call('GET', `/api/v1/cooperatives/${coopId}/reports/member-sales${query}`, { token });

const reportCsv = async (coopId: string, token: string, query: string) => {
  const res = await t.app.request(`/api/v1/cooperatives/${coopId}/reports/member-sales.csv${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return readSpreadsheetCsv(new Uint8Array(await res.arrayBuffer())).records;
};

type Fixture = Awaited<ReturnType<typeof fixture>>;

/** The cash of a cash-on-delivery part, then money given back for it after delivery. */
async function refundAfterDelivery(
  fx: Fixture,
  order: Fixture['orderA'],
  json: { amountVnd: number; orderItemId?: string; note: string },
) {
  const fulfilment = order.fulfilments[0]!;
  const cash = await t.call('POST', `/api/v1/fulfilments/${fulfilment.id}/cash-collected`, {
    token: fx.coop.staff.token,
    json: { amountVnd: order.totals.totalVnd },
  });
  if (cash.status !== 200) throw new Error(`cash: ${JSON.stringify(cash.body)}`);
  const res = await t.call('POST', `/api/v1/fulfilments/${fulfilment.id}/refunds`, {
    token: fx.coop.manager.token,
    json,
  });
  if (res.status !== 201) throw new Error(`refund: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.refund as { id: string };
}

const itemOf = (order: Fixture['orderA'], listingId: string) =>
  (order.fulfilments[0] as unknown as { items: { id: string; listingId: string }[] }).items.find(
    (i) => i.listingId === listingId,
  )!.id;

describe('GET /cooperatives/:sellerId/reports/member-sales', () => {
  it('equals the hand-computed fixture to the đồng: FEFO split across members, fees adding up exactly', async () => {
    const { coop, tea, greens } = await fixture();
    const res = await report(coop.sellerId, coop.manager.token, `?from=${day(0)}&to=${day(0)}`);
    expect(res.status).toBe(200);
    const teaLine = { listingId: tea.id, title: 'Chè búp Tân Cương', unit: expect.objectContaining({ id: 'kg' }) };
    expect(res.body).toMatchObject({
      cooperative: { id: coop.sellerId, name: 'HTX Chè Tân Cương' },
      from: day(0),
      to: day(0),
      platformFeePercent: 2.5,
      fulfilments: 2,
      members: [
        {
          member: { id: coop.noPhoneMemberId, name: 'Bà Lê Thị Tám' },
          lines: [
            { ...teaLine, quantity: 5, grossVnd: 900_000, feeVnd: 22_500, refundsVnd: 0, netVnd: 877_500 },
            {
              listingId: greens.id,
              title: 'Rau cải ngọt',
              unit: expect.objectContaining({ id: 'bunch', vi: 'bó' }),
              quantity: 5,
              grossVnd: 77_500,
              feeVnd: 1_938,
              refundsVnd: 0,
              netVnd: 75_562,
            },
          ],
          totals: { quantity: 10, grossVnd: 977_500, feeVnd: 24_438, refundsVnd: 0, netVnd: 953_062 },
        },
        {
          member: { id: coop.member.memberId, name: 'Chị Lan' },
          lines: [{ ...teaLine, quantity: 2, grossVnd: 360_000, feeVnd: 9_000, refundsVnd: 0, netVnd: 351_000 }],
          totals: { quantity: 2, grossVnd: 360_000, feeVnd: 9_000, refundsVnd: 0, netVnd: 351_000 },
        },
      ],
      totals: { quantity: 12, grossVnd: 1_337_500, feeVnd: 33_438, refundsVnd: 0, netVnd: 1_304_062 },
    });
    expect(res.body.members).toHaveLength(2);
    expect(res.body.notes).toHaveLength(3);
    // The buyer is nobody's business in a member report.
    expect(JSON.stringify(res.body)).not.toMatch(/Nguyễn Văn Mua|\+84/);
  });

  it('equals the hand-computed fixture with a refund split across two members, to the đồng, in JSON and CSV', async () => {
    // Order A's 3 kg of tea (2 kg Lan's lot, 1 kg Tám's) arrive partly damp: the manager gives
    // back 100.000 ₫ for the tea. Split by the tea's gross 360.000 : 180.000 → 66.666,67 and
    // 33.333,33; the đồng left goes to the larger remainder: Lan 66.667, Tám 33.333. The fee
    // stays as charged on the sale. Tám: tea 900.000 − 22.500 − 33.333 = 844.167; greens 75.562;
    // 919.729 ₫. Lan: 360.000 − 9.000 − 66.667 = 284.333 ₫. Total 1.337.500 − 33.438 − 100.000
    // = 1.204.062 ₫.
    const fx = await fixture();
    const { coop, tea, greens, orderA } = fx;
    await refundAfterDelivery(fx, orderA, {
      amountVnd: 100_000,
      orderItemId: itemOf(orderA, tea.id),
      note: 'Chè bị ẩm',
    });
    const res = await report(coop.sellerId, coop.manager.token, `?from=${day(0)}&to=${day(0)}`);
    expect(res.status).toBe(200);
    const teaLine = { listingId: tea.id, title: 'Chè búp Tân Cương', unit: expect.objectContaining({ id: 'kg' }) };
    expect(res.body).toMatchObject({
      fulfilments: 2,
      members: [
        {
          member: { id: coop.noPhoneMemberId, name: 'Bà Lê Thị Tám' },
          lines: [
            { ...teaLine, quantity: 5, grossVnd: 900_000, feeVnd: 22_500, refundsVnd: 33_333, netVnd: 844_167 },
            {
              listingId: greens.id,
              quantity: 5,
              grossVnd: 77_500,
              feeVnd: 1_938,
              refundsVnd: 0,
              netVnd: 75_562,
            },
          ],
          totals: { quantity: 10, grossVnd: 977_500, feeVnd: 24_438, refundsVnd: 33_333, netVnd: 919_729 },
        },
        {
          member: { id: coop.member.memberId, name: 'Chị Lan' },
          lines: [{ ...teaLine, quantity: 2, grossVnd: 360_000, feeVnd: 9_000, refundsVnd: 66_667, netVnd: 284_333 }],
          totals: { quantity: 2, grossVnd: 360_000, feeVnd: 9_000, refundsVnd: 66_667, netVnd: 284_333 },
        },
      ],
      totals: { quantity: 12, grossVnd: 1_337_500, feeVnd: 33_438, refundsVnd: 100_000, netVnd: 1_204_062 },
    });
    expect(res.body.members).toHaveLength(2);
    expect(JSON.stringify(res.body.notes)).not.toMatch(/Refunds are 0|Hoàn tiền bằng 0/);

    const records = await reportCsv(coop.sellerId, coop.manager.token, `?from=${day(0)}&to=${day(0)}`);
    expect(records.slice(1)).toEqual([
      [
        coop.noPhoneMemberId,
        'Bà Lê Thị Tám',
        tea.id,
        'Chè búp Tân Cương',
        'kg',
        '5',
        '900000',
        '22500',
        '33333',
        '844167',
      ],
      [coop.noPhoneMemberId, 'Bà Lê Thị Tám', greens.id, 'Rau cải ngọt', 'bó', '5', '77500', '1938', '0', '75562'],
      [coop.noPhoneMemberId, 'Bà Lê Thị Tám', '', 'Tổng thành viên', '', '10', '977500', '24438', '33333', '919729'],
      [coop.member.memberId, 'Chị Lan', tea.id, 'Chè búp Tân Cương', 'kg', '2', '360000', '9000', '66667', '284333'],
      [coop.member.memberId, 'Chị Lan', '', 'Tổng thành viên', '', '2', '360000', '9000', '66667', '284333'],
      ['', 'TỔNG CỘNG', '', '', '', '12', '1337500', '33438', '100000', '1204062'],
    ]);

    // Lan's own page shows exactly what the manager pays her.
    const me = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/me?from=${day(0)}&to=${day(0)}`, {
      token: coop.member.token,
    });
    expect(me.body.sales.totals).toEqual({
      quantity: 2,
      grossVnd: 360_000,
      feeVnd: 9_000,
      refundsVnd: 66_667,
      netVnd: 284_333,
    });
  });

  it("counts a refund on the day it is made: an earlier day's sale shows as lines of quantity 0", async () => {
    const fx = await fixture();
    const { coop, tea, greens, orderA } = fx;
    const saleDay = day(0);
    t.clock.advance(24 * 3_600_000);
    // The next day, 10.000 ₫ back for order A as a whole: split over its three lot parts by gross
    // (360.000 / 180.000 / 77.500 of 617.500): 5.829,96 / 2.914,98 / 1.255,06 → floors 9.998, the
    // two đồng left to the largest remainders (Tám's tea, Lan's tea): 5.830 / 2.915 / 1.255.
    await refundAfterDelivery(fx, orderA, { amountVnd: 10_000, note: 'Giao thiếu một bó' });
    const today = await report(coop.sellerId, coop.manager.token, `?from=${day(0)}&to=${day(0)}`);
    const zero = { quantity: 0, grossVnd: 0, feeVnd: 0 };
    expect(today.body).toMatchObject({
      fulfilments: 0,
      members: [
        {
          member: { id: coop.noPhoneMemberId },
          lines: [
            { listingId: tea.id, ...zero, refundsVnd: 2_915, netVnd: -2_915 },
            { listingId: greens.id, ...zero, refundsVnd: 1_255, netVnd: -1_255 },
          ],
          totals: { ...zero, refundsVnd: 4_170, netVnd: -4_170 },
        },
        {
          member: { id: coop.member.memberId },
          lines: [{ listingId: tea.id, ...zero, refundsVnd: 5_830, netVnd: -5_830 }],
          totals: { ...zero, refundsVnd: 5_830, netVnd: -5_830 },
        },
      ],
      totals: { ...zero, refundsVnd: 10_000, netVnd: -10_000 },
    });
    // The sale's own day is unchanged by it; both days together net both.
    const before = await report(coop.sellerId, coop.manager.token, `?from=${saleDay}&to=${saleDay}`);
    expect(before.body.totals).toMatchObject({ refundsVnd: 0, netVnd: 1_304_062 });
    const both = await report(coop.sellerId, coop.manager.token, `?from=${saleDay}&to=${day(0)}`);
    expect(both.body.totals).toEqual({
      quantity: 12,
      grossVnd: 1_337_500,
      feeVnd: 33_438,
      refundsVnd: 10_000,
      netVnd: 1_294_062,
    });
    const records = await reportCsv(coop.sellerId, coop.owner.token, `?from=${day(0)}&to=${day(0)}`);
    expect(records).toContainEqual([
      coop.member.memberId,
      'Chị Lan',
      tea.id,
      'Chè búp Tân Cương',
      'kg',
      '0',
      '0',
      '0',
      '5830',
      '-5830',
    ]);
    expect(records.at(-1)).toEqual(['', 'TỔNG CỘNG', '', '', '', '0', '0', '0', '10000', '-10000']);
  });

  it('counts a delivery on the Vietnam day it happened, and nothing outside the range', async () => {
    const { coop } = await fixture();
    expect((await report(coop.sellerId, coop.manager.token, `?from=${day(-30)}&to=${day(-1)}`)).body).toMatchObject({
      fulfilments: 0,
      members: [],
      totals: { grossVnd: 0, feeVnd: 0, netVnd: 0 },
    });
    const wide = await report(coop.sellerId, coop.owner.token, `?from=${day(-365)}&to=${day(0)}`);
    expect(wide.body.totals.netVnd).toBe(1_304_062);
  });

  it('exports the same figures as CSV with Vietnamese names intact', async () => {
    const { coop, tea } = await fixture();
    const res = await t.app.request(
      `/api/v1/cooperatives/${coop.sellerId}/reports/member-sales.csv?from=${day(0)}&to=${day(0)}&separator=semicolon`,
      { headers: { authorization: `Bearer ${coop.manager.token}` } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="doanh-thu-thanh-vien-htx-che-tan-cuong-${day(0)}-${day(0)}.csv"`,
    );
    const { records, delimiter } = readSpreadsheetCsv(new Uint8Array(await res.arrayBuffer()));
    expect(delimiter).toBe(';');
    expect(records[0]?.[1]).toBe('Thành viên (member_name)');
    expect(records[1]).toEqual([
      coop.noPhoneMemberId,
      'Bà Lê Thị Tám',
      tea.id,
      'Chè búp Tân Cương',
      'kg',
      '5',
      '900000',
      '22500',
      '0',
      '877500',
    ]);
    expect(records.at(-1)).toEqual(['', 'TỔNG CỘNG', '', '', '', '12', '1337500', '33438', '0', '1304062']);
  });

  it.each([
    ['', 'from'],
    [`?from=${'2026-11-01'}`, 'to'],
    ['?from=2026-11-10&to=2026-11-01', 'to'],
    ['?from=2025-01-01&to=2026-11-01', 'to'],
    ['?from=01/11/2026&to=2026-11-30', 'from'],
    ['?from=2026-11-01&to=2026-11-30&memberId=x', 'memberId'],
  ])('refuses %s with VALIDATION_FAILED', async (query, path) => {
    const coop = await createCoop(t);
    const res = await report(coop.sellerId, coop.manager.token, query);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it('managers only: staff, members and other cooperatives get 404, anonymous 401', async () => {
    const { coop } = await fixture();
    const other = await createCoop(t);
    const query = `?from=${day(0)}&to=${day(0)}`;
    for (const token of [coop.staff.token, coop.member.token, other.manager.token, other.owner.token]) {
      const res = await report(coop.sellerId, token, query);
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain('Tám');
      const csv = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/reports/member-sales.csv${query}`, {
        token,
      });
      expect(csv.status).toBe(404);
    }
    expect(errorCode(await report(coop.sellerId, undefined, query))).toBe('UNAUTHENTICATED');
  });
});

describe('GET /cooperatives/:sellerId/me', () => {
  it("a member sees their own lots, sales and earnings, and nothing of other members'", async () => {
    const { coop, tea, lanTea, tamTea } = await fixture();
    const res = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/me`, { token: coop.member.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      cooperative: { id: coop.sellerId, name: 'HTX Chè Tân Cương' },
      member: { id: coop.member.memberId, name: 'Chị Lan', role: 'member', displayPreference: 'initials' },
      lots: [
        {
          id: lanTea.id,
          traceCode: lanTea.traceCode,
          listingId: tea.id,
          listingTitle: 'Chè búp Tân Cương',
          quantity: 2,
          onHand: 0,
          sold: 2,
          expiresAt: day(5),
          isExpired: false,
        },
      ],
      sales: {
        from: `${day(0).slice(0, 8)}01`,
        to: day(0),
        platformFeePercent: 2.5,
        lines: [{ listingId: tea.id, quantity: 2, grossVnd: 360_000, feeVnd: 9_000, refundsVnd: 0, netVnd: 351_000 }],
        totals: { quantity: 2, grossVnd: 360_000, feeVnd: 9_000, refundsVnd: 0, netVnd: 351_000 },
      },
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(tamTea.id);
    expect(text).not.toContain(coop.noPhoneMemberId);
    expect(text).not.toContain('Tám');
    expect(text).not.toContain('Nguyễn Văn Mua');
  });

  it('staff with no lots see empty figures; a range without sales is zero', async () => {
    const { coop } = await fixture();
    const staff = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/me`, { token: coop.staff.token });
    expect(staff.body).toMatchObject({
      member: { role: 'staff' },
      lots: [],
      sales: { lines: [], totals: { netVnd: 0 } },
    });
    const past = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/me?from=${day(-20)}&to=${day(-10)}`, {
      token: coop.member.token,
    });
    expect(past.body.sales).toMatchObject({ from: day(-20), to: day(-10), lines: [], totals: { grossVnd: 0 } });
  });

  it('is 404 for strangers, other cooperatives and deactivated members; 401 anonymous; 422 for bad dates', async () => {
    const { coop } = await fixture();
    const other = await createCoop(t);
    const stranger = await t.signIn();
    for (const token of [stranger.token, other.manager.token, other.member.token]) {
      const res = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/me`, { token });
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    await t.call('POST', `/api/v1/cooperatives/${coop.sellerId}/members/${coop.member.memberId}/deactivate`, {
      token: coop.manager.token,
    });
    expect(
      errorCode(await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/me`, { token: coop.member.token })),
    ).toBe('NOT_FOUND');
    expect(errorCode(await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/me`))).toBe('UNAUTHENTICATED');
    const bad = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/me?from=2026-13-01`, {
      token: coop.manager.token,
    });
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    const backwards = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/me?to=2020-01-01&from=2020-02-01`, {
      token: coop.manager.token,
    });
    expect(errorCode(backwards)).toBe('VALIDATION_FAILED');
  });
});

describe('GET /cooperatives/:sellerId/packing-list', () => {
  it('lists what to pack by pickup and delivery, with the lots to take, and what was handed over today', async () => {
    const { coop, greens, tamGreens, orderA, orderC } = await fixture();
    const res = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/packing-list?date=${day(0)}`, {
      token: coop.staff.token,
    });
    expect(res.status).toBe(200);
    expect(res.body.date).toBe(day(0));
    expect(res.body.delivery.fulfilments).toEqual([
      expect.objectContaining({
        fulfilmentId: orderC.fulfilments[0]!.id,
        orderCode: orderC.code,
        status: 'confirmed',
        buyer: { name: 'Nguyễn Văn Mua' },
        pickup: null,
        recipient: {
          name: 'Nguyễn Thị Mai',
          phone: '+84912345678',
          province: { id: 'ha-noi', name: 'Hà Nội' },
          commune: 'Phường Cầu Giấy',
          street: '12 ngõ 34 Trần Thái Tông',
        },
        items: [
          {
            listingId: greens.id,
            title: 'Rau cải ngọt',
            unit: expect.objectContaining({ id: 'bunch' }),
            quantity: 3,
            lots: [
              {
                lotId: tamGreens.id,
                traceCode: tamGreens.traceCode,
                quantity: 3,
                expiresAt: day(3),
                member: { id: coop.noPhoneMemberId, name: 'Bà Lê Thị Tám' },
              },
            ],
          },
        ],
      }),
    ]);
    // Orders A and B were handed over (and delivered) today; the cancelled one is not there.
    const pickedUp = res.body.pickup.fulfilments;
    expect(pickedUp.map((f: { status: string }) => f.status)).toEqual(['delivered', 'delivered']);
    expect(pickedUp.find((f: { orderId: string }) => f.orderId === orderA.id)).toMatchObject({
      pickup: { address: 'Xóm Hồng Thái 2, Thái Nguyên', hours: '7:00 – 17:00' },
      recipient: null,
    });
    expect(res.body.totals).toEqual([
      { listingId: greens.id, title: 'Rau cải ngọt', unit: expect.objectContaining({ id: 'bunch' }), quantity: 3 },
    ]);
    // Tomorrow the confirmed one is still to pack; today's handovers are not.
    const tomorrow = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/packing-list?date=${day(1)}`, {
      token: coop.manager.token,
    });
    expect(tomorrow.body.pickup.fulfilments).toEqual([]);
    expect(tomorrow.body.delivery.fulfilments.map((f: { orderId: string }) => f.orderId)).toEqual([orderC.id]);
  });

  it('is 404 for members and other cooperatives, 401 anonymous, 422 for a bad date', async () => {
    const { coop } = await fixture();
    const other = await createCoop(t);
    for (const token of [coop.member.token, other.manager.token]) {
      const res = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/packing-list`, { token });
      expect(errorCode(res)).toBe('NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain('Nguyễn');
    }
    expect(errorCode(await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/packing-list`))).toBe(
      'UNAUTHENTICATED',
    );
    const bad = await t.call('GET', `/api/v1/cooperatives/${coop.sellerId}/packing-list?date=tomorrow`, {
      token: coop.manager.token,
    });
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
  });
});
