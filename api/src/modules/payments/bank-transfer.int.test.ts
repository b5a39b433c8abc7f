import { parseVietQrPayload } from '@nongsan/payments';
import { decodeQrSvg } from '@nongsan/payments/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, TEST_BANK, type TestApp } from '../../../test/harness.ts';
import { drainJobs, orderFromTwoShops } from '../../../test/order-factories.ts';
import {
  eventsOf,
  OPERATOR_PHONE,
  operatorEnv,
  orderFromNewShop,
  orderRowOf,
  paymentsOf,
  refundsOf,
} from '../../../test/payment-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';

// Bank transfer with VietQR: the order's QR code, transfers recorded by an operator, statement
// import (preview, all-or-nothing apply, never twice), deadlines and refunds of late money.

let t: TestApp;
let operator: { token: string };
beforeAll(async () => {
  t = await createTestApp({ env: { PAYMENT_METHODS: 'cod,bank_transfer', ...operatorEnv } });
  operator = await t.signIn(OPERATOR_PHONE);
});
afterAll(async () => {
  await t.close();
});

const getOrder = async (orderId: string, token: string) =>
  (await t.call('GET', `/api/v1/orders/${orderId}`, { token })).body;

/** As the operator unless another token is given; null: anonymous. */
const markReceived = (orderId: string, json: unknown, token: string | null = operator.token) =>
  t.call('POST', `/api/v1/orders/${orderId}/payment/received`, { token: token ?? undefined, json });

const bankOrder = (options: { priceVnd?: number; quantity?: number } = {}) =>
  orderFromNewShop(t, { method: 'bank_transfer', ...options });

/** Everything a failed request must not have written, for one order. */
async function moneyOf(orderId: string) {
  const [events] = await queryRows<{ n: number }>(
    t.db,
    sql`SELECT count(*)::int AS n FROM payment_events WHERE order_id = ${orderId}`,
  );
  return { order: await orderRowOf(t, orderId), payments: await paymentsOf(t, orderId), events: events?.n };
}

