import { type FinalWeights, lineTotalVnd, type SellerFulfilment, toMilli } from '@nongsan/contracts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import type { FieldIssue } from '../../lib/router.ts';
import { invalid } from './cart-lines.ts';
import { getSellerFulfilment, lockOrderWithFulfilments } from './fulfilments.service.ts';
import type { OrderDeps } from './order-payment-hooks.ts';
import * as repo from './orders.repo.ts';

/** Packing happens between the order and the handover. */
const WEIGHABLE = new Set(['awaiting_confirmation', 'confirmed']);

/** |final − estimate| ≤ estimate × tolerance %, in integers (thousandths × 100). */
export function withinTolerance(estimatedMilli: number, tolerancePct: number, finalMilli: number): boolean {
  return Math.abs(finalMilli - estimatedMilli) * 100 <= estimatedMilli * tolerancePct;
}

/**
 * The seller's team enters what lines priced at packing really weigh (decision 0029). Each line is
 * re-priced on its weight (half up), and the fulfilment's and the order's totals follow, so the
 * cash to collect on delivery follows too. A weight beyond the line's tolerance needs the buyer's
 * acceptance; an order already paid online that now costs less owes the difference back (refund
 * due, as for a cancelled part). Refusals write nothing.
 */
export async function recordFinalWeights(
  deps: OrderDeps,
  user: SessionUser,
  fulfilmentId: string,
  input: FinalWeights,
): Promise<SellerFulfilment> {
  await requireAccess(deps.db, user, 'fulfilment.ship', fulfilmentId);
  const ref = await repo.findFulfilmentRef(deps.db, fulfilmentId);
  if (!ref) throw new AppError('NOT_FOUND', { message: 'fulfilment not found' });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const locked = await lockOrderWithFulfilments(tx, ref.orderId);
    const fulfilment = locked?.all.find((f) => f.id === fulfilmentId);
    if (!locked || !fulfilment) throw new AppError('NOT_FOUND', { message: 'fulfilment not found' });
    if (!WEIGHABLE.has(fulfilment.status)) {
      throw new AppError('INVALID_TRANSITION', {
        message: `weights are entered when packing, before the handover; this part is ${fulfilment.status}`,
        details: { fulfilmentId, status: fulfilment.status },
      });
    }
    const items = new Map((await repo.findItemsOfFulfilments(tx, [fulfilmentId])).map((i) => [i.id, i]));
    const issues: FieldIssue[] = [];
    const seen = new Set<string>();
    const changes = input.items.flatMap((entry, index) => {
      const item = items.get(entry.itemId);
      const at = `items.${index}`;
      if (!item || seen.has(entry.itemId)) {
        issues.push({ path: `${at}.itemId`, code: 'not_found', message: 'not a line of this fulfilment, or twice' });
        return [];
      }
      seen.add(entry.itemId);
      if (item.estimatedWeightMilli === null || item.weightTolerancePct === null) {
        issues.push({ path: `${at}.itemId`, code: 'not_priced_at_packing', message: 'this line has a fixed price' });
        return [];
      }
      const finalWeightMilli = toMilli(entry.finalWeight);
      if (
        !input.buyerAccepted &&
        !withinTolerance(item.estimatedWeightMilli, item.weightTolerancePct, finalWeightMilli)
      ) {
        issues.push({
          path: `${at}.finalWeight`,
          code: 'beyond_tolerance',
          message: `more than ${item.weightTolerancePct} % from the estimate of ${item.estimatedWeightMilli / 1000} kg; ask the buyer first`,
        });
        return [];
      }
      const total = lineTotalVnd(item.unitPriceVnd, finalWeightMilli);
      return [{ item, finalWeightMilli, lineTotalVnd: total, diff: total - item.lineTotalVnd }];
    });
    if (issues.length > 0) throw invalid(issues, 'some weights cannot be recorded');

    const diff = changes.reduce((sum, c) => sum + c.diff, 0);
    for (const change of changes) {
      await repo.updateItemWeight(tx, change.item.id, {
        finalWeightMilli: change.finalWeightMilli,
        lineTotalVnd: change.lineTotalVnd,
      });
    }
    if (diff === 0) return;
    await repo.updateFulfilments(tx, [fulfilmentId], {
      subtotalVnd: fulfilment.subtotalVnd + diff,
      totalVnd: fulfilment.totalVnd + diff,
      updatedAt: now,
    });
    const { order } = locked;
    if (order.paymentMethod !== 'cod' && order.paidAt !== null) {
      // Paid online for the estimate: the order keeps what was charged (as a cancelled part keeps
      // its figures) and a lighter weight is owed back as refund due; a heavier one is refused
      // unless accepted, and then stays the seller's to settle with the buyer (shown as the
      // fulfilment's total above what was paid).
      if (diff < 0) {
        await repo.updateOrder(tx, order.id, {
          paymentStatus: 'refund_pending',
          refundDueVnd: order.refundDueVnd - diff,
          updatedAt: now,
        });
      }
      return;
    }
    // Not paid yet (cash on delivery, or an online payment still to come): the order's totals follow.
    await repo.updateOrder(tx, order.id, {
      subtotalVnd: order.subtotalVnd + diff,
      totalVnd: order.totalVnd + diff,
      updatedAt: now,
    });
  });
  return getSellerFulfilment(deps, fulfilmentId);
}
