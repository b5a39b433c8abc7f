import { readSpreadsheetCsv } from '@nongsan/vn/csv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createCoop } from '../../../test/listing-factories.ts';
import { addListing, address, createShop, orderBody, placeOrder } from '../../../test/order-factories.ts';
import { OPERATOR_PHONE, operatorEnv } from '../../../test/payment-factories.ts';

// Seller balances and payouts with a 2.5 % platform fee: exact to the đồng over several orders
// paid each way, including a refund and payouts; the payout report as Excel reads it.

let t: TestApp;
let operator: { token: string };
beforeAll(async () => {
  t = await createTestApp({
    env: { PAYMENT_METHODS: 'cod,bank_transfer', PLATFORM_FEE_PERCENT: '2.5', ...operatorEnv },
  });
  operator = await t.signIn(OPERATOR_PHONE);
});
afterAll(async () => {
  await t.close();
});

const balanceOf = (sellerId: string, token: string) => t.call('GET', `/api/v1/sellers/${sellerId}/balance`, { token });

async function payByTransfer(orderId: string, amountVnd: number) {
  const res = await t.call('POST', `/api/v1/orders/${orderId}/payment/received`, {
    token: operator.token,
    json: { amountVnd },
  });
  if (res.body.order?.payment.status !== 'paid') throw new Error(`not paid: ${JSON.stringify(res.body)}`);
}

const payout = (json: unknown, token = operator.token) => t.call('POST', '/api/v1/payouts', { token, json });

