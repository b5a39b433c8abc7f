import type { AdjustmentCreate, AdjustmentResult } from '@nongsan/contracts';
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
 * Without: a positive delta is refused (stock must arrive in a lot), a negative one is written off
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
  return deps.db.transaction(async (tx) => {
    await requireStockWriter(tx, listingId, user);
    const movements: AdjustmentResult['movements'] = [];
    if (input.lotId) {
      const lot = await repo.lockLot(tx, listingId, input.lotId);
      if (!lot) throw invalid('lotId', 'no such lot in this listing', 'not_found');
      if (lot.onHand + input.delta < 0) {
        throw new AppError('INSUFFICIENT_STOCK', {
          message: `the lot holds ${lot.onHand}; cannot take ${-input.delta}`,
          details: { lotId: lot.id, available: lot.onHand, requested: -input.delta },
        });
      }
      const onHand = await repo.applyMovement(tx, {
        id: newId('mov'),
        lotId: lot.id,
        listingId,
        kind: 'adjustment',
        reason: input.reason,
        delta: input.delta,
        authorUserId: user.userId,
        orderId: null,
        createdAt: now,
      });
      movements.push({ lotId: lot.id, delta: input.delta, onHand });
      const state = await syncListingStockStatus(tx, listingId, now);
      return { listingId, delta: input.delta, reason: input.reason, movements, ...state };
    }
    if (input.delta > 0) throw invalid('lotId', 'a positive adjustment must name its lot', 'required');
    const result = await allocateFefo(tx, {
      listingId,
      quantity: -input.delta,
      kind: 'adjustment',
      reason: input.reason,
      authorUserId: user.userId,
      now,
    });
    if (!result.ok) {
      throw new AppError('INSUFFICIENT_STOCK', {
        message: `the listing's lots hold ${result.available}; cannot take ${result.requested}`,
        details: { listingId, available: result.available, requested: result.requested },
      });
    }
    for (const a of result.allocations) movements.push({ lotId: a.lotId, delta: -a.quantity, onHand: a.onHand });
    return {
      listingId,
      delta: input.delta,
      reason: input.reason,
      movements,
      status: result.status,
      availableStock: result.availableStock,
    };
  });
}
