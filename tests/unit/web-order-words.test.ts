import type { FulfilmentStatus } from '@nongsan/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { noticeText } from '../../api/src/modules/orders/order-notifier.ts';
import { loadAllMessages, translate } from '../../web/src/lib/i18n/index.ts';
import { movedMessageKey, sellerStatusKey } from '../../web/src/lib/orders/seller-status.ts';
import { buyerStatusKey, type HandOver, timelineOf } from '../../web/src/lib/orders/timeline.ts';
import {
  type CashState,
  type PaymentMethod,
  paymentStatusKey,
  sellerMoneyLabel,
} from '../../web/src/lib/payments/payment-view.ts';

// Order-progress words (issue 21, item 5): for every state, hand-over method (pickup / delivery) and
// payment method (cash / bank transfer / card), what the buyer's pages, the seller's page and the
// buyer's text messages say, as one table, and the words none of them may say for that case.

beforeAll(() => loadAllMessages());
const vi = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('vi', key, params);

const STATUSES: FulfilmentStatus[] = [
  'awaiting_payment',
  'awaiting_confirmation',
  'confirmed',
  'shipped',
  'delivered',
  'cancelled',
];
const HAND_OVERS: HandOver[] = ['pickup', 'delivery'];
const PAYMENTS: PaymentMethod[] = ['cod', 'bank_transfer', 'stripe'];

/** Status words: [status, hand-over, buyer reads, seller reads]. */
const STATUS_WORDS: [FulfilmentStatus, HandOver, string, string][] = [
  ['awaiting_payment', 'delivery', 'Chờ bạn thanh toán', 'Chờ khách thanh toán'],
  ['awaiting_payment', 'pickup', 'Chờ bạn thanh toán', 'Chờ khách thanh toán'],
  ['awaiting_confirmation', 'delivery', 'Chờ xác nhận', 'Chờ xác nhận'],
  ['awaiting_confirmation', 'pickup', 'Chờ xác nhận', 'Chờ xác nhận'],
  ['confirmed', 'delivery', 'Đã xác nhận', 'Đã xác nhận'],
  ['confirmed', 'pickup', 'Đã xác nhận', 'Đã xác nhận'],
  ['shipped', 'delivery', 'Đang giao', 'Đang giao'],
  ['shipped', 'pickup', 'Hàng đã sẵn sàng, mời bạn đến lấy', 'Chờ khách đến lấy'],
  ['delivered', 'delivery', 'Đã giao', 'Đã giao'],
  ['delivered', 'pickup', 'Bạn đã lấy hàng', 'Khách đã lấy hàng'],
  ['cancelled', 'delivery', 'Đã huỷ', 'Đã huỷ'],
  ['cancelled', 'pickup', 'Đã huỷ', 'Đã huỷ'],
];

/** An unpaid order's money: [payment, hand-over, buyer's badge, the seller's card]. */
const MONEY_WORDS: [PaymentMethod, HandOver, string, string][] = [
  ['cod', 'delivery', 'Trả khi nhận hàng', 'Thu khi giao'],
  ['cod', 'pickup', 'Trả khi nhận hàng', 'Thu khi khách đến lấy'],
  ['bank_transfer', 'delivery', 'Chờ thanh toán', 'Chờ thanh toán'],
  ['bank_transfer', 'pickup', 'Chờ thanh toán', 'Chờ thanh toán'],
  ['stripe', 'delivery', 'Chờ thanh toán', 'Chờ thanh toán'],
  ['stripe', 'pickup', 'Chờ thanh toán', 'Chờ thanh toán'],
];

/** The buyer's SMS as the part moves on: [event, hand-over, text]. */
const SMS_WORDS: ['confirmed' | 'shipped' | 'delivered', HandOver, string][] = [
  ['confirmed', 'delivery', 'nongsan: Vườn Hoa đã xác nhận đơn NS-1.'],
  ['confirmed', 'pickup', 'nongsan: Vườn Hoa đã xác nhận đơn NS-1.'],
  ['shipped', 'delivery', 'nongsan: Đơn NS-1 của Vườn Hoa đang được giao đến bạn.'],
  ['shipped', 'pickup', 'nongsan: Đơn NS-1 của Vườn Hoa đã sẵn sàng, mời bạn đến lấy.'],
  ['delivered', 'delivery', 'nongsan: Đơn NS-1 của Vườn Hoa đã giao xong. Cảm ơn bạn!'],
  ['delivered', 'pickup', 'nongsan: Bạn đã lấy đơn NS-1 của Vườn Hoa. Cảm ơn bạn!'],
];

