import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PaymentEvent } from './payment-provider.ts';
import {
  applyPaymentEvent,
  createPaymentState,
  isPaymentCaptured,
  type PaymentState,
  type PaymentStatus,
} from './payment-state.ts';

const TOTAL = 450_000;
const T0 = Date.parse('2025-07-01T03:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

let eventCounter = 0;
function event(
  type: PaymentEvent['type'],
  options: { seconds?: number; amountVnd?: number; refundedVnd?: number; currency?: string } = {},
): PaymentEvent {
  const base = {
    eventId: `evt_${++eventCounter}`,
    paymentRef: 'pi_1',
    amountVnd: options.amountVnd ?? TOTAL,
    currency: options.currency ?? 'vnd',
    occurredAt: at(options.seconds ?? 0),
  };
  return type === 'refunded' ? { ...base, type, refundedVnd: options.refundedVnd ?? TOTAL } : { ...base, type };
}

function applyAll(events: PaymentEvent[], state = createPaymentState(TOTAL)): PaymentState {
  return events.reduce((current, next) => applyPaymentEvent(current, next).state, state);
}

describe('applyPaymentEvent', () => {
  it('walks the happy path pending → processing → succeeded → partially_refunded → refunded', () => {
    const statuses: PaymentStatus[] = [];
    let state = createPaymentState(TOTAL);
    for (const next of [
      event('processing', { seconds: 1 }),
      event('succeeded', { seconds: 2 }),
      event('refunded', { seconds: 3, refundedVnd: 50_000 }),
      event('refunded', { seconds: 4, refundedVnd: TOTAL }),
    ]) {
      const transition = applyPaymentEvent(state, next);
      expect(transition.changed).toBe(true);
      expect(transition.flag).toBeNull();
      state = transition.state;
      statuses.push(state.status);
    }
    expect(statuses).toEqual(['processing', 'succeeded', 'partially_refunded', 'refunded']);
    expect(state).toMatchObject({ receivedVnd: TOTAL, refundedVnd: TOTAL });
  });

  it('never undoes success: a late payment_failed or processing leaves it succeeded', () => {
    const paid = applyAll([event('succeeded', { seconds: 10 })]);
    for (const late of [event('failed', { seconds: 20 }), event('processing', { seconds: 30 }), event('cancelled')]) {
      const transition = applyPaymentEvent(paid, late);
      expect(transition).toEqual({ state: paid, changed: false, flag: null });
    }
  });

  it('lets a retry after a decline win by time, and a decline after processing win too', () => {
    const declinedThenRetried = applyAll([event('failed', { seconds: 1 }), event('processing', { seconds: 2 })]);
    expect(declinedThenRetried.status).toBe('processing');
    // Delivered the other way round, the same two events give the same answer.
    expect(applyAll([event('processing', { seconds: 2 }), event('failed', { seconds: 1 })]).status).toBe('processing');
    expect(applyAll([event('processing', { seconds: 1 }), event('failed', { seconds: 2 })]).status).toBe('failed');
    // In the same second a failure ranks above processing.
    expect(applyAll([event('failed', { seconds: 5 }), event('processing', { seconds: 5 })]).status).toBe('failed');
  });

  it('moves straight to refunded when the refund arrives before the success event', () => {
    const refundedFirst = applyAll([event('refunded', { seconds: 9, refundedVnd: 100_000 })]);
    expect(refundedFirst).toMatchObject({ status: 'partially_refunded', receivedVnd: TOTAL, refundedVnd: 100_000 });
    expect(applyPaymentEvent(refundedFirst, event('succeeded', { seconds: 5 })).changed).toBe(false);
  });

  it('keeps the larger refund total when an older refund event arrives late', () => {
    const state = applyAll([event('succeeded'), event('refunded', { refundedVnd: 300_000 })]);
    const late = applyPaymentEvent(state, event('refunded', { refundedVnd: 100_000 }));
    expect(late.changed).toBe(false);
    expect(late.state.refundedVnd).toBe(300_000);
  });

  it('ends cancelled over failed or processing, and pending stays pending without events', () => {
    expect(applyAll([event('failed', { seconds: 1 }), event('cancelled', { seconds: 2 })]).status).toBe('cancelled');
    expect(applyAll([event('cancelled', { seconds: 2 }), event('processing', { seconds: 3 })]).status).toBe(
      'cancelled',
    );
    expect(applyAll([]).status).toBe('pending');
  });

  it('flags, and does not apply, a success for another amount (under- or over-payment)', () => {
    const pending = createPaymentState(TOTAL);
    for (const amountVnd of [TOTAL - 1, TOTAL + 1]) {
      const wrong = event('succeeded', { amountVnd });
      const transition = applyPaymentEvent(pending, wrong);
      expect(transition.state).toBe(pending);
      expect(transition.changed).toBe(false);
      expect(transition.flag).toEqual({
        reason: 'amount_mismatch',
        eventId: wrong.eventId,
        expected: { amountVnd: TOTAL, currency: 'vnd' },
        received: { amountVnd, currency: 'vnd' },
      });
    }
  });

  it('flags another currency, a refund of another charge amount, and a refund larger than the charge', () => {
    const paid = applyAll([event('succeeded')]);
    expect(applyPaymentEvent(paid, event('succeeded', { currency: 'usd' })).flag?.reason).toBe('currency_mismatch');
    expect(applyPaymentEvent(paid, event('refunded', { amountVnd: 1, refundedVnd: 1 })).flag?.reason).toBe(
      'amount_mismatch',
    );
    const tooMuch = applyPaymentEvent(paid, event('refunded', { refundedVnd: TOTAL + 1 }));
    expect(tooMuch.flag?.reason).toBe('refund_exceeds_payment');
    expect(tooMuch.flag?.received.refundedVnd).toBe(TOTAL + 1);
    expect(tooMuch.state).toBe(paid);
  });

  it('refuses to start a payment state for a non-integer total', () => {
    expect(() => createPaymentState(1.5)).toThrow(RangeError);
    expect(() => createPaymentState(0)).toThrow(RangeError);
  });
});

// ---- Property: duplicated and reordered deliveries ------------------------------------------

/** What really happened to one PaymentIntent, in order, with strictly increasing times. */
type History = { events: PaymentEvent[]; expected: PaymentState; succeeded: boolean };

const historyArbitrary: fc.Arbitrary<{ total: number; history: History }> = fc
  .record({
    total: fc.integer({ min: 1, max: 1_000_000_000 }),
    declines: fc.array(fc.boolean(), { maxLength: 3 }), // each decline: was there a processing first?
    ending: fc.constantFrom('open', 'open_processing', 'cancelled', 'succeeded', 'succeeded_after_processing'),
    refundFractions: fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { maxLength: 3 }),
    steps: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 16, maxLength: 16 }),
  })
  .map(({ total, declines, ending, refundFractions, steps }) => {
    let clock = 0;
    let id = 0;
    const events: PaymentEvent[] = [];
    const push = (type: PaymentEvent['type'], refundedVnd?: number) => {
      clock += steps[id % steps.length]!;
      const base = {
        eventId: `evt_${++id}`,
        paymentRef: 'pi_p',
        amountVnd: total,
        currency: 'vnd',
        occurredAt: at(clock),
      };
      events.push(type === 'refunded' ? { ...base, type, refundedVnd: refundedVnd! } : { ...base, type });
    };
    for (const hadProcessing of declines) {
      if (hadProcessing) push('processing');
      push('failed');
    }
    let expected: PaymentState = createPaymentState(total);
    const succeeded = ending === 'succeeded' || ending === 'succeeded_after_processing';
    if (ending === 'open_processing' || ending === 'succeeded_after_processing') push('processing');
    if (ending === 'cancelled') push('cancelled');
    if (succeeded) {
      push('succeeded');
      // Cumulative refund totals: strictly increasing, never above the total.
      const totals = [...new Set(refundFractions.map((f) => Math.max(1, Math.floor((total * f) / 1000))))].sort(
        (a, b) => a - b,
      );
      for (const refunded of totals) push('refunded', refunded);
      const last = totals.at(-1);
      expected =
        last === undefined
          ? { ...expected, status: 'succeeded', receivedVnd: total }
          : {
              ...expected,
              status: last === total ? 'refunded' : 'partially_refunded',
              receivedVnd: total,
              refundedVnd: last,
            };
    } else if (ending === 'cancelled') {
      expected = { ...expected, status: 'cancelled' };
    } else {
      const lastTransient = events.at(-1);
      if (lastTransient !== undefined) {
        expected = { ...expected, status: lastTransient.type as PaymentStatus, statusAt: lastTransient.occurredAt };
      }
    }
    return { total, history: { events, expected, succeeded } };
  });

