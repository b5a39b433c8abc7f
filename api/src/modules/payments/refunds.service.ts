import type {
  AfterDeliveryRefundCreate,
  Refund,
  RefundComplete,
  RefundCreated,
  RefundListQuery,
  RefundPage,
} from '@nongsan/contracts';
import { newId } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import { requireAccess, requireOperator } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import {
  addOrderRefundDue,
  findFulfilmentRef,
  findItemsOfFulfilment,
  lockOrderWithFulfilments,
} from '../orders/index.ts';
import * as repo from './payments.repo.ts';
import { capturedPaymentOf, PAYMENT_JOBS, queueRefunds, type SettleDeps, settleRefunds } from './settlement.ts';

// Refunds as operators handle them: card refunds go through Stripe by themselves (the
// payments.refund job, confirmed by charge.refunded); a bank transfer is given back by an
// operator transferring the money and recording it here. And refunds a seller gives after
// delivery (spoiled or short goods), which then take the same paths.

type ListedRefund = Awaited<ReturnType<typeof repo.listRefunds>>['rows'][number];

function toRefund(row: ListedRefund): Refund {
  const { refund } = row;
  return {
    id: refund.id,
    orderId: refund.orderId,
    orderCode: row.orderCode,
    fulfilmentId: refund.fulfilmentId,
    orderItemId: refund.orderItemId,
    sellerName: row.sellerName,
    method: refund.method,
    amountVnd: refund.amountVnd,
    status: refund.status,
    reason: refund.reason,
    buyerPhone: row.buyerPhone,
    reference: refund.reference ?? refund.providerRef,
    note: refund.note,
    sellerNote: refund.sellerNote,
    createdAt: refund.createdAt.toISOString(),
    completedAt: refund.completedAt?.toISOString() ?? null,
  };
}

export async function listRefunds(deps: SettleDeps, user: SessionUser, query: RefundListQuery): Promise<RefundPage> {
  requireOperator(user);
  const { rows, total } = await repo.listRefunds(deps.db, {
    status: query.status,
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  return { refunds: rows.map(toRefund), total, page: query.page, perPage: query.perPage };
}

/**
 * An operator transferred a refund back by hand (bank transfer), or settled by hand a card
 * refund Stripe refused. A card refund still on its way through Stripe is 409: Stripe confirms it.
 */
export async function completeRefund(
  deps: SettleDeps,
  user: SessionUser,
  refundId: string,
  input: RefundComplete,
): Promise<Refund> {
  requireOperator(user);
  const found = await repo.findRefund(deps.db, refundId);
  if (!found) throw new AppError('NOT_FOUND', { message: 'refund not found' });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await lockOrderWithFulfilments(tx, found.refund.orderId);
    const refund = await repo.lockRefund(tx, refundId);
    if (!refund) throw new AppError('NOT_FOUND', { message: 'refund not found' });
    const isManual = refund.method !== 'stripe' && refund.status === 'pending';
    if (!isManual && refund.status !== 'failed') {
      throw new AppError('CONFLICT', {
        message:
          refund.status === 'completed'
            ? 'this refund is already completed'
            : 'this card refund is on its way through Stripe; it completes by itself',
        details: { status: refund.status, method: refund.method },
      });
    }
    await repo.updateRefundFrom(tx, refundId, refund.status, {
      status: 'completed',
      reference: input.reference,
      completedByUserId: user.userId,
      completedAt: now,
      updatedAt: now,
    });
    const payment = await repo.lockPayment(tx, refund.paymentId);
    await repo.updatePayment(tx, payment.id, { refundedVnd: payment.refundedVnd + refund.amountVnd, updatedAt: now });
    await settleRefunds(tx, refund.orderId, now);
  });
  const { rows } = await repo.listRefundsByIds(deps.db, [refundId]);
  return toRefund(rows[0]!);
}

const fulfilmentNotFound = () => new AppError('NOT_FOUND', { message: 'fulfilment not found' });

const sumOf = (refunds: readonly repo.RefundRow[]) => refunds.reduce((sum, r) => sum + r.amountVnd, 0);

/**
 * A seller gives back part of a delivered fulfilment (its owner or a cooperative manager: money
 * decisions are not staff's). At most what is left to refund of the named item's line total, or
 * of the part's goods when no item is named (delivery is not refundable here: it was made), and
 * never more in all than the part's goods. The refund goes back the way the money came: a card
 * refund is sent by the payments.refund job; a bank refund waits for an operator to transfer it;
 * cash was handed back by the seller, so it is completed at once. The order owes it back
 * (`refund_due_vnd`) and is `refund_pending` until it is completed.
 *
 * Concurrency: the order and its fulfilments are locked first (the module's lock order), and what
 * is left is read under that lock, so two refunds at once are checked one after the other and
 * together never exceed it. Every check comes before the first write: an error writes nothing.
 */
