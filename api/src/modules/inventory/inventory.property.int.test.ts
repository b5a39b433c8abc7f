import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { createFarm, createListing } from '../../../test/listing-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';

// Property: whatever sequence of receipts and adjustments a seller sends (including ones that must
// be refused), every lot's on-hand equals the sum of its ledger rows, the listing's stock equals the
// sum over its lots, nothing goes below zero, and a refused command writes nothing at all.

let t: TestApp;
let farm: Awaited<ReturnType<typeof createFarm>>;
beforeAll(async () => {
  t = await createTestApp();
  farm = await createFarm(t);
});
afterAll(async () => {
  await t.close();
});

const EXPIRIES = [null, '2026-12-05', '2026-12-20', '2027-01-10'] as const;
const REASONS = ['spoilage', 'count', 'other'] as const;

type Op =
  | { kind: 'receive'; quantity: number; expiry: (typeof EXPIRIES)[number] }
  | { kind: 'adjustLot'; lot: number; delta: number; reason: (typeof REASONS)[number] }
  | { kind: 'adjustFefo'; delta: number; reason: (typeof REASONS)[number] };

const nonZero = (min: number, max: number) => fc.integer({ min, max }).filter((n) => n !== 0);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  // Quantities down to -2 so some receipts are invalid and must be refused.
  fc.record({
    kind: fc.constant('receive' as const),
    quantity: fc.integer({ min: -2, max: 40 }),
    expiry: fc.constantFrom(...EXPIRIES),
  }),
  fc.record({
    kind: fc.constant('adjustLot' as const),
    lot: fc.nat(5),
    delta: nonZero(-50, 30),
    reason: fc.constantFrom(...REASONS),
  }),
  fc.record({ kind: fc.constant('adjustFefo' as const), delta: nonZero(-80, 10), reason: fc.constantFrom(...REASONS) }),
);

type ModelLot = { id: string; onHand: number; expiresAt: string | null };

/** The database's view: per lot on-hand and ledger sum, plus the listing's totals and row counts. */
async function snapshot(listingId: string) {
  const lots = await queryRows<{ id: string; on_hand: number; ledger: number }>(
    t.db,
    sql`
    SELECT l.id, (l.on_hand_milli / 1000.0)::float8 AS on_hand, (coalesce(sum(m.delta_milli), 0) / 1000.0)::float8 AS ledger
    FROM lots l LEFT JOIN stock_movements m ON m.lot_id = l.id
    WHERE l.listing_id = ${listingId} GROUP BY l.id ORDER BY l.id`,
  );
  const [totals] = await queryRows<{ movements: number; ledger: number }>(
    t.db,
    sql`
    SELECT count(*)::int AS movements, (coalesce(sum(delta_milli), 0) / 1000.0)::float8 AS ledger
    FROM stock_movements WHERE listing_id = ${listingId}`,
  );
  return { lots: [...lots], movements: totals?.movements ?? 0, ledger: totals?.ledger ?? 0 };
}

/** FEFO as the service promises it: soonest expiry first, no expiry last, then id. */
const fefo = (lots: ModelLot[]) =>
  [...lots]
    .filter((l) => l.onHand > 0)
    .sort(
      (a, b) =>
        (a.expiresAt ?? '9999').localeCompare(b.expiresAt ?? '9999') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );

describe('stock ledger', () => {
  it('on-hand equals the ledger sum, per lot and per listing, after any sequence of commands', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        const listing = await createListing(t, farm.owner.token, farm.sellerId, { status: 'active' });
        const model: ModelLot[] = [];
        for (const op of ops) {
          const before = await snapshot(listing.id);
          let refused = false;
          if (op.kind === 'receive') {
            const res = await t.call('POST', `/api/v1/listings/${listing.id}/lots`, {
              token: farm.owner.token,
              json: { quantity: op.quantity, ...(op.expiry ? { expiresAt: op.expiry } : {}) },
            });
            if (op.quantity >= 1) {
              expect(res.status).toBe(201);
              model.push({ id: res.body.id, onHand: op.quantity, expiresAt: op.expiry });
            } else {
              expect(res.status).toBe(422);
              refused = true;
            }
          } else if (op.kind === 'adjustLot') {
            const lot = model[op.lot % Math.max(model.length, 1)];
            if (!lot) continue;
            const res = await t.call('POST', `/api/v1/listings/${listing.id}/adjustments`, {
              token: farm.owner.token,
              json: { lotId: lot.id, delta: op.delta, reason: op.reason },
            });
            if (lot.onHand + op.delta < 0) {
              expect(res.status).toBe(409);
              expect(res.body.error.details.available).toBe(lot.onHand);
              refused = true;
            } else {
              expect(res.status).toBe(200);
              lot.onHand += op.delta;
            }
          } else {
            const res = await t.call('POST', `/api/v1/listings/${listing.id}/adjustments`, {
              token: farm.owner.token,
              json: { delta: op.delta, reason: op.reason },
            });
            const total = model.reduce((sum, l) => sum + l.onHand, 0);
            if (op.delta > 0) {
              expect(res.status).toBe(422);
              refused = true;
            } else if (-op.delta > total) {
              expect(res.status).toBe(409);
              expect(res.body.error.details.available).toBe(total);
              refused = true;
            } else {
              expect(res.status).toBe(200);
              let remaining = -op.delta;
              const expected: { lotId: string; delta: number; onHand: number }[] = [];
              for (const lot of fefo(model)) {
                if (remaining === 0) break;
                const take = Math.min(lot.onHand, remaining);
                lot.onHand -= take;
                remaining -= take;
                expected.push({ lotId: lot.id, delta: -take, onHand: lot.onHand });
              }
              expect(res.body.movements).toEqual(expected);
            }
          }

          const after = await snapshot(listing.id);
          if (refused) expect(after).toEqual(before);
          for (const row of after.lots) {
            expect(row.on_hand).toBe(row.ledger);
            expect(row.on_hand).toBeGreaterThanOrEqual(0);
            expect(row.on_hand).toBe(model.find((l) => l.id === row.id)?.onHand);
          }
          expect(after.lots.reduce((sum, l) => sum + l.on_hand, 0)).toBe(after.ledger);
        }
        const view = await t.call('GET', `/api/v1/listings/${listing.id}`, { token: farm.owner.token });
        const total = model.reduce((sum, l) => sum + l.onHand, 0);
        expect(view.body.availableStock).toBe(total);
        expect(view.body.status).toBe(total > 0 ? 'active' : 'sold_out');
      }),
      { numRuns: 25 },
    );
  });
});
