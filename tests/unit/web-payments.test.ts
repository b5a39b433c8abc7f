import { describe, expect, it } from 'vitest';
import { BANKS, bankByBin } from '../../web/src/lib/payments/banks.ts';
import {
  amountFieldValue,
  cardPaymentPath,
  cashStateOf,
  formatDeadline,
  isCardPaymentPath,
  type PaymentLike,
  payByText,
  paymentStatusKey,
  sellerMoneyLabel,
  showsTransferDetails,
  transferFields,
} from '../../web/src/lib/payments/payment-view.ts';
import {
  canApplyStatement,
  type StatementPreviewLike,
  statementRows,
  statementSummary,
} from '../../web/src/lib/payments/statement-view.ts';
import { withStripeSources } from '../../web/src/lib/server/stripe-csp.ts';

// Pure helpers of the storefront's payment pages: the order page's payment block, the seller's
// "Đã thu tiền", the operator's statement preview and the card page's CSP.

const pending: PaymentLike = {
  method: 'bank_transfer',
  status: 'pending',
  deadlineAt: '2026-11-27T07:30:00.000Z',
  flagged: null,
};

describe('payment state words', () => {
  it('names every status, and an unpaid order with flagged money as being checked', () => {
    expect(paymentStatusKey({ method: 'bank_transfer', status: 'pending', flagged: null })).toBe(
      'payments.status.pending',
    );
    expect(paymentStatusKey({ method: 'bank_transfer', status: 'paid', flagged: null })).toBe('payments.status.paid');
    expect(paymentStatusKey({ method: 'bank_transfer', status: 'refund_pending', flagged: null })).toBe(
      'payments.status.refund_pending',
    );
    expect(paymentStatusKey({ method: 'bank_transfer', status: 'refunded', flagged: null })).toBe(
      'payments.status.refunded',
    );
    expect(paymentStatusKey({ method: 'bank_transfer', status: 'cancelled', flagged: null })).toBe(
      'payments.status.cancelled',
    );
    const flagged = { reason: 'amount_mismatch', note: null };
    expect(paymentStatusKey({ method: 'bank_transfer', status: 'pending', flagged })).toBe('payments.status.flagged');
    // Paid (the rest arrived later), or money on its way back: that is what the person reads.
    expect(paymentStatusKey({ method: 'bank_transfer', status: 'paid', flagged })).toBe('payments.status.paid');
    expect(paymentStatusKey({ method: 'bank_transfer', status: 'refunded', flagged })).toBe('payments.status.refunded');
    // Cash is paid when the goods change hands: not "awaiting payment" before.
    expect(paymentStatusKey({ method: 'cod', status: 'pending', flagged: null })).toBe('payments.status.codPending');
  });
});

describe('the payment deadline as text', () => {
  it('is hours, minutes, day and month in Vietnam, without a year', () => {
    expect(formatDeadline('2026-11-27T07:30:00.000Z')).toBe('14:30 27/11');
    // 17:05 UTC is already the next day in Vietnam.
    expect(formatDeadline('2026-12-31T17:05:00Z')).toBe('00:05 01/01');
    expect(formatDeadline('not a date')).toBe('not a date');
  });

  it('is shown only while an online payment is awaited', () => {
    expect(payByText(pending)).toBe('14:30 27/11');
    expect(payByText({ ...pending, method: 'stripe' })).toBe('14:30 27/11');
    expect(payByText({ ...pending, method: 'cod' })).toBeNull();
    expect(payByText({ ...pending, status: 'paid' })).toBeNull();
    expect(payByText({ ...pending, status: 'cancelled' })).toBeNull();
    expect(payByText({ ...pending, deadlineAt: null })).toBeNull();
    expect(payByText({ ...pending, flagged: { reason: 'amount_mismatch', note: null } })).toBeNull();
  });
});

