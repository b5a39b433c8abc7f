import type { FulfilmentStatus } from '@nongsan/contracts';
import { describe, expect, it } from 'vitest';
import { deriveOrderStatus, type FulfilmentAction, nextFulfilmentStatus, nextStatusBySeller } from './order-status.ts';

const STATUSES: FulfilmentStatus[] = [
  'awaiting_payment',
  'awaiting_confirmation',
  'confirmed',
  'shipped',
  'delivered',
  'cancelled',
];
const ACTIONS: FulfilmentAction[] = ['pay', 'confirm', 'ship', 'deliver', 'cancel'];

// The expected machine written out in full, independently of the table in order-status.ts.
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