describe('seller balances', () => {
  it('adds up paid, fee (per fulfilment, half up), refunds, cash and payouts exactly', async () => {
    const shop = await createShop(t, {
      stock: 50,
      listing: { priceVnd: 33_333 },
      seller: { name: 'Chè Hảo Đạt', offersDelivery: true, deliveryFeeVnd: 15_000 },
    });
    const other = await createShop(t, { stock: 50, listing: { priceVnd: 50_000 }, seller: { name: '=1+2 Chè Hưng' } });
    const odd = await addListing(t, shop, { priceVnd: 10_020 });
    const cash = await addListing(t, shop, { priceVnd: 12_345 });
    const delivered = await addListing(t, shop, { priceVnd: 40_000 });
    const buyer = await t.signIn();
    const order = (items: { listingId: string; quantity: number }[], extra: Record<string, unknown>) =>
      placeOrder(t, buyer.token, orderBody(items, extra));
    const bank = { paymentMethod: 'bank_transfer' };

    // 99.999 ₫ of goods: fee 2.499,975 → 2.500.
    const o1 = await order([{ listingId: shop.listing.id, quantity: 3 }], bank);
    await payByTransfer(o1.id, 99_999);
    // 10.020 ₫, paid then cancelled: refunded, no fee.
    const o2 = await order([{ listingId: odd.id, quantity: 1 }], bank);
    await payByTransfer(o2.id, 10_020);
    expect((await t.call('POST', `/api/v1/orders/${o2.id}/cancel`, { token: buyer.token })).status).toBe(200);
    // Cash on delivery, 24.690 ₫: fee 617,25 → 617; the cash stays with the seller.
    const o3 = await order([{ listingId: cash.id, quantity: 2 }], {});
    const part3 = o3.fulfilments[0]!.id;
    for (const step of ['confirm', 'ship', 'deliver']) {
      await t.call('POST', `/api/v1/fulfilments/${part3}/${step}`, { token: shop.owner.token });
    }
    await t.call('POST', `/api/v1/fulfilments/${part3}/cash-collected`, {
      token: shop.owner.token,
      json: { amountVnd: 24_690 },
    });
    // Delivered for 15.000 ₫: the fee is on the 40.000 ₫ of goods only (1.000).
    const o4 = await order([{ listingId: delivered.id, quantity: 1 }], {
      ...bank,
      delivery: { method: 'delivery', address },
    });
    expect(o4.totals.totalVnd).toBe(55_000);
    await payByTransfer(o4.id, 55_000);
    // 10.020 ₫ kept: fee 250,5 → 251 (half up).
    const o5 = await order([{ listingId: odd.id, quantity: 1 }], bank);
    await payByTransfer(o5.id, 10_020);
    // Shared with another seller: 33.333 ₫ here (fee 833,325 → 833), 50.000 ₫ there (1.250).
    const o6 = await order(
      [
        { listingId: shop.listing.id, quantity: 1 },
        { listingId: other.listing.id, quantity: 1 },
      ],
      bank,
    );
    await payByTransfer(o6.id, 83_333);
    // Not counted: a transfer still awaited, cash not yet collected.
    await order([{ listingId: shop.listing.id, quantity: 1 }], bank);
    await order([{ listingId: cash.id, quantity: 1 }], {});

    const paidVnd = 99_999 + 10_020 + 55_000 + 10_020 + 33_333;
    const feeVnd = 2_500 + 617 + 1_000 + 251 + 833;
    const res = await balanceOf(shop.sellerId, shop.owner.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sellerId: shop.sellerId,
      paidVnd,
      feeVnd,
      refundsVnd: 10_020,
      cashHeldVnd: 24_690,
      payoutsVnd: 0,
      owedVnd: paidVnd - feeVnd - 10_020,
      feePercent: 2.5,
      bankAccount: null,
      payouts: [],
    });
    expect(res.body.owedVnd).toBe(193_151);
    const entryOf = (orderId: string) => res.body.entries.find((e: { orderId: string }) => e.orderId === orderId);
    expect(entryOf(o1.id)).toMatchObject({ method: 'bank_transfer', totalVnd: 99_999, feeVnd: 2_500, refundVnd: 0 });
    expect(entryOf(o2.id)).toMatchObject({ totalVnd: 10_020, feeVnd: 0, refundVnd: 10_020 });
    expect(entryOf(o3.id)).toMatchObject({ method: 'cod', totalVnd: 24_690, feeVnd: 617, refundVnd: 0 });
    expect(entryOf(o5.id)).toMatchObject({ feeVnd: 251 });
    expect(res.body.entries).toHaveLength(6);
    expect((await balanceOf(other.sellerId, other.owner.token)).body).toMatchObject({
      paidVnd: 50_000,
      feeVnd: 1_250,
      owedVnd: 48_750,
    });

    // Payouts: never more than owed (409, saying how much is), exactly what is owed is fine.
    const first = await payout({ sellerId: shop.sellerId, amountVnd: 100_000, reference: 'UNC 2026-11-28 01' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      payout: { sellerId: shop.sellerId, amountVnd: 100_000, reference: 'UNC 2026-11-28 01' },
      owedVnd: 93_151,
    });
    const tooMuch = await payout({ sellerId: shop.sellerId, amountVnd: 93_152, reference: 'UNC 02' });
    expect(tooMuch.status).toBe(409);
    expect(errorCode(tooMuch)).toBe('CONFLICT');
    expect(tooMuch.body.error.details).toMatchObject({ owedVnd: 93_151 });

    // The payout report lists both sellers, bank details and what each is owed; Excel-safe.
    await t.call('PUT', `/api/v1/sellers/${shop.sellerId}/bank-account`, {
      token: shop.owner.token,
      json: { bankBin: '970415', bankName: 'VietinBank', accountNumber: '108001234567', accountName: 'NGUYEN VAN HAO' },
    });
    const report = await t.app.request('/api/v1/payouts/report.csv', {
      headers: { authorization: `Bearer ${operator.token}` },
    });
    expect(report.status).toBe(200);
    expect(report.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = new Uint8Array(await report.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { records } = readSpreadsheetCsv(bytes);
    expect(records[0]).toEqual([
      'Người bán (seller)',
      'Điện thoại (phone)',
      'Ngân hàng (bank)',
      'Số tài khoản (account)',
      'Chủ tài khoản (account_name)',
      'Số tiền (owed_vnd)',
    ]);
    const rowOf = (name: string) => records.find((r) => r[0] === name);
    // A phone starts with `+`, which Excel would read as a formula: it comes out as text too
    // (the apostrophe is hidden in Excel and read back off by our own CSV reader).
    expect(rowOf('Chè Hảo Đạt')).toEqual([
      'Chè Hảo Đạt',
      `'${shop.owner.phone}`,
      'VietinBank (970415)',
      '108001234567',
      'NGUYEN VAN HAO',
      '93151',
    ]);
    // A name that would run as a formula in Excel comes out as text.
    expect(rowOf("'=1+2 Chè Hưng")).toEqual(["'=1+2 Chè Hưng", `'${other.owner.phone}`, '', '', '', '48750']);

    // The same rows as JSON, for the operator's payout form.
    const owed = await t.call('GET', '/api/v1/payouts/owed', { token: operator.token });
    expect(owed.status).toBe(200);
    expect(owed.body.sellers).toContainEqual({
      sellerId: shop.sellerId,
      name: 'Chè Hảo Đạt',
      phone: shop.owner.phone,
      owedVnd: 93_151,
      bankAccount: {
        bankBin: '970415',
        bankName: 'VietinBank',
        accountNumber: '108001234567',
        accountName: 'NGUYEN VAN HAO',
      },
    });
    expect(owed.body.sellers).toContainEqual(expect.objectContaining({ sellerId: other.sellerId, owedVnd: 48_750 }));

    const rest = await payout({ sellerId: shop.sellerId, amountVnd: 93_151, reference: 'UNC 03' });
    expect(rest.body.owedVnd).toBe(0);
    const after = (await balanceOf(shop.sellerId, shop.owner.token)).body;
    expect(after).toMatchObject({
      payoutsVnd: 193_151,
      owedVnd: 0,
      bankAccount: { bankBin: '970415', accountNumber: '108001234567' },
    });
    expect(after.payouts.map((p: { amountVnd: number }) => p.amountVnd).sort()).toEqual([100_000, 93_151].sort());
    expect((await payout({ sellerId: shop.sellerId, amountVnd: 1, reference: 'UNC 04' })).status).toBe(409);
    const laterReport = readSpreadsheetCsv(
      new Uint8Array(
        await (
          await t.app.request('/api/v1/payouts/report.csv', { headers: { authorization: `Bearer ${operator.token}` } })
        ).arrayBuffer(),
      ),
    );
    expect(laterReport.records.some((r) => r[0] === 'Chè Hảo Đạt')).toBe(false);
  });

  it('two payouts at once never add up to more than is owed', async () => {
    const shop = await createShop(t, { stock: 10, listing: { priceVnd: 40_000 } });
    const buyer = await t.signIn();
    const placed = await placeOrder(
      t,
      buyer.token,
      orderBody([{ listingId: shop.listing.id, quantity: 1 }], { paymentMethod: 'bank_transfer' }),
    );
    await payByTransfer(placed.id, 40_000);
    const owed = (await balanceOf(shop.sellerId, shop.owner.token)).body.owedVnd;
    expect(owed).toBe(39_000);
    const answers = await Promise.all(
      [1, 2, 3].map((n) => payout({ sellerId: shop.sellerId, amountVnd: 20_000, reference: `UNC ${n}` })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect((await balanceOf(shop.sellerId, shop.owner.token)).body.owedVnd).toBe(19_000);
  });

  it('is for the owner and cooperative managers; others 404, anonymous 401', async () => {
    const coop = await createCoop(t);
    expect((await balanceOf(coop.sellerId, coop.owner.token)).status).toBe(200);
    expect((await balanceOf(coop.sellerId, coop.manager.token)).status).toBe(200);
    for (const token of [coop.staff.token, coop.member.token, (await t.signIn()).token, operator.token]) {
      const res = await balanceOf(coop.sellerId, token);
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    expect((await t.call('GET', `/api/v1/sellers/${coop.sellerId}/balance`)).status).toBe(401);
    expect((await balanceOf('sel_nope', coop.owner.token)).status).toBe(404);
  });
});

describe('PUT /sellers/:sellerId/bank-account', () => {
  const account = {
    bankBin: '970436',
    bankName: 'Vietcombank',
    accountNumber: '0011009876543',
    accountName: 'HTX CHE',
  };

  it('saves the account for the owner or a manager, replacing the last', async () => {
    const coop = await createCoop(t);
    const saved = await t.call('PUT', `/api/v1/sellers/${coop.sellerId}/bank-account`, {
      token: coop.manager.token,
      json: account,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ sellerId: coop.sellerId, bankAccount: account });
    const changed = { ...account, bankBin: '970418', bankName: 'BIDV', accountNumber: 'abc123' };
    await t.call('PUT', `/api/v1/sellers/${coop.sellerId}/bank-account`, { token: coop.owner.token, json: changed });
    expect((await balanceOf(coop.sellerId, coop.owner.token)).body.bankAccount).toEqual({
      ...changed,
      accountNumber: 'ABC123',
    });
  });

  it('refuses bad input (422) and other people (404), writing nothing', async () => {
    const coop = await createCoop(t);
    const put = (json: unknown, token: string) =>
      t.call('PUT', `/api/v1/sellers/${coop.sellerId}/bank-account`, { token, json });
    for (const json of [
      { ...account, bankBin: '97043' },
      { ...account, accountNumber: '0011 0098 7654' },
      { ...account, accountName: '' },
      { ...account, sellerId: coop.sellerId },
      { bankBin: '970436' },
    ]) {
      const res = await put(json, coop.owner.token);
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    for (const token of [coop.staff.token, coop.member.token, operator.token]) {
      expect((await put(account, token)).status).toBe(404);
    }
    expect((await balanceOf(coop.sellerId, coop.owner.token)).body.bankAccount).toBeNull();
  });
});

describe('POST /payouts and GET /payouts/report.csv', () => {
  it('are for operators only (403); bad input is 422; an unknown seller 404', async () => {
    const shop = await createShop(t, { stock: 1 });
    const res = await payout({ sellerId: shop.sellerId, amountVnd: 1, reference: 'x' }, shop.owner.token);
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect((await t.call('GET', '/api/v1/payouts/report.csv', { token: shop.owner.token })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/payouts/owed', { token: shop.owner.token })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/payouts/report.csv')).status).toBe(401);
    for (const json of [
      { sellerId: shop.sellerId, amountVnd: 0, reference: 'x' },
      { sellerId: shop.sellerId, amountVnd: 1.5, reference: 'x' },
      { sellerId: shop.sellerId, amountVnd: 1 },
      { sellerId: shop.sellerId, amountVnd: 1, reference: 'x', bankBin: '970436' },
    ]) {
      expect((await payout(json)).status, JSON.stringify(json)).toBe(422);
    }
    expect((await payout({ sellerId: 'sel_nope', amountVnd: 1, reference: 'x' })).status).toBe(404);
    expect((await balanceOf(shop.sellerId, shop.owner.token)).body.payouts).toEqual([]);
  });
});

describe('the OpenAPI document', () => {
  it('describes every payments route', async () => {
    const doc = await t.call('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(
        [
          '/payments/methods',
          '/orders/{orderId}/payment/stripe',
          '/payments/stripe/webhook',
          '/orders/{orderId}/payment/qr.svg',
          '/orders/{orderId}/payment/received',
          '/payments/bank-statements',
          '/payments/transfers',
          '/fulfilments/{fulfilmentId}/cash-collected',
          '/refunds',
          '/refunds/{refundId}/complete',
          '/sellers/{sellerId}/balance',
          '/sellers/{sellerId}/bank-account',
          '/payouts/report.csv',
          '/payouts/owed',
          '/payouts',
        ].map((path) => `/api/v1${path}`),
      ),
    );
    const statement = doc.body.paths['/api/v1/payments/bank-statements'].post.requestBody.content;
    expect(Object.keys(statement)).toEqual(expect.arrayContaining(['multipart/form-data', 'text/csv']));
    expect(doc.body.paths['/api/v1/payouts'].post.requestBody.content['application/json'].schema).toMatchObject({
      additionalProperties: false,
    });
  });
});

describe('GET /payments/methods', () => {
  it('names the configured ways to pay, for anyone', async () => {
    const res = await t.call('GET', '/api/v1/payments/methods');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ methods: ['cod', 'bank_transfer'], stripe: null });
  });
});