describe('bank transfer details', () => {
  const transfer = {
    bankName: 'Vietcombank',
    accountNumber: '0011001234567',
    accountName: 'HTX NONG SAN DEMO',
    amountVnd: 1_250_000,
    reference: 'NSNS7K3M9Q',
  };

  it('lists bank, account, name, amount and reference; the amount is copied as digits only', () => {
    const fields = transferFields(transfer);
    expect(fields.map((f) => f.id)).toEqual(['bank', 'account', 'name', 'amount', 'reference']);
    const amount = fields.find((f) => f.id === 'amount');
    expect(amount?.shown).toBe('1.250.000\u00a0₫');
    expect(amount?.copied).toBe('1250000');
    expect(fields.find((f) => f.id === 'reference')?.copied).toBe('NSNS7K3M9Q');
  });

  it('shows the QR and details to the buyer of an unpaid, unflagged bank transfer only', () => {
    expect(showsTransferDetails(pending, true)).toBe(true);
    expect(showsTransferDetails(pending, false)).toBe(false);
    expect(showsTransferDetails({ ...pending, status: 'paid' }, true)).toBe(false);
    expect(showsTransferDetails({ ...pending, method: 'cod' }, true)).toBe(false);
    expect(showsTransferDetails({ ...pending, flagged: { reason: 'amount_mismatch', note: 'thiếu' } }, true)).toBe(
      false,
    );
  });
});

describe('cash on delivery, per fulfilment', () => {
  const cod: PaymentLike = { method: 'cod', status: 'pending', deadlineAt: null, flagged: null, cashCollected: [] };
  const part = { id: 'ful_1', status: 'shipped', totalVnd: 75_000 };

  it('can be collected once handed over, for exactly the fulfilment total', () => {
    expect(cashStateOf(cod, part)).toEqual({ kind: 'collect', amountVnd: 75_000 });
    expect(cashStateOf(cod, { ...part, status: 'delivered' })).toEqual({ kind: 'collect', amountVnd: 75_000 });
    expect(cashStateOf(cod, { ...part, status: 'confirmed' })).toEqual({ kind: 'none' });
    expect(cashStateOf(cod, { ...part, status: 'cancelled' })).toEqual({ kind: 'none' });
    expect(cashStateOf({ ...cod, method: 'bank_transfer' }, part)).toEqual({ kind: 'none' });
    expect(cashStateOf({ ...cod, status: 'cancelled' }, part)).toEqual({ kind: 'none' });
  });

  it('once recorded, says when and how much, and is not offered again', () => {
    const collected = {
      ...cod,
      cashCollected: [
        { fulfilmentId: 'ful_other', amountVnd: 10_000, collectedAt: '2026-11-27T01:00:00Z' },
        { fulfilmentId: 'ful_1', amountVnd: 75_000, collectedAt: '2026-11-27T02:00:00Z' },
      ],
    };
    expect(cashStateOf(collected, part)).toEqual({
      kind: 'collected',
      amountVnd: 75_000,
      collectedAt: '2026-11-27T02:00:00Z',
    });
    // Another seller's cash in the same order does not count for this part.
    expect(cashStateOf({ ...cod, cashCollected: collected.cashCollected.slice(0, 1) }, part).kind).toBe('collect');
  });

  it('labels the amount on the seller card by what it is', () => {
    expect(sellerMoneyLabel(cod, { kind: 'collect', amountVnd: 1 }, 'delivery')).toBe('sellerOrders.collect');
    expect(sellerMoneyLabel(cod, { kind: 'collect', amountVnd: 1 }, 'pickup')).toBe('sellerOrders.collect.pickup');
    expect(sellerMoneyLabel(cod, { kind: 'collected', amountVnd: 1, collectedAt: '' }, 'delivery')).toBe(
      'payments.cash.collectedShort',
    );
    expect(sellerMoneyLabel({ ...pending, status: 'paid' }, { kind: 'none' }, 'delivery')).toBe('sellerOrders.paid');
    expect(sellerMoneyLabel(pending, { kind: 'none' }, 'delivery')).toBe('payments.status.pending');
    expect(sellerMoneyLabel({ ...pending, status: 'refund_pending' }, { kind: 'none' }, 'delivery')).toBe(
      'payments.status.refund_pending',
    );
  });
});

describe('the card payment page path', () => {
  it('is recognised exactly, and only that page', () => {
    expect(cardPaymentPath('ord_abc')).toBe('/don-hang/ord_abc/thanh-toan-the');
    expect(isCardPaymentPath(cardPaymentPath('ord_abc'))).toBe(true);
    expect(isCardPaymentPath('/don-hang/ord_abc/thanh-toan-the/')).toBe(true);
    expect(isCardPaymentPath('/don-hang/ord_abc')).toBe(false);
    expect(isCardPaymentPath('/don-hang/ord_abc/thanh-toan-the/x')).toBe(false);
    expect(isCardPaymentPath('/thanh-toan')).toBe(false);
    expect(isCardPaymentPath('/x/don-hang/ord_abc/thanh-toan-the')).toBe(false);
  });
});