const TIER: Record<PaymentStatus, number> = {
  pending: 0,
  processing: 1,
  failed: 1,
  cancelled: 2,
  succeeded: 3,
  partially_refunded: 4,
  refunded: 4,
};

describe('applyPaymentEvent under duplicated and reordered delivery (property)', () => {
  // 10 000 runs take a few seconds; the timeout leaves room for a busy machine.
  it('applies each event once, never doubles an effect, and always ends in the true state', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        historyArbitrary,
        // Per event: how many times it is delivered (1–3); then a random order of all deliveries.
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 16, maxLength: 16 }),
        fc.array(fc.nat(), { minLength: 48, maxLength: 48 }),
        // Forged or mismatched events mixed in: each must be flagged and change nothing.
        fc.array(fc.constantFrom('underpaid', 'overpaid', 'usd'), { maxLength: 2 }),
        ({ total, history }, copies, order, strays) => {
          const mismatched: PaymentEvent[] = strays.map((kind, index) => ({
            eventId: `evt_stray_${index}`,
            type: 'succeeded',
            paymentRef: 'pi_p',
            amountVnd: kind === 'underpaid' ? total - 1 : kind === 'overpaid' ? total + 1 : total,
            currency: kind === 'usd' ? 'usd' : 'vnd',
            occurredAt: at(1),
          }));
          const deliveries = [...history.events, ...mismatched].flatMap((e, index) =>
            Array.from({ length: copies[index % copies.length]! }, () => e),
          );
          const shuffled = deliveries
            .map((delivery, index) => ({ delivery, key: order[index % order.length]! * 64 + index }))
            .sort((a, b) => a.key - b.key)
            .map(({ delivery }) => delivery);

          // The "applied exactly once" table: a unique event id per payment.
          const applied = new Set<string>();
          let state = createPaymentState(total);
          let captureEffects = 0;
          let flags = 0;
          for (const delivery of shuffled) {
            if (applied.has(delivery.eventId)) continue;
            applied.add(delivery.eventId);
            const transition = applyPaymentEvent(state, delivery);
            if (transition.flag !== null) {
              flags++;
              expect(transition.changed).toBe(false);
              expect(transition.state).toBe(state);
            }
            // No undo: the tier and the refunded total never go down.
            expect(TIER[transition.state.status]).toBeGreaterThanOrEqual(TIER[state.status]);
            expect(transition.state.refundedVnd).toBeGreaterThanOrEqual(state.refundedVnd);
            // "Mark the order paid" happens on exactly one transition.
            if (!isPaymentCaptured(state) && isPaymentCaptured(transition.state)) captureEffects++;
            expect(transition.changed).toBe(transition.state !== state);
            state = transition.state;
          }

          expect(state).toEqual(history.expected);
          expect(captureEffects).toBe(history.succeeded ? 1 : 0);
          expect(flags).toBe(mismatched.length);
          // Even without the table, a redelivered event changes nothing once all are applied.
          for (const delivery of history.events) expect(applyPaymentEvent(state, delivery).changed).toBe(false);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
