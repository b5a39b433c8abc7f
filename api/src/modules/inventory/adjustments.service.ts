import { type AdjustmentCreate, type AdjustmentResult, fromMilli, MILLI, toMilli } from '@nongsan/contracts';
import { newId } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import { allocateFefo } from './fefo-allocator.service.ts';
import * as repo from './inventory.repo.ts';
import { type InventoryDeps, invalid, requireStockWriter } from './stock-checks.ts';
import { syncListingStockStatus } from './stock-status.service.ts';

// Stock corrections by the seller's team: one lot, or written off FEFO across lots.

/**
 * A stock correction by the seller's team. With `lotId`: that lot, which must not go below zero.
 * Without: a positive deltaMilli is refused (stock must arrive in a lot), a negative one is written off
 * FEFO across lots. Refusals write nothing: the whole command is one transaction and every check
 * comes before the first write.
 */
export async function adjustStock(
  deps: InventoryDeps,
  user: SessionUser,
  listingId: string,
  input: AdjustmentCreate,
): Promise<AdjustmentResult> {
  const now = deps.clock.now();
  const deltaMilli = toMilli(input.delta);
  return deps.db.transaction(async (tx) => {
    const listing = await requireStockWriter(tx, listingId, user);
    if (listing.soldBy === 'unit' && deltaMilli % MILLI !== 0) {
      throw invalid('delta', 'sold by unit: a whole number', 'whole_units');
    }
    const movements: AdjustmentResult['movements'] = [];
    if (input.lotId) {
      const lot = await repo.lockLot(tx, listingId, input.lotId);
      if (!lot) throw invalid('lotId', 'no such lot in this listing', 'not_found');
      if (lot.onHandMilli + deltaMilli < 0) {
        throw new AppError('INSUFFICIENT_STOCK', {
          message: `the lot holds ${fromMilli(lot.onHandMilli)}; cannot take ${-input.delta}`,
          details: { lotId: lot.id, available: fromMilli(lot.onHandMilli), requested: -input.delta },
        });
      }
      const onHandMilli = await repo.applyMovement(tx, {
        id: newId('mov'),
        lotId: lot.id,
        listingId,
        kind: 'adjustment',
        reason: input.reason,
        deltaMilli,
        authorUserId: user.userId,
        orderId: null,
        createdAt: now,
      });
      movements.push({ lotId: lot.id, delta: input.delta, onHand: fromMilli(onHandMilli) });
      const state = await syncListingStockStatus(tx, listingId, now);
      return {
        listingId,
        delta: input.delta,
        reason: input.reason,
        movements,
        status: state.status,
        availableStock: fromMilli(state.availableStock),
      };
    }
    if (deltaMilli > 0) throw invalid('lotId', 'a positive adjustment must name its lot', 'required');
    const result = await allocateFefo(tx, {
      listingId,
      quantityMilli: -deltaMilli,
      kind: 'adjustment',
      reason: input.reason,
      authorUserId: user.userId,
      now,
    });
    if (!result.ok) {
      const available = fromMilli(result.available);
      const requested = fromMilli(result.requested);
      throw new AppError('INSUFFICIENT_STOCK', {
        message: `the listing's lots hold ${available}; cannot take ${requested}`,
        details: { listingId, available, requested },
      });
    }
    for (const a of result.allocations) {
      movements.push({ lotId: a.lotId, delta: -fromMilli(a.quantityMilli), onHand: fromMilli(a.onHandMilli) });
    }
    return {
      listingId,
      delta: input.delta,
      reason: input.reason,
      movements,
      status: result.status,
      availableStock: fromMilli(result.availableStock),
    };
  });
}