describe('the VietQR code', () => {
  it('encodes the order’s transfer for its buyer and operators, read back by a QR decoder', async () => {
    const { shop, buyer, order } = await bankOrder({ priceVnd: 62_500, quantity: 2 });
    const transfer = order.payment.bankTransfer;
    expect(transfer).toEqual({
      bankBin: TEST_BANK.BANK_BIN,
      bankName: TEST_BANK.BANK_NAME,
      accountNumber: TEST_BANK.BANK_ACCOUNT_NUMBER,
      accountName: TEST_BANK.BANK_ACCOUNT_NAME,
      amountVnd: 125_000,
      reference: order.code.replace('NS-', 'NS'),
      qrPayload: expect.any(String),
    });
    expect(parseVietQrPayload(transfer.qrPayload)).toMatchObject({
      bankBin: TEST_BANK.BANK_BIN,
      accountNumber: TEST_BANK.BANK_ACCOUNT_NUMBER,
      amountVnd: 125_000,
      purpose: transfer.reference,
    });
    for (const token of [buyer.token, operator.token]) {
      const res = await t.app.request(`/api/v1/orders/${order.id}/payment/qr.svg`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(decodeQrSvg(await res.text())).toBe(transfer.qrPayload);
    }
    // The seller gets its money from the marketplace, not from the buyer: the account and the whole
    // order's amount are not its to see (issue 13).
    expect((await getOrder(order.id, shop.owner.token)).payment.bankTransfer).toBeUndefined();
    const bySeller = await t.call('GET', `/api/v1/orders/${order.id}/payment/qr.svg`, { token: shop.owner.token });
    expect(bySeller.status).toBe(404);
  });

  it('is 404 for anyone else and for orders not paid by transfer; 401 anonymous', async () => {
    const { order } = await bankOrder();
    const stranger = await t.signIn();
    const res = await t.call('GET', `/api/v1/orders/${order.id}/payment/qr.svg`, { token: stranger.token });
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(errorCode(await t.call('GET', `/api/v1/orders/${order.id}/payment/qr.svg`))).toBe('UNAUTHENTICATED');
    const cash = await orderFromNewShop(t, { method: 'cod' });
    const notBank = await t.call('GET', `/api/v1/orders/${cash.order.id}/payment/qr.svg`, { token: cash.buyer.token });
    expect(notBank.status).toBe(404);
    expect(cash.order.payment.bankTransfer).toBeUndefined();
  });
});

describe('POST /orders/:orderId/payment/received', () => {
  it('the exact total pays the order; a second tap is 409 and records nothing', async () => {
    const { buyer, order } = await bankOrder({ priceVnd: 40_000, quantity: 3 });
    const res = await markReceived(order.id, { amountVnd: 120_000, note: 'VCB 14:05' });
    expect(res.status).toBe(200);
    expect(res.body.order).toMatchObject({
      id: order.id,
      status: 'awaiting_confirmation',
      payment: { status: 'paid', receivedVnd: 120_000, flagged: null },
    });
    expect((await getOrder(order.id, buyer.token)).payment.status).toBe('paid');
    const again = await markReceived(order.id, { amountVnd: 120_000 });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('CONFLICT');
    expect(await paymentsOf(t, order.id)).toMatchObject([{ received_vnd: '120000', status: 'succeeded' }]);
    expect((await eventsOf(t, 'bank_transfer')).filter((e) => e.order_id === order.id)).toHaveLength(1);
  });

  it('flags a partial payment and does not pay; the rest pays it; too much is flagged too', async () => {
    const { buyer, order } = await bankOrder({ priceVnd: 50_000, quantity: 2 });
    const part = await markReceived(order.id, { amountVnd: 60_000 });
    expect(part.status).toBe(200);
    expect(part.body.order.payment).toMatchObject({
      status: 'pending',
      receivedVnd: 60_000,
      flagged: { reason: 'amount_mismatch', note: expect.stringContaining('short') },
    });
    expect(part.body.order.status).toBe('awaiting_payment');
    const rest = await markReceived(order.id, { amountVnd: 40_000 });
    expect(rest.body.order.payment).toMatchObject({ status: 'paid', receivedVnd: 100_000, flagged: null });
    expect((await getOrder(order.id, buyer.token)).status).toBe('awaiting_confirmation');

    const over = await bankOrder({ priceVnd: 50_000, quantity: 1 });
    const tooMuch = await markReceived(over.order.id, { amountVnd: 500_000, note: 'gõ thừa số 0' });
    expect(tooMuch.body.order.payment).toMatchObject({
      status: 'pending',
      receivedVnd: 500_000,
      flagged: { reason: 'amount_mismatch', note: expect.stringContaining('gõ thừa số 0') },
    });
  });

  it('is for operators only (403, before anything is looked up); bad input is 4xx; nothing is written', async () => {
    const { shop, buyer, order } = await bankOrder();
    const before = await moneyOf(order.id);
    for (const token of [buyer.token, shop.owner.token]) {
      const res = await markReceived(order.id, { amountVnd: order.totals.totalVnd }, token);
      expect(res.status).toBe(403);
      expect(errorCode(res)).toBe('FORBIDDEN');
    }
    expect((await markReceived('ord_nope', { amountVnd: 1 }, buyer.token)).status).toBe(403);
    expect(errorCode(await markReceived(order.id, { amountVnd: 1 }, null))).toBe('UNAUTHENTICATED');
    for (const json of [
      { amountVnd: -5 },
      { amountVnd: 0 },
      { amountVnd: 1.5 },
      { amountVnd: '100000' },
      {},
      { amountVnd: 100_000, orderId: order.id },
      { amountVnd: 100_000, note: '' },
    ]) {
      const res = await markReceived(order.id, json);
      expect(res.status, JSON.stringify(json)).toBe(422);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    }
    const notJson = await t.call('POST', `/api/v1/orders/${order.id}/payment/received`, {
      token: operator.token,
      body: '{"amountVnd":',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    const wrongType = await t.call('POST', `/api/v1/orders/${order.id}/payment/received`, {
      token: operator.token,
      body: 'amountVnd=1',
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    expect(errorCode(await markReceived('ord_nope', { amountVnd: 1 }))).toBe('NOT_FOUND');
    const cash = await orderFromNewShop(t, { method: 'cod' });
    expect((await markReceived(cash.order.id, { amountVnd: cash.order.totals.totalVnd })).status).toBe(409);
    expect(await moneyOf(order.id)).toEqual(before);
  });
});

/** A bank statement CSV as Vietcombank exports it: title lines, then debit/credit columns. */
function statement(rows: string[]): string {
  return [
    'NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM',
    `Sao kê tài khoản: ${TEST_BANK.BANK_ACCOUNT_NUMBER}`,
    '',
    'STT,Ngày giao dịch,Số tham chiếu,Số tiền ghi nợ,Số tiền ghi có,Nội dung',
    ...rows,
  ].join('\r\n');
}

/** As the operator unless another token is given; null: anonymous. */
const importStatement = (csv: string, mode: 'preview' | 'apply', token: string | null = operator.token) =>
  t.call('POST', `/api/v1/payments/bank-statements?mode=${mode}`, {
    token: token ?? undefined,
    body: csv,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  });

const dong = (n: number) => `"${n.toLocaleString('de-DE')}"`;
let ref = 0;
const bankRef = () => `FT26331${String(++ref).padStart(5, '0')}`;

describe('POST /payments/bank-statements', () => {
  it('previews matched, mismatched, unmatched, skipped and duplicate rows by row number, writing nothing', async () => {
    const exact = await bankOrder({ priceVnd: 45_000, quantity: 2 });
    const short = await bankOrder({ priceVnd: 80_000, quantity: 1 });
    const refOf = (o: { code: string }) => o.code.replace('NS-', 'NS');
    const exactRef = bankRef();
    const csv = statement([
      `1,27/11/2026,${exactRef},,${dong(90_000)},MBVCB.123.${refOf(exact.order)}.CT tu 0912345678`,
      `2,27/11/2026,${bankRef()},,${dong(70_000)},"Chuyển tiền chè ${refOf(short.order).toLowerCase()}"`,
      `3,27/11/2026,${bankRef()},,${dong(15_000)},Tien an trua`,
      `4,27/11/2026,${bankRef()},${dong(200_000)},,Phí dịch vụ`,
      `5,27/11/2026,${bankRef()},,"12,5",Sai số tiền`,
      `6,27/11/2026,${exactRef},,${dong(90_000)},MBVCB.123.${refOf(exact.order)}.CT tu 0912345678`,
    ]);
    const res = await importStatement(csv, 'preview');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      matched: [
        {
          row: 5,
          orderId: exact.order.id,
          orderCode: exact.order.code,
          reference: refOf(exact.order),
          amountVnd: 90_000,
          description: expect.stringContaining(refOf(exact.order)),
        },
      ],
      mismatched: [
        expect.objectContaining({
          row: 6,
          orderId: short.order.id,
          orderCode: short.order.code,
          amountVnd: 70_000,
          expectedVnd: 80_000,
          kind: 'underpaid',
        }),
      ],
      unmatched: [expect.objectContaining({ row: 7, reference: 'Tien an trua', amountVnd: 15_000 })],
      skipped: [
        expect.objectContaining({ row: 8, messageVi: expect.any(String) }),
        expect.objectContaining({ row: 9, message: expect.stringContaining('12,5') }),
      ],
      duplicates: [expect.objectContaining({ row: 10, duplicateOf: 5, amountVnd: 90_000 })],
      applied: false,
    });
    expect((await orderRowOf(t, exact.order.id)).payment_status).toBe('pending');
    expect(await paymentsOf(t, exact.order.id)).toEqual([]);
  });

  it('applies all or nothing: a mismatched row refuses the whole file (422), then the rest applies once', async () => {
    const a = await bankOrder({ priceVnd: 30_000, quantity: 1 });
    const b = await bankOrder({ priceVnd: 20_000, quantity: 3 });
    const c = await bankOrder({ priceVnd: 99_000, quantity: 1 });
    const refOf = (o: { code: string }) => o.code.replace('NS-', 'NS');
    const good = [
      `1,27/11/2026,${bankRef()},,${dong(30_000)},${refOf(a.order)}`,
      `2,27/11/2026,${bankRef()},,${dong(60_000)},thanh toan don ${refOf(b.order)}`,
    ];
    const bad = `3,27/11/2026,${bankRef()},,${dong(100_000)},${refOf(c.order)} chuyen du`;

    const refused = await importStatement(statement([...good, bad]), 'apply');
    expect(refused.status).toBe(422);
    expect(errorCode(refused)).toBe('VALIDATION_FAILED');
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'row.7', code: 'overpaid' })]);
    for (const o of [a, b, c]) expect((await moneyOf(o.order.id)).payments).toEqual([]);
    expect((await orderRowOf(t, a.order.id)).payment_status).toBe('pending');

    const file = statement(good);
    const applied = await importStatement(file, 'apply');
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ applied: true, matched: [{ row: 5 }, { row: 6 }], mismatched: [] });
    for (const o of [a, b]) {
      expect((await getOrder(o.order.id, o.buyer.token)).payment).toMatchObject({ status: 'paid', flagged: null });
    }

    // The same file again: every row was imported before; nothing is paid twice.
    const preview = await importStatement(file, 'preview');
    expect(preview.body).toMatchObject({ matched: [], mismatched: [], unmatched: [], applied: false });
    expect(
      preview.body.duplicates.map((d: { row: number; duplicateOf: number | null }) => [d.row, d.duplicateOf]),
    ).toEqual([
      [5, null],
      [6, null],
    ]);
    const again = await importStatement(file, 'apply');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ applied: true, matched: [] });
    for (const o of [a, b]) {
      expect(await paymentsOf(t, o.order.id)).toMatchObject([
        { received_vnd: String(o.order.totals.totalVnd), status: 'succeeded' },
      ]);
    }
  });

  it('takes the file as a multipart field too, and refuses what it cannot read', async () => {
    const o = await bankOrder({ priceVnd: 11_000, quantity: 1 });
    const form = new FormData();
    form.append(
      'file',
      new Blob([statement([`1,27/11/2026,${bankRef()},,${dong(11_000)},${o.order.code.replace('NS-', 'NS')}`])], {
        type: 'text/csv',
      }),
      'saoke.csv',
    );
    const res = await t.call('POST', '/api/v1/payments/bank-statements?mode=preview', {
      token: operator.token,
      body: form,
    });
    expect(res.status).toBe(200);
    expect(res.body.matched).toEqual([expect.objectContaining({ orderId: o.order.id, row: 5 })]);

    const unreadable = await importStatement('just some text\nwith no header', 'preview');
    expect(unreadable.status).toBe(422);
    expect(errorCode(unreadable)).toBe('VALIDATION_FAILED');
    const empty = await importStatement('', 'apply');
    expect(empty.status).toBe(422);
    const json = await t.call('POST', '/api/v1/payments/bank-statements', {
      token: operator.token,
      json: { rows: [] },
    });
    expect(json.status).toBe(415);
    expect(errorCode(json)).toBe('UNSUPPORTED_MEDIA_TYPE');
    const badMode = await importStatement(statement([]), 'later' as 'apply');
    expect(badMode.status).toBe(422);
  });

  it('is for operators only (403), and writes nothing for anyone else', async () => {
    const { shop, buyer, order } = await bankOrder({ priceVnd: 12_000, quantity: 1 });
    const csv = statement([`1,27/11/2026,${bankRef()},,${dong(12_000)},${order.code.replace('NS-', 'NS')}`]);
    for (const token of [buyer.token, shop.owner.token]) {
      const res = await importStatement(csv, 'apply', token);
      expect(res.status).toBe(403);
      expect(errorCode(res)).toBe('FORBIDDEN');
    }
    expect((await importStatement(csv, 'apply', null)).status).toBe(401);
    expect(await paymentsOf(t, order.id)).toEqual([]);
  });
});