describe('the card page CSP', () => {
  const csp =
    "default-src 'self'; script-src 'self' 'nonce-abc123'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none'";

  it('adds Stripe to script, frame, connect and image sources and keeps the nonce and the rest', () => {
    const widened = withStripeSources(csp);
    const directives = Object.fromEntries(
      widened.split('; ').map((d) => {
        const [name, ...values] = d.split(' ');
        return [name, values];
      }),
    );
    expect(directives['script-src']).toEqual([
      "'self'",
      "'nonce-abc123'",
      'https://js.stripe.com',
      'https://*.js.stripe.com',
    ]);
    expect(directives['frame-src']).toEqual([
      "'self'",
      'https://js.stripe.com',
      'https://*.js.stripe.com',
      'https://hooks.stripe.com',
    ]);
    expect(directives['connect-src']).toEqual(["'self'", 'https://api.stripe.com']);
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://*.stripe.com']);
    // Untouched: nothing else is widened, and the page still cannot be framed.
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
  });

  it('is idempotent', () => {
    expect(withStripeSources(withStripeSources(csp))).toBe(withStripeSources(csp));
  });
});

describe('a bank statement preview', () => {
  const preview: StatementPreviewLike = {
    matched: [{ row: 5, orderCode: 'NS-AAAAAA', reference: 'NSNSAAAAAA', amountVnd: 120_000 }],
    mismatched: [
      {
        row: 3,
        orderCode: 'NS-BBBBBB',
        reference: 'NSNSBBBBBB',
        amountVnd: 50_000,
        expectedVnd: 60_000,
        message: 'underpaid by 10000',
        messageVi: 'thiếu 10.000 ₫',
      },
    ],
    unmatched: [{ row: 4, reference: 'TIEN NHA', amountVnd: 9_000, message: 'no order', messageVi: 'không có đơn' }],
    skipped: [{ row: 7, message: 'money going out', messageVi: 'tiền ra' }],
    duplicates: [{ row: 6, amountVnd: 120_000, message: 'repeats row 5', messageVi: 'trùng dòng 5' }],
    applied: false,
  };

  it('lists every row in file order with its result, in the reader’s language', () => {
    const rows = statementRows(preview, 'vi');
    expect(rows.map((r) => [r.row, r.kind])).toEqual([
      [3, 'mismatched'],
      [4, 'unmatched'],
      [5, 'matched'],
      [6, 'duplicate'],
      [7, 'skipped'],
    ]);
    expect(rows[0]).toMatchObject({ orderCode: 'NS-BBBBBB', amountVnd: 50_000, expectedVnd: 60_000 });
    expect(rows[0]?.message).toBe('thiếu 10.000 ₫');
    expect(statementRows(preview, 'en')[0]?.message).toBe('underpaid by 10000');
    expect(rows[2]).toMatchObject({ orderCode: 'NS-AAAAAA', reference: 'NSNSAAAAAA', message: null });
    expect(statementSummary(preview)).toEqual({ matched: 1, mismatched: 1, unmatched: 1, skipped: 1, duplicate: 1 });
  });

  it('offers Apply only with matched rows and no mismatch, and not once applied', () => {
    expect(canApplyStatement(preview)).toBe(false);
    const clean = { ...preview, mismatched: [] };
    expect(canApplyStatement(clean)).toBe(true);
    expect(canApplyStatement({ ...clean, matched: [] })).toBe(false);
    expect(canApplyStatement({ ...clean, applied: true })).toBe(false);
  });
});

describe('banks for payouts', () => {
  it('are found by their 6-digit NAPAS BIN, each listed once', () => {
    expect(bankByBin('970436')?.name).toBe('Vietcombank');
    expect(bankByBin('970446')?.name).toBe('Co-opBank');
    expect(bankByBin('123456')).toBeNull();
    expect(BANKS.every((b) => /^\d{6}$/.test(b.bin))).toBe(true);
    expect(new Set(BANKS.map((b) => b.bin)).size).toBe(BANKS.length);
  });
});

describe('amounts prefilled in forms', () => {
  it('are grouped with dots, as people type them', () => {
    expect(amountFieldValue(185_000)).toBe('185.000');
    expect(amountFieldValue(1_250_000)).toBe('1.250.000');
    expect(amountFieldValue(999)).toBe('999');
    expect(amountFieldValue(0)).toBe('0');
  });
});