export async function refundAfterDelivery(
  deps: SettleDeps,
  user: SessionUser,
  fulfilmentId: string,
  input: AfterDeliveryRefundCreate,
): Promise<RefundCreated> {
  // Outside the seller's team the fulfilment does not exist (404); staff handle it daily, so for
  // them it does, and they are told it is not theirs to decide (403).
  await requireAccess(deps.db, user, 'fulfilment.refund', fulfilmentId);
  const ref = await findFulfilmentRef(deps.db, fulfilmentId);
  if (!ref) throw fulfilmentNotFound();
  const now = deps.clock.now();
  const refundId = await deps.db.transaction(async (tx) => {
    const locked = await lockOrderWithFulfilments(tx, ref.orderId);
    const fulfilment = locked?.all.find((f) => f.id === fulfilmentId);
    if (!locked || !fulfilment) throw fulfilmentNotFound();
    const { order } = locked;
    if (fulfilment.status !== 'delivered') {
      throw new AppError('INVALID_TRANSITION', {
        message: `money is given back here once the part is delivered; this part is ${fulfilment.status}`,
        details: { fulfilmentId, status: fulfilment.status },
      });
    }
    const [payments, cash, items, refunds] = await Promise.all([
      repo.findPaymentsOfOrders(tx, [order.id]),
      repo.findCashOfOrders(tx, [order.id]),
      findItemsOfFulfilment(tx, fulfilmentId),
      repo.findRefundsOfFulfilment(tx, fulfilmentId),
    ]);

    // The payment the money came through, and so goes back through.
    const isCash = order.paymentMethod === 'cod';
    const payment = isCash
      ? cash.some((c) => c.fulfilmentId === fulfilmentId)
        ? payments.find((p) => p.method === 'cod')
        : undefined
      : order.paidAt === null
        ? undefined
        : capturedPaymentOf(payments);
    if (!payment) {
      throw new AppError('CONFLICT', {
        message: isCash
          ? "this part's cash is not recorded as collected: record it first, or settle with the buyer in person"
          : "this order's money has not arrived: there is nothing to give back",
        details: { fulfilmentId, method: order.paymentMethod },
      });
    }

    // What is left to refund, under the lock: the part's goods less every refund after delivery,
    // and for a named item, also its line total less that item's refunds.
    const given = refunds.filter((r) => r.reason === 'after_delivery');
    let refundableVnd = fulfilment.subtotalVnd - sumOf(given);
    if (input.orderItemId !== undefined) {
      const item = items.find((i) => i.id === input.orderItemId);
      if (!item) {
        throw new AppError('VALIDATION_FAILED', {
          message: 'that item is not in this fulfilment',
          details: [{ path: 'orderItemId', code: 'not_in_fulfilment', message: 'not an item of this fulfilment' }],
        });
      }
      const itemLeft = item.lineTotalVnd - sumOf(given.filter((r) => r.orderItemId === item.id));
      refundableVnd = Math.min(refundableVnd, itemLeft);
    }
    if (input.amountVnd > refundableVnd) {
      const what = input.orderItemId === undefined ? "this part's goods" : 'this item';
      throw new AppError('VALIDATION_FAILED', {
        message: `at most ${Math.max(refundableVnd, 0)} đồng is left to refund of ${what}`,
        details: [
          {
            path: 'amountVnd',
            code: 'exceeds_refundable',
            message: `at most ${Math.max(refundableVnd, 0)}`,
            refundableVnd: Math.max(refundableVnd, 0),
          },
        ],
      });
    }

    const [refund] = await repo.insertRefunds(tx, [
      {
        id: newId('ref'),
        orderId: order.id,
        paymentId: payment.id,
        fulfilmentId,
        orderItemId: input.orderItemId ?? null,
        method: payment.method,
        amountVnd: input.amountVnd,
        // Cash: the seller handed it back (that is what this records), so it is done.
        status: isCash ? 'completed' : 'pending',
        reason: 'after_delivery',
        sellerNote: input.note,
        requestedByUserId: user.userId,
        completedByUserId: isCash ? user.userId : null,
        completedAt: isCash ? now : null,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    if (!refund) throw new Error('refund not written');
    await addOrderRefundDue(tx, { orderId: order.id, amountVnd: input.amountVnd, now });
    await deps.jobs.enqueueMany(tx, [
      PAYMENT_JOBS.refundNotice.job({ refundId: refund.id }, { dedupeKey: `refund-notice:${refund.id}` }),
    ]);
    if (isCash) {
      const cashPayment = await repo.lockPayment(tx, payment.id);
      await repo.updatePayment(tx, payment.id, {
        refundedVnd: cashPayment.refundedVnd + input.amountVnd,
        updatedAt: now,
      });
      await settleRefunds(tx, order.id, now);
    } else {
      await queueRefunds(deps, tx, [refund]);
    }
    return refund.id;
  });
  const { rows } = await repo.listRefundsByIds(deps.db, [refundId]);
  return { refund: toRefund(rows[0]!) };
}