describe('deadlines and refunds of bank transfers', () => {
  it('money after the deadline is owed back in full; an operator transfers it back and records it', async () => {
    const { buyer, order } = await orderFromTwoShops(t, {
      paymentMethod: 'bank_transfer',
      first: { priceVnd: 25_000, quantity: 2, stock: 5 },
      second: { priceVnd: 10_000, quantity: 1, stock: 5 },
    });
    t.clock.advance(31 * 60_000);
    await drainJobs(t);
    expect((await getOrder(order.id, buyer.token)).payment.status).toBe('cancelled');

    // The transfer arrives anyway, and is recorded from the statement.
    const csv = statement([`1,27/11/2026,${bankRef()},,${dong(60_000)},${order.code.replace('NS-', 'NS')}`]);
    const applied = await importStatement(csv, 'apply');
    expect(applied.body.matched).toHaveLength(1);
    const late = await getOrder(order.id, buyer.token);
    expect(late).toMatchObject({
      status: 'cancelled',
      payment: { status: 'refund_pending', receivedVnd: 60_000, refundDueVnd: 60_000, refundedVnd: 0 },
    });
    const refunds = await refundsOf(t, order.id);
    expect(refunds.map((r) => [r.reason, r.method, r.status, r.amount_vnd]).sort()).toEqual([
      ['late_payment', 'bank_transfer', 'pending', '10000'],
      ['late_payment', 'bank_transfer', 'pending', '50000'],
    ]);

    const listed = await t.call('GET', '/api/v1/refunds?status=pending', { token: operator.token });
    expect(listed.status).toBe(200);
    const mine = listed.body.refunds.filter((r: { orderId: string }) => r.orderId === order.id);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ orderCode: order.code, buyerPhone: buyer.phone, method: 'bank_transfer' });
    expect((await t.call('GET', '/api/v1/refunds', { token: buyer.token })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/refunds?status=lost', { token: operator.token })).status).toBe(422);

    const [one, two] = refunds;
    const done = await t.call('POST', `/api/v1/refunds/${one!.id}/complete`, {
      token: operator.token,
      json: { reference: 'VCB hoàn tiền 0001' },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: one!.id, status: 'completed', reference: 'VCB hoàn tiền 0001' });
    expect((await getOrder(order.id, buyer.token)).payment.status).toBe('refund_pending');
    await t.call('POST', `/api/v1/refunds/${two!.id}/complete`, {
      token: operator.token,
      json: { reference: 'VCB 2' },
    });
    expect((await getOrder(order.id, buyer.token)).payment).toMatchObject({
      status: 'refunded',
      refundedVnd: 60_000,
      refundDueVnd: 60_000,
    });

    const twice = await t.call('POST', `/api/v1/refunds/${one!.id}/complete`, {
      token: operator.token,
      json: { reference: 'again' },
    });
    expect(twice.status).toBe(409);
    const byBuyer = await t.call('POST', `/api/v1/refunds/${one!.id}/complete`, {
      token: buyer.token,
      json: { reference: 'x' },
    });
    expect(byBuyer.status).toBe(403);
    expect(
      (await t.call('POST', '/api/v1/refunds/ref_nope/complete', { token: operator.token, json: { reference: 'x' } }))
        .status,
    ).toBe(404);
    const noReference = await t.call('POST', `/api/v1/refunds/${two!.id}/complete`, {
      token: operator.token,
      json: {},
    });
    expect(noReference.status).toBe(422);
  });

  it('a paid order the buyer cancels owes a manual refund per part', async () => {
    const { buyer, order } = await bankOrder({ priceVnd: 33_000, quantity: 1 });
    await markReceived(order.id, { amountVnd: 33_000 });
    const cancelled = await t.call('POST', `/api/v1/orders/${order.id}/cancel`, { token: buyer.token });
    expect(cancelled.body.payment).toMatchObject({ status: 'refund_pending', refundDueVnd: 33_000 });
    expect(await refundsOf(t, order.id)).toMatchObject([
      { reason: 'cancelled', method: 'bank_transfer', status: 'pending', amount_vnd: '33000' },
    ]);
  });

  it('lists bank-transfer orders awaiting money and flagged ones for operators', async () => {
    const waiting = await bankOrder({ priceVnd: 14_000, quantity: 1 });
    const odd = await bankOrder({ priceVnd: 15_000, quantity: 1 });
    await markReceived(odd.order.id, { amountVnd: 5_000 });
    const awaiting = await t.call('GET', '/api/v1/payments/transfers?perPage=100', { token: operator.token });
    expect(awaiting.status).toBe(200);
    const ids = awaiting.body.transfers.map((x: { orderId: string }) => x.orderId);
    expect(ids).toEqual(expect.arrayContaining([waiting.order.id, odd.order.id]));
    const flagged = await t.call('GET', '/api/v1/payments/transfers?status=flagged', { token: operator.token });
    expect(flagged.body.transfers).toContainEqual(
      expect.objectContaining({
        orderId: odd.order.id,
        receivedVnd: 5_000,
        flagged: expect.objectContaining({ reason: 'amount_mismatch' }),
      }),
    );
    expect(flagged.body.transfers.some((x: { orderId: string }) => x.orderId === waiting.order.id)).toBe(false);
    expect((await t.call('GET', '/api/v1/payments/transfers', { token: waiting.buyer.token })).status).toBe(403);
    expect((await t.call('GET', '/api/v1/payments/transfers?status=odd', { token: operator.token })).status).toBe(422);
  });
});

