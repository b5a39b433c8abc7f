import type { CashCollectedRequest, CashCollectedResult } from '@nongsan/contracts';
import { newId } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import { findFulfilmentRef, getOrder, getSellerFulfilment, lockOrderWithFulfilments } from '../orders/index.ts';
import * as repo from './payments.repo.ts';
import { CASH_COLLECTED } from './payments.repo.ts';
import { type SettleDeps, settleCash } from './settlement.ts';

// Cash on delivery: each seller collects the cash for its own part when handing it over and
// records it here. The order is paid once every part still live has its cash recorded.

const fulfilmentNotFound = () => new AppError('NOT_FOUND', { message: 'fulfilment not found' });

/**
 * The seller's team records the cash of a fulfilment handed over (shipped or delivered). The
 * amount must be that fulfilment's total exactly (422 otherwise: a seller who took less or more
 * settles it with the buyer first). Recording it again changes nothing (one event per fulfilment).
 */
export async function recordCashCollected(
  deps: SettleDeps,
  user: SessionUser,
  fulfilmentId: string,
  input: CashCollectedRequest,
): Promise<CashCollectedResult> {
  await requireAccess(deps.db, user, 'fulfilment.cash', fulfilmentId);
  const ref = await findFulfilmentRef(deps.db, fulfilmentId);
  if (!ref) throw fulfilmentNotFound();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const locked = await lockOrderWithFulfilments(tx, ref.orderId);
    const fulfilment = locked?.all.find((f) => f.id === fulfilmentId);
    if (!locked || !fulfilment) throw fulfilmentNotFound();
    const { order } = locked;
    if (order.paymentMethod !== 'cod') {
      throw new AppError('CONFLICT', {
        message: 'this order is not paid in cash on delivery',
        details: { method: order.paymentMethod },
      });
    }
    if (fulfilment.status !== 'shipped' && fulfilment.status !== 'delivered') {
      throw new AppError('INVALID_TRANSITION', {
        message: `cash is collected when the goods are handed over; this part is ${fulfilment.status}`,
        details: { fulfilmentId, status: fulfilment.status },
      });
    }
    if (input.amountVnd !== fulfilment.totalVnd) {
      throw new AppError('VALIDATION_FAILED', {
        message: `the cash to collect for this part is ${fulfilment.totalVnd} đồng`,
        details: [
          {
            path: 'amountVnd',
            code: 'amount_mismatch',
            message: `must be this part's total, ${fulfilment.totalVnd}`,
            expectedVnd: fulfilment.totalVnd,
          },
        ],
      });
    }
    const providerRef = `cod:${order.id}`;
    await repo.insertPayment(tx, {
      id: newId('pay'),
      orderId: order.id,
      method: 'cod',
      providerRef,
      attempt: 1,
      expectedVnd: order.totalVnd,
      createdAt: now,
      updatedAt: now,
    });
    const payment = await repo.lockPaymentByRef(tx, providerRef);
    if (!payment) throw new Error(`cash payment of ${order.id} not recorded`);
    const inserted = await repo.insertEvent(tx, {
      id: newId('pev'),
      provider: 'cod',
      eventId: `cash:${fulfilmentId}`,
      type: CASH_COLLECTED,
      paymentId: payment.id,
      orderId: order.id,
      fulfilmentId,
      amountVnd: input.amountVnd,
      outcome: 'applied',
      summary: { fulfilmentId, amountVnd: input.amountVnd },
      actorUserId: user.userId,
      occurredAt: now,
      receivedAt: now,
    });
    if (!inserted) return;
    await repo.updatePayment(tx, payment.id, { receivedVnd: payment.receivedVnd + input.amountVnd, updatedAt: now });
    await settleCash(deps, tx, order.id, now);
  });
  const [fulfilment, order] = await Promise.all([
    getSellerFulfilment(deps, fulfilmentId),
    getOrder(deps, user, ref.orderId),
  ]);
  return { fulfilment, order };
}
