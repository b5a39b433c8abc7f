import type { CartQuote } from '@nongsan/contracts';
import { describe, expect, it } from 'vitest';
import {
  addToCart,
  MAX_CART_LINES,
  MAX_COOKIE_CHARS,
  parseCart,
  parseDeliveryChoices,
  removeFromCart,
  serializeCart,
  serializeDeliveryChoices,
  setQuantity,
} from '../../web/src/lib/cart/cart-cookie.ts';
import { deliverySellersIn, handoverFor, toCartView } from '../../web/src/lib/cart/cart-view.ts';
import { formatDateTimeVn } from '../../web/src/lib/dates.ts';
import { checkoutErrorsFor } from '../../web/src/lib/orders/checkout-errors.ts';
import { toOrderView } from '../../web/src/lib/orders/order-view.ts';
import { forwardAction, timelineOf } from '../../web/src/lib/orders/timeline.ts';

// Pure helpers of the storefront's cart, checkout and order pages (web/ has no vitest project of
// its own; these modules import nothing of SvelteKit).

describe('the cart cookie: listing ids and quantities only', () => {
  it('reads what it wrote', () => {
    const lines = [
      { listingId: 'lst_demo_tc_dacbiet', quantity: 2 },
      { listingId: 'lst_abc123', quantity: 10 },
    ];
    expect(serializeCart(lines)).toBe('lst_demo_tc_dacbiet~2.lst_abc123~10');
    expect(parseCart(serializeCart(lines))).toEqual(lines);
  });

  it('skips junk entries and keeps the first of a repeated listing', () => {
    expect(parseCart('lst_a~2.lst_b~0.lst_c~-1.lst_d~1,5.bad id~1.lst_e~x.lst_a~7.lst_f~3~9.~4.lst_g~1')).toEqual([
      { listingId: 'lst_a', quantity: 2 },
      { listingId: 'lst_g', quantity: 1 },
    ]);
    expect(parseCart('lst_a~1000001')).toEqual([]);
    expect(parseCart(undefined)).toEqual([]);
    expect(parseCart('')).toEqual([]);
  });

  it('never holds more than the API accepts in one order, and ignores an oversized value', () => {
    const many = Array.from({ length: MAX_CART_LINES + 5 }, (_, i) => `lst_${i}~1`).join('.');
    expect(parseCart(many)).toHaveLength(MAX_CART_LINES);
    expect(parseCart(`lst_a~1.${'x'.repeat(MAX_COOKIE_CHARS)}`)).toEqual([]);
  });

  it('a full cart with real ids stays far below the browser cookie limit', () => {
    const full = Array.from({ length: MAX_CART_LINES }, (_, i) => ({
      listingId: `lst_${String(i).padStart(20, '0')}`,
      quantity: 999_999,
    }));
    const value = serializeCart(full);
    expect(value.length).toBeLessThan(MAX_COOKIE_CHARS);
    expect(parseCart(value)).toEqual(full);
  });

  it('adds to a listing already in the cart, capped at the most one line may hold', () => {
    const added = addToCart([{ listingId: 'lst_a', quantity: 2 }], 'lst_a', 3);
    expect(added).toEqual({ ok: true, lines: [{ listingId: 'lst_a', quantity: 5 }] });
    const capped = addToCart([{ listingId: 'lst_a', quantity: 999_999 }], 'lst_a', 5);
    expect(capped).toEqual({ ok: true, lines: [{ listingId: 'lst_a', quantity: 1_000_000 }] });
  });

  it('refuses a new listing in a full cart, a bad id and a bad quantity', () => {
    const full = Array.from({ length: MAX_CART_LINES }, (_, i) => ({ listingId: `lst_${i}`, quantity: 1 }));
    expect(addToCart(full, 'lst_new', 1)).toEqual({ ok: false, reason: 'full' });
    expect(addToCart(full, 'lst_0', 1).ok).toBe(true);
    expect(addToCart([], 'lst a', 1)).toEqual({ ok: false, reason: 'invalid' });
    expect(addToCart([], 'lst_a', 0)).toEqual({ ok: false, reason: 'invalid' });
    expect(addToCart([], 'lst_a', 2.5555)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('sets and removes lines; a stale form cannot add a listing', () => {
    const lines = [
      { listingId: 'lst_a', quantity: 2 },
      { listingId: 'lst_b', quantity: 1 },
    ];
    expect(setQuantity(lines, 'lst_b', 4)).toEqual({
      ok: true,
      lines: [
        { listingId: 'lst_a', quantity: 2 },
        { listingId: 'lst_b', quantity: 4 },
      ],
    });
    expect(setQuantity(lines, 'lst_c', 4)).toEqual({ ok: false, reason: 'invalid' });
    expect(setQuantity(lines, 'lst_a', 0)).toEqual({ ok: false, reason: 'invalid' });
    expect(removeFromCart(lines, 'lst_a')).toEqual([{ listingId: 'lst_b', quantity: 1 }]);
  });

  it('reads the delivery choices by seller id, pickup too; a bare id (older cookies) was delivery', () => {
    expect([...parseDeliveryChoices('sel_a~d.sel_b~p.bad id~d.sel_c.sel_d~x.sel_a~p')]).toEqual([
      ['sel_a', 'pickup'],
      ['sel_b', 'pickup'],
      ['sel_c', 'delivery'],
    ]);
    expect(parseDeliveryChoices(undefined).size).toBe(0);
    const choices = new Map([
      ['sel_a', 'delivery' as const],
      ['sel_b', 'pickup' as const],
    ]);
    expect(serializeDeliveryChoices(choices)).toBe('sel_a~d.sel_b~p');
    expect(parseDeliveryChoices(serializeDeliveryChoices(choices))).toEqual(choices);
  });
});

const unit = { id: 'kg', vi: 'kg', en: 'kg' };
const seller = (id: string, delivery: { feeVnd: number; freeOverVnd: number | null } | null) => ({
  seller: { id, name: id, kind: 'farmer' as const, province: { id: 'thai-nguyen', name: 'Thái Nguyên' } },
  options: {
    pickup: { feeVnd: 0 as const, address: 'Xóm Trại', hours: '7:00' },
    // Quoted without an address: the lowest fee a zone starts at.
    delivery: delivery && {
      ...delivery,
      communeCode: null,
      zoneName: null,
      unavailable: null,
      minOrderVnd: null,
      weightGrams: 0,
    },
  },
  method: 'pickup' as const,
  deliveryFeeVnd: 0,
  problem: null,
});

/** A quote as the API answers it: tea from a cooperative that delivers, rice from a farm that does not. */
function quote(): CartQuote {
  return {
    items: [
      {
        listingId: 'lst_tea',
        quantity: 2,
        listing: {
          title: 'Chè',
          unit,
          priceVnd: 300_000,
          soldBy: 'unit',
          minOrder: 1,
          quantityStep: 1,
          estimatedWeightKg: null,
          status: 'active',
          sellerId: 'sel_coop',
        },
        available: 5,
        shortBy: 0,
        lineTotalVnd: 600_000,
        problem: null,
      },
      {
        listingId: 'lst_rice',
        quantity: 12,
        listing: {
          title: 'Gạo',
          unit,
          priceVnd: 20_000,
          soldBy: 'unit',
          minOrder: 10,
          quantityStep: 1,
          estimatedWeightKg: null,
          status: 'active',
          sellerId: 'sel_farm',
        },
        available: 10,
        shortBy: 2,
        lineTotalVnd: 240_000,
        problem: 'insufficient_stock',
      },
      {
        listingId: 'lst_gone',
        quantity: 1,
        listing: null,
        available: 0,
        shortBy: 1,
        lineTotalVnd: 0,
        problem: 'not_found',
      },
    ],
    sellers: [
      {
        ...seller('sel_coop', { feeVnd: 30_000, freeOverVnd: 1_000_000 }),
        listingIds: ['lst_tea'],
        subtotalVnd: 600_000,
        totalVnd: 600_000,
      },
      { ...seller('sel_farm', null), listingIds: ['lst_rice'], subtotalVnd: 240_000, totalVnd: 240_000 },
    ],
    totals: { subtotalVnd: 840_000, deliveryFeeVnd: 0, totalVnd: 840_000 },
    isOrderable: false,
    paymentMethods: ['cod'],
  };
}

describe('the cart as the pages show it', () => {
  it('groups by seller, delivers only where the seller delivers, and keeps vanished listings apart', () => {
    const view = toCartView(
      quote(),
      new Map([
        ['sel_coop', 'delivery'],
        ['sel_farm', 'delivery'],
      ]),
    );
    expect(view.groups.map((g) => [g.seller.id, g.method, g.deliveryFeeVnd, g.totalVnd])).toEqual([
      ['sel_coop', 'delivery', 30_000, 630_000],
      ['sel_farm', 'pickup', 0, 240_000],
    ]);
    expect(view.orphans.map((o) => o.listingId)).toEqual(['lst_gone']);
    expect(view).toMatchObject({ subtotalVnd: 840_000, deliveryFeeVnd: 30_000, totalVnd: 870_000 });
    expect(view.needsAddress).toBe(true);
    expect(view.isOrderable).toBe(false);

    const pickupOnly = toCartView(quote(), new Map([['sel_coop', 'pickup']]));
    expect(pickupOnly.needsAddress).toBe(false);
    expect(pickupOnly.needsChoice).toBe(false);
    expect(pickupOnly.totalVnd).toBe(840_000);
  });

  it('defaults to the least effort: free delivery is taken, a delivery fee is asked about (issue 21)', () => {
    const offer = { feeVnd: 30_000, freeOverVnd: 1_000_000 };
    expect(handoverFor(offer, 1_000_000, undefined)).toEqual({ method: 'delivery', isDecided: true });
    expect(handoverFor({ feeVnd: 0, freeOverVnd: null }, 10_000, undefined)).toEqual({
      method: 'delivery',
      isDecided: true,
    });
    expect(handoverFor(offer, 999_999, undefined)).toEqual({ method: 'pickup', isDecided: false });
    expect(handoverFor(null, 5_000_000, undefined)).toEqual({ method: 'pickup', isDecided: true });
    // The buyer's choice stands, free delivery or not; a seller that stopped delivering is pickup.
    expect(handoverFor(offer, 2_000_000, 'pickup')).toEqual({ method: 'pickup', isDecided: true });
    expect(handoverFor(null, 100, 'delivery')).toEqual({ method: 'pickup', isDecided: true });

    // The cooperative's 600.000 ₫ of tea would pay 30.000 ₫ to be delivered: no choice yet, asked.
    const undecided = toCartView(quote(), new Map());
    expect(undecided.groups.map((g) => [g.seller.id, g.method, g.isDecided])).toEqual([
      ['sel_coop', 'pickup', false],
      ['sel_farm', 'pickup', true],
    ]);
    expect(undecided.needsChoice).toBe(true);
    expect(deliverySellersIn(quote(), new Map())).toEqual([]);

    // Over the threshold, delivery is the default, and it is what checkout sends.
    const big = quote();
    const coop = big.sellers[0];
    if (coop) coop.subtotalVnd = 1_200_000;
    expect(toCartView(big, new Map()).groups[0]).toMatchObject({
      method: 'delivery',
      isDecided: true,
      deliveryFeeVnd: 0,
    });
    expect(deliverySellersIn(big, new Map())).toEqual(['sel_coop']);
  });
});

describe('order timelines', () => {
  const base = {
    delivery: { method: 'delivery' as const, feeVnd: 0, address: null, pickup: null },
    confirmedAt: null,
    shippedAt: null,
    deliveredAt: null,
    cancelledAt: null,
    createdAt: '2026-11-27T01:00:00.000Z',
    isPaidOnline: false,
  };

  it('walks awaiting confirmation, confirmed, on the way, delivered', () => {
    const steps = timelineOf({
      ...base,
      status: 'shipped',
      confirmedAt: '2026-11-27T02:00:00.000Z',
      shippedAt: '2026-11-27T03:00:00.000Z',
    });
    expect(steps.map((s) => [s.label, s.state, s.at !== null])).toEqual([
      ['status.buyer.awaiting_confirmation', 'done', true],
      ['status.buyer.confirmed', 'done', true],
      ['status.buyer.shipped', 'current', true],
      ['status.buyer.delivered', 'todo', false],
    ]);
    expect(forwardAction(['ship', 'cancel'])).toBe('ship');
    expect(forwardAction(['cancel'])).toBeNull();
    expect(forwardAction([])).toBeNull();
  });

  it('says "ready to pick up" for pickup, and shows where a cancelled one stopped', () => {
    const pickup = timelineOf({ ...base, status: 'shipped', delivery: { ...base.delivery, method: 'pickup' } });
    expect(pickup.map((s) => s.label)).toContain('status.buyer.shipped.pickup');
    const cancelled = timelineOf({
      ...base,
      status: 'cancelled',
      confirmedAt: '2026-11-27T02:00:00.000Z',
      cancelledAt: '2026-11-27T04:00:00.000Z',
    });
    expect(cancelled.map((s) => [s.status, s.state])).toEqual([
      ['awaiting_confirmation', 'done'],
      ['confirmed', 'done'],
      ['cancelled', 'current'],
    ]);
  });

  it('starts online payments with "awaiting payment", and shows cancel exactly when the API allows it', () => {
    expect(timelineOf({ ...base, status: 'awaiting_payment', isPaidOnline: true })[0]).toMatchObject({
      status: 'awaiting_payment',
      state: 'current',
    });
    const fulfilment = (status: 'confirmed' | 'shipped') => ({
      id: `ful_${status}`,
      orderId: 'ord_1',
      seller: { id: 's', name: 's', kind: 'farmer' as const, province: { id: 'p', name: 'p' } },
      status,
      delivery: base.delivery,
      items: [],
      subtotalVnd: 1,
      totalVnd: 1,
      confirmBy: null,
      confirmedAt: null,
      shippedAt: null,
      deliveredAt: null,
      cancelledAt: null,
      cancelReason: null,
    });
    const order = (statuses: ('confirmed' | 'shipped')[], canCancel: boolean) =>
      toOrderView({
        id: 'ord_1',
        code: 'NS-1',
        status: statuses[0] ?? 'shipped',
        buyer: { name: null, phone: '+84912000001' },
        payment: {
          method: 'cod',
          status: 'pending',
          deadlineAt: null,
          totalVnd: 1,
          receivedVnd: 0,
          refundedVnd: 0,
          refundDueVnd: 0,
          flagged: null,
        },
        fulfilments: statuses.map(fulfilment),
        totals: { subtotalVnd: 1, deliveryFeeVnd: 0, totalVnd: 1 },
        createdAt: base.createdAt,
        canCancel,
      });
    // The API's word, not a guess from the statuses: a seller's team sees a cancellable part as
    // not cancellable by them, and the view must not override that.
    expect(order(['shipped', 'confirmed'], true).canCancel).toBe(true);
    expect(order(['confirmed'], false).canCancel).toBe(false);
  });
});

describe('checkout errors', () => {
  it('puts address issues on their fields, whatever seller they came from', () => {
    const errors = checkoutErrorsFor([
      { path: 'deliveries.sel_a.address.phone', code: 'custom' },
      { path: 'deliveries.sel_b.address.phone', code: 'custom' },
      { path: 'deliveries.sel_a.address.street', code: 'too_small' },
      { path: 'deliveries.sel_b.address.communeCode', code: 'not_found' },
    ]);
    expect(errors.fields).toEqual({
      phone: { key: 'err.phone' },
      street: { key: 'err.required' },
      communeCode: { key: 'commune.unknown' },
    });
    expect(errors.form).toEqual({ key: 'err.form' });
  });

  it('says what to do about items, delivery and payment', () => {
    expect(checkoutErrorsFor([{ path: 'items.0.listingId', code: 'not_for_sale' }]).form).toEqual({
      key: 'checkout.reviewCart',
    });
    expect(checkoutErrorsFor([{ path: 'deliveries.sel_a.method', code: 'delivery_not_offered' }]).form).toEqual({
      key: 'checkout.deliveryNotOffered',
    });
    for (const code of ['outside_area', 'below_minimum', 'too_heavy']) {
      expect(checkoutErrorsFor([{ path: 'deliveries.sel_a.method', code }]).form).toEqual({
        key: 'checkout.deliveryUnavailable',
      });
    }
    expect(checkoutErrorsFor([{ path: 'paymentMethod', code: 'not_offered' }]).fields.paymentMethod).toEqual({
      key: 'checkout.paymentNotOffered',
    });
    // Nothing recognisable still says something.
    expect(checkoutErrorsFor([]).form).toEqual({ key: 'err.form' });
  });
});

describe('formatDateTimeVn', () => {
  it('is Vietnam time, day first', () => {
    expect(formatDateTimeVn('2026-12-31T17:05:00.000Z')).toBe('00:05 01/01/2027');
    expect(formatDateTimeVn('not a date')).toBe('not a date');
  });
});

describe('the cart cookie with quantities by weight (decision 0029)', () => {
  it('keeps decimals exactly, adds them in thousandths, refuses more than 3 decimals', () => {
    const lines = parseCart(serializeCart([{ listingId: 'lst_pork', quantity: 1.5 }]));
    expect(lines).toEqual([{ listingId: 'lst_pork', quantity: 1.5 }]);
    const added = addToCart(lines, 'lst_pork', 0.3);
    expect(added).toEqual({ ok: true, lines: [{ listingId: 'lst_pork', quantity: 1.8 }] });
    expect(addToCart(lines, 'lst_pork', 0.1 + 0.2)).toEqual({ ok: false, reason: 'invalid' });
    expect(serializeCart(lines)).toBe('lst_pork~1_5');
    expect(parseCart('lst_pork~1_2345')).toEqual([]);
  });
});