describe('a seller on a shared order (issue 13)', () => {
  it('sees only its own part’s money: total, what arrived for it, refunds of it; never the account', async () => {
    const shared = await orderFromTwoShops(t, {
      paymentMethod: 'bank_transfer',
      first: { priceVnd: 36_000, quantity: 1 },
      second: { priceVnd: 125_000, quantity: 2 },
    });
    const { first: tea, second: rice, buyer, order } = shared;
    expect(order.totals.totalVnd).toBe(286_000);
    const teaPart = shared.partOf(tea);
    const ricePart = shared.partOf(rice);

    /** What the tea seller reads of the order, through every way it reads one. */
    const teaViews = async () => {
      const byId = await t.call('GET', `/api/v1/orders/${order.id}`, { token: tea.owner.token });
      const list = await t.call('GET', `/api/v1/seller/orders?sellerId=${tea.sellerId}`, { token: tea.owner.token });
      expect(byId.status).toBe(200);
      const listed = list.body.fulfilments.find((f: { id: string }) => f.id === teaPart.id);
      // Nothing in what the tea seller reads gives away what the buyer bought from the other.
      for (const body of [byId.body, listed]) {
        const text = JSON.stringify(body);
        for (const other of ['286000', '250000', ricePart.id, TEST_BANK.BANK_ACCOUNT_NUMBER]) {
          expect(text).not.toContain(other);
        }
      }
      expect(listed.order.payment).toEqual(byId.body.payment);
      return byId.body.payment;
    };

    expect(await teaViews()).toMatchObject({
      method: 'bank_transfer',
      status: 'pending',
      totalVnd: 36_000,
      receivedVnd: 0,
      refundedVnd: 0,
      refundDueVnd: 0,
      refunds: [],
    });
    expect((await teaViews()).bankTransfer).toBeUndefined();

    expect((await markReceived(order.id, { amountVnd: 286_000 })).status).toBe(200);
    expect(await teaViews()).toMatchObject({ status: 'paid', totalVnd: 36_000, receivedVnd: 36_000 });

    // The rice seller cancels its part: the refund is the rice seller's and the buyer's business.
    const cancel = await t.call('POST', `/api/v1/fulfilments/${ricePart.id}/cancel`, { token: rice.owner.token });
    expect(cancel.status).toBe(200);
    expect(cancel.body.order.payment).toMatchObject({
      totalVnd: 250_000,
      receivedVnd: 250_000,
      refundDueVnd: 250_000,
      refunds: [expect.objectContaining({ fulfilmentId: ricePart.id, amountVnd: 250_000 })],
    });
    expect(await teaViews()).toMatchObject({ totalVnd: 36_000, receivedVnd: 36_000, refundDueVnd: 0, refunds: [] });

    // The buyer and the operator see the whole order.
    for (const token of [buyer.token, operator.token]) {
      expect((await getOrder(order.id, token)).payment).toMatchObject({
        totalVnd: 286_000,
        receivedVnd: 286_000,
        refundDueVnd: 250_000,
        bankTransfer: expect.objectContaining({ amountVnd: 286_000 }),
      });
    }
  });
});
