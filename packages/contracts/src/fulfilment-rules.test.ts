import { describe, expect, it } from 'vitest';
import {
  canCancel,
  deriveOrderStatus,
  type FulfilmentAction,
  nextFulfilmentStatus,
  nextStatusBySeller,
  orderCanCancel,
  SELLER_ACTIONS,
  sellerActionsFrom,
  statusAfter,
} from './fulfilment-rules.ts';
import { type FulfilmentStatus, FulfilmentStatusSchema } from './orders.ts';

const STATUSES: readonly FulfilmentStatus[] = FulfilmentStatusSchema.options;
const ACTIONS: FulfilmentAction[] = ['pay', 'confirm', 'ship', 'deliver', 'cancel'];

// The expected machine written out in full, independently of the table in fulfilment-rules.ts.
const ALLOWED: Record<string, FulfilmentStatus> = {
  'awaiting_payment pay': 'awaiting_confirmation',
  'awaiting_payment cancel': 'cancelled',
  'awaiting_confirmation confirm': 'confirmed',
  'awaiting_confirmation cancel': 'cancelled',
  'confirmed ship': 'shipped',
  'confirmed cancel': 'cancelled',
  'shipped deliver': 'delivered',
};

describe('nextFulfilmentStatus', () => {
  const cases = STATUSES.flatMap((from) => ACTIONS.map((action) => [from, action] as const));
  it.each(cases)('%s + %s', (from, action) => {
    expect(nextFulfilmentStatus(from, action)).toBe(ALLOWED[`${from} ${action}`] ?? null);
  });

  it('never cancels after shipping, and nothing leaves delivered or cancelled', () => {
    for (const from of ['shipped', 'delivered', 'cancelled'] as const) {
      expect(nextFulfilmentStatus(from, 'cancel')).toBeNull();
    }
    for (const action of ACTIONS) {
      expect(nextFulfilmentStatus('delivered', action)).toBeNull();
      expect(nextFulfilmentStatus('cancelled', action)).toBeNull();
    }
  });

  it('a seller cannot act on a fulfilment awaiting payment, otherwise follows the table', () => {
    for (const action of ['confirm', 'ship', 'deliver', 'cancel'] as const) {
      expect(nextStatusBySeller('awaiting_payment', action)).toBeNull();
    }
    expect(nextStatusBySeller('awaiting_confirmation', 'cancel')).toBe('cancelled');
    expect(nextStatusBySeller('confirmed', 'ship')).toBe('shipped');
  });

  it('an action leads where the table says, from every state that allows it', () => {
    for (const key of Object.keys(ALLOWED)) {
      const action = key.split(' ')[1] as FulfilmentAction;
      expect(statusAfter(action)).toBe(ALLOWED[key]);
    }
  });
});

describe('what a viewer may do next', () => {
  it('lists the seller team its moves, forward first, none while unpaid or finished', () => {
    expect(sellerActionsFrom('awaiting_payment')).toEqual([]);
    expect(sellerActionsFrom('awaiting_confirmation')).toEqual(['confirm', 'cancel']);
    expect(sellerActionsFrom('confirmed')).toEqual(['ship', 'cancel']);
    expect(sellerActionsFrom('shipped')).toEqual(['deliver']);
    expect(sellerActionsFrom('delivered')).toEqual([]);
    expect(sellerActionsFrom('cancelled')).toEqual([]);
  });

  it('agrees with nextStatusBySeller for every status and action', () => {
    for (const from of STATUSES) {
      for (const action of SELLER_ACTIONS) {
        expect(sellerActionsFrom(from).includes(action)).toBe(nextStatusBySeller(from, action) !== null);
      }
    }
  });

  it('cancels until shipped; an order while any part can be', () => {
    expect(STATUSES.filter(canCancel)).toEqual(['awaiting_payment', 'awaiting_confirmation', 'confirmed']);
    expect(orderCanCancel(['shipped', 'confirmed'])).toBe(true);
    expect(orderCanCancel(['shipped', 'cancelled'])).toBe(false);
  });
});

describe('deriveOrderStatus', () => {
  it.each([
    [['awaiting_payment', 'awaiting_payment'], 'awaiting_payment'],
    [['awaiting_confirmation'], 'awaiting_confirmation'],
    [['confirmed', 'awaiting_confirmation'], 'awaiting_confirmation'],
    [['shipped', 'confirmed'], 'confirmed'],
    [['delivered', 'shipped'], 'shipped'],
    [['delivered', 'delivered'], 'delivered'],
    [['delivered', 'cancelled'], 'delivered'],
    [['cancelled', 'confirmed'], 'confirmed'],
    [['cancelled', 'cancelled'], 'cancelled'],
    [['cancelled'], 'cancelled'],
  ] as [FulfilmentStatus[], FulfilmentStatus][])('%j → %s', (statuses, expected) => {
    expect(deriveOrderStatus(statuses)).toBe(expected);
  });

  it('does not depend on the order of the parts', () => {
    for (const a of STATUSES) {
      for (const b of STATUSES) expect(deriveOrderStatus([a, b])).toBe(deriveOrderStatus([b, a]));
    }
  });

  it('refuses an order without parts', () => {
    expect(() => deriveOrderStatus([])).toThrow();
  });
});