/** Words that are wrong for a hand-over or a payment method, wherever they appear. */
const WRONG_FOR_PICKUP = /gửi đi|đang giao|giao xong|giao đến|thu khi giao/i;
const WRONG_FOR_DELIVERY = /đến lấy|đã lấy/i;
const WRONG_FOR_CASH = /chờ (bạn |khách )?thanh toán/i;

/** Everything each reader may read about one part in one state. */
function wordsFor(status: FulfilmentStatus, handOver: HandOver, payment: PaymentMethod): string[] {
  const unpaid = { method: payment, status: 'pending' as const, flagged: null };
  const cash: CashState =
    payment === 'cod' && (status === 'shipped' || status === 'delivered')
      ? { kind: 'collect', amountVnd: 100_000 }
      : { kind: 'none' };
  const base = {
    status,
    delivery: { method: handOver, feeVnd: 0, address: null, pickup: null },
    confirmedAt: null,
    shippedAt: null,
    deliveredAt: null,
    cancelledAt: null,
    createdAt: '2026-11-27T01:00:00.000Z',
    isPaidOnline: payment !== 'cod',
  };
  const texts = [
    vi(buyerStatusKey(status, handOver)),
    vi(sellerStatusKey(status, handOver)),
    ...timelineOf(base).map((s) => vi(s.label)),
    ...timelineOf(base, sellerStatusKey).map((s) => vi(s.label)),
    vi(paymentStatusKey(unpaid)),
    vi(sellerMoneyLabel(unpaid, cash, handOver)),
  ];
  for (const action of ['confirm', 'ship', 'deliver'] as const) {
    texts.push(vi(movedMessageKey(action, handOver), { code: 'NS-1' }));
  }
  for (const event of ['confirmed', 'shipped', 'delivered'] as const) {
    texts.push(
      noticeText({ event, to: '+84912000001', orderCode: 'NS-1', sellerName: 'Vườn Hoa', deliveryMethod: handOver }),
    );
  }
  return texts;
}

describe('order-progress words', () => {
  it.each(STATUS_WORDS)('%s, %s: the buyer reads "%s", the seller "%s"', (status, handOver, buyer, seller) => {
    expect(vi(buyerStatusKey(status, handOver))).toBe(buyer);
    expect(vi(sellerStatusKey(status, handOver))).toBe(seller);
  });

  it.each(MONEY_WORDS)('unpaid %s, %s: the buyer reads "%s", the seller "%s"', (payment, handOver, buyer, seller) => {
    const unpaid = { method: payment, status: 'pending' as const, flagged: null };
    expect(vi(paymentStatusKey(unpaid))).toBe(buyer);
    expect(vi(sellerMoneyLabel(unpaid, { kind: 'collect', amountVnd: 1 }, handOver))).toBe(
      payment === 'cod' ? seller : vi('payments.status.pending'),
    );
  });

  it.each(SMS_WORDS)('the buyer is texted when %s (%s)', (event, handOver, text) => {
    expect(
      noticeText({ event, to: '+84912000001', orderCode: 'NS-1', sellerName: 'Vườn Hoa', deliveryMethod: handOver }),
    ).toBe(text);
  });

  for (const status of STATUSES) {
    for (const handOver of HAND_OVERS) {
      for (const payment of PAYMENTS) {
        // Cash is never paid ahead: a cash order has no awaiting-payment state (checked below).
        if (payment === 'cod' && status === 'awaiting_payment') continue;
        it(`says nothing wrong for ${status}, ${handOver}, ${payment}`, () => {
          const texts = wordsFor(status, handOver, payment);
          const wrong = handOver === 'pickup' ? WRONG_FOR_PICKUP : WRONG_FOR_DELIVERY;
          expect(texts.filter((text) => wrong.test(text))).toEqual([]);
          if (payment === 'cod') expect(texts.filter((text) => WRONG_FOR_CASH.test(text))).toEqual([]);
        });
      }
    }
  }

  it('a cash order never waits for payment: its timeline starts at the confirmation', () => {
    const steps = timelineOf({
      status: 'awaiting_confirmation',
      delivery: { method: 'pickup', feeVnd: 0, address: null, pickup: null },
      confirmedAt: null,
      shippedAt: null,
      deliveredAt: null,
      cancelledAt: null,
      createdAt: '2026-11-27T01:00:00.000Z',
      isPaidOnline: false,
    });
    expect(steps.map((s) => s.status)).not.toContain('awaiting_payment');
  });

  it('a step still to come is "next", not "not come yet"', () => {
    expect(vi('timeline.todo')).toBe('bước sau');
    expect(translate('en', 'timeline.todo')).toBe('next');
  });
});
