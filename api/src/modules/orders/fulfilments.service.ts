import {
  canCancel,
  deriveOrderStatus,
  nextStatusBySeller,
  type Order,
  type SellerAction,
  type SellerFulfilment,
} from '@nongsan/contracts';
import type { Tx } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import { releaseAllocationsMany } from '../inventory/index.ts';
import type { OrderDeps } from './order-payment-hooks.ts';
import { getOrder } from './order-reads.service.ts';
import { addHours, confirmationJobs, type JobSpec, noticeJob } from './order-schedule.ts';
import { toSellerFulfilment } from './order-views.ts';
import * as repo from './orders.repo.ts';

type CancelReason = NonNullable<repo.FulfilmentRow['cancelReason']>;

const fulfilmentNotFound = () => new AppError('NOT_FOUND', { message: 'fulfilment not found' });

/**
 * Cancels `targets` (fulfilments of `order`, locked by the caller, each in a state that allows it):
 * returns their units to the lots they came from (ledger `release` rows, through inventory so the
 * listing's status follows), settles the order's money, and tells the other side.
 *
 * Refund hook: when the order was paid, what the cancelled parts cost is added to
 * `refund_due_vnd` and the payment becomes `refund_pending`; the payments module (through
 * `orderPayments.cancelled`, in this transaction) writes a refund per cancelled part and pays it
 * out. Nothing here calls a payment provider.
 */
async function cancelInTx(
  deps: OrderDeps,
  tx: Tx,
  options: {
    order: repo.OrderRow;
    all: readonly repo.FulfilmentRow[];
    targets: readonly repo.FulfilmentRow[];
    reason: CancelReason;
    actorUserId: string | null;
    now: Date;
  },
): Promise<void> {
  const { order, targets, now } = options;
  const ids = targets.map((f) => f.id);
  await repo.updateFulfilments(tx, ids, {
    status: 'cancelled',
    cancelledAt: now,
    cancelReason: options.reason,
    updatedAt: now,
  });

  const releases = new Map<string, { lotId: string; quantityMilli: number }[]>();
  for (const a of await repo.findAllocationsOfFulfilments(tx, ids)) {
    releases.set(a.listingId, [
      ...(releases.get(a.listingId) ?? []),
      { lotId: a.lotId, quantityMilli: a.quantityMilli },
    ]);
  }
  await releaseAllocationsMany(tx, {
    releases: [...releases].map(([listingId, allocations]) => ({ listingId, allocations })),
    authorUserId: options.actorUserId,
    orderId: order.id,
    now,
  });

  const cancelled = new Set(ids);
  const allCancelled = options.all.every((f) => cancelled.has(f.id) || f.status === 'cancelled');
  const cancelledVnd = targets.reduce((sum, f) => sum + f.totalVnd, 0);
  if (order.paymentStatus === 'paid' || order.paymentStatus === 'refund_pending') {
    await repo.updateOrder(tx, order.id, {
      paymentStatus: 'refund_pending',
      refundDueVnd: Math.min(order.totalVnd, order.refundDueVnd + cancelledVnd),
      updatedAt: now,
    });
  } else if (order.paymentStatus === 'pending' && allCancelled) {
    await repo.updateOrder(tx, order.id, { paymentStatus: 'cancelled', updatedAt: now });
  } else {
    await repo.updateOrder(tx, order.id, { updatedAt: now });
  }
  await deps.orderPayments.cancelled(deps, tx, { orderId: order.id, actorUserId: options.actorUserId, now });

  // The buyer cancelled: tell the sellers who had heard of it. Otherwise: tell the buyer.
  const notices: JobSpec[] =
    options.reason === 'buyer'
      ? targets.filter((f) => f.status !== 'awaiting_payment').map((f) => noticeJob('cancelled_by_buyer', f.id))
      : targets.map((f) => noticeJob('cancelled', f.id));
  await deps.jobs.enqueueMany(tx, notices);
}

/**
 * Locks the order, then all its fulfilments (the fixed order of every change to an order). The
 * payments module takes these locks the same way before it locks a payment row.
 */
export async function lockOrderWithFulfilments(tx: Tx, orderId: string) {
  const order = await repo.lockOrder(tx, orderId);
  if (!order) return null;
  return { order, all: await repo.lockFulfilmentsOfOrder(tx, orderId) };
}

const TIMESTAMP_OF = { confirm: 'confirmedAt', ship: 'shippedAt', deliver: 'deliveredAt' } as const;
const NOTICE_OF = { confirm: 'confirmed', ship: 'shipped', deliver: 'delivered' } as const;

/**
 * A seller's team moves its fulfilment on: confirm, ship, deliver or cancel. A move the state
 * machine does not allow from the current status is 409 INVALID_TRANSITION; a caller who is not
 * on that seller's team gets 404. Cancelling returns the stock; the buyer is told of every move.
 */
export async function moveFulfilment(
  deps: OrderDeps,
  user: SessionUser,
  fulfilmentId: string,
  action: SellerAction,
): Promise<SellerFulfilment> {
  await requireAccess(deps.db, user, 'fulfilment.ship', fulfilmentId);
  const ref = await repo.findFulfilmentRef(deps.db, fulfilmentId);
  if (!ref) throw fulfilmentNotFound();
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const locked = await lockOrderWithFulfilments(tx, ref.orderId);
    const fulfilment = locked?.all.find((f) => f.id === fulfilmentId);
    if (!locked || !fulfilment) throw fulfilmentNotFound();
    const next = nextStatusBySeller(fulfilment.status, action);
    if (!next) {
      throw new AppError('INVALID_TRANSITION', {
        message: `cannot ${action} a fulfilment that is ${fulfilment.status}`,
        details: { fulfilmentId, status: fulfilment.status, action },
      });
    }
    if (action === 'cancel') {
      await cancelInTx(deps, tx, {
        order: locked.order,
        all: locked.all,
        targets: [fulfilment],
        reason: 'seller',
        actorUserId: user.userId,
        now,
      });
      return;
    }
    // Cash on delivery is not paid by the handover itself: its seller records the cash
    // (payments' cash-collected), and the order is paid once every live part's cash is in.
    await repo.updateFulfilments(tx, [fulfilmentId], { status: next, [TIMESTAMP_OF[action]]: now, updatedAt: now });
    await deps.jobs.enqueueMany(tx, [noticeJob(NOTICE_OF[action], fulfilmentId)]);
  });
  return getSellerFulfilment(deps, fulfilmentId);
}

/** One fulfilment as its seller's team sees it (access is the caller's to check first). */
export async function getSellerFulfilment(deps: OrderDeps, fulfilmentId: string): Promise<SellerFulfilment> {
  const row = await repo.findFulfilmentWithOrder(deps.db, fulfilmentId);
  if (!row) throw fulfilmentNotFound();
  const [items, [payment]] = await Promise.all([
    repo.findItemsOfFulfilments(deps.db, [fulfilmentId]),
    deps.orderPayments.views(deps, deps.db, [{ order: row.order, viewer: 'seller', fulfilments: [row.fulfilment] }]),
  ]);
  return toSellerFulfilment(row, items, payment!);
}

/**
 * The buyer cancels: every fulfilment not yet shipped is cancelled and its stock returns. Nothing
 * left to cancel (all shipped, delivered or cancelled) is 409 INVALID_TRANSITION. Another user: 404.
 */
export async function cancelOrderByBuyer(deps: OrderDeps, user: SessionUser, orderId: string): Promise<Order> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const locked = await lockOrderWithFulfilments(tx, orderId);
    if (!locked || locked.order.buyerUserId !== user.userId) {
      throw new AppError('NOT_FOUND', { message: 'order not found' });
    }
    const targets = locked.all.filter((f) => canCancel(f.status));
    if (targets.length === 0) {
      throw new AppError('INVALID_TRANSITION', {
        message: 'nothing left to cancel: every part is shipped, delivered or cancelled',
        details: { orderId, status: deriveOrderStatus(locked.all.map((f) => f.status)) },
      });
    }
    await cancelInTx(deps, tx, { ...locked, targets, reason: 'buyer', actorUserId: user.userId, now });
  });
  return getOrder(deps, user, orderId);
}

// ---- deadlines and the payments hook --------------------------------------------------------

/**
 * Payment deadline job: an order still unpaid at its deadline is cancelled and its stock returns.
 * Idempotent: an order paid, cancelled or already expired is left alone. Returns whether it acted.
 */
export async function expireUnpaidOrder(deps: OrderDeps, orderId: string, now: Date): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const locked = await lockOrderWithFulfilments(tx, orderId);
    if (!locked) return false;
    const { order } = locked;
    if (order.paymentStatus !== 'pending' || !order.paymentDeadlineAt || order.paymentDeadlineAt > now) return false;
    const targets = locked.all.filter((f) => f.status === 'awaiting_payment');
    if (targets.length === 0) return false;
    await cancelInTx(deps, tx, { ...locked, targets, reason: 'payment_deadline', actorUserId: null, now });
    return true;
  });
}

/**
 * Confirmation deadline job: a fulfilment its seller has not confirmed in time is cancelled, its
 * stock returns and the buyer is told. Idempotent: anything but a still-waiting, overdue
 * fulfilment is left alone.
 */
export async function expireUnconfirmedFulfilment(deps: OrderDeps, fulfilmentId: string, now: Date): Promise<boolean> {
  const ref = await repo.findFulfilmentRef(deps.db, fulfilmentId);
  if (!ref) return false;
  return deps.db.transaction(async (tx) => {
    const locked = await lockOrderWithFulfilments(tx, ref.orderId);
    const fulfilment = locked?.all.find((f) => f.id === fulfilmentId);
    if (!locked || !fulfilment) return false;
    if (fulfilment.status !== 'awaiting_confirmation' || !fulfilment.confirmBy || fulfilment.confirmBy > now) {
      return false;
    }
    await cancelInTx(deps, tx, {
      ...locked,
      targets: [fulfilment],
      reason: 'confirmation_deadline',
      actorUserId: null,
      now,
    });
    return true;
  });
}

export type PaymentOutcome = 'paid' | 'already_paid' | 'too_late';

/**
 * Hook for the payments work, inside its transaction: refunds of `refundedVnd` đồng in all have
 * been paid back. Once that covers what the order owes back, its payment is settled: `refunded`
 * when nothing of the order is left, else `paid` again (the parts still coming were paid for).
 * Returns whether the status changed.
 */
export async function settleOrderRefunds(
  tx: Tx,
  options: { orderId: string; refundedVnd: number; now: Date },
): Promise<boolean> {
  const locked = await lockOrderWithFulfilments(tx, options.orderId);
  if (!locked) throw new AppError('NOT_FOUND', { message: 'order not found' });
  const { order } = locked;
  if (order.paymentStatus !== 'refund_pending' || options.refundedVnd < order.refundDueVnd) return false;
  const allCancelled = locked.all.every((f) => f.status === 'cancelled');
  await repo.updateOrder(tx, order.id, {
    paymentStatus: allCancelled ? 'refunded' : 'paid',
    updatedAt: options.now,
  });
  return true;
}

/**
 * Hook for the payments work, inside its transaction (order and fulfilments locked): a seller gives
 * back `amountVnd` of a delivered part. It is owed back like a cancelled part's money: it adds to
 * `refund_due_vnd`, and a paid order's payment is `refund_pending` until the refunds cover it
 * (settleOrderRefunds then makes it `paid` again: a delivered part is never cancelled, so never
 * `refunded`). Cash on delivery not yet collected from every part stays `pending`: markOrderPaid
 * pays it once the last cash is in, with the refund already counted.
 */
export async function addOrderRefundDue(
  tx: Tx,
  options: { orderId: string; amountVnd: number; now: Date },
): Promise<void> {
  const locked = await lockOrderWithFulfilments(tx, options.orderId);
  if (!locked) throw new AppError('NOT_FOUND', { message: 'order not found' });
  const { order } = locked;
  const isPaid = order.paymentStatus === 'paid' || order.paymentStatus === 'refund_pending';
  await repo.updateOrder(tx, order.id, {
    ...(isPaid ? { paymentStatus: 'refund_pending' as const } : {}),
    refundDueVnd: order.refundDueVnd + options.amountVnd,
    updatedAt: options.now,
  });
}

/**
 * Hook for the payments work, inside its transaction (the one applying the provider's event): the
 * order's money arrived. Its fulfilments start waiting for their sellers (told now, reminded at
 * half-time, cancelled at the deadline). Money for an order already cancelled (paid after its
 * deadline) is `too_late`: the whole total becomes refund due.
 */
export async function markOrderPaid(deps: OrderDeps, tx: Tx, orderId: string, now: Date): Promise<PaymentOutcome> {
  const locked = await lockOrderWithFulfilments(tx, orderId);
  if (!locked) throw new AppError('NOT_FOUND', { message: 'order not found' });
  const { order } = locked;
  if (order.paymentStatus !== 'pending' && order.paymentStatus !== 'cancelled') return 'already_paid';
  if (order.paymentStatus === 'cancelled') {
    await repo.updateOrder(tx, orderId, {
      paymentStatus: 'refund_pending',
      paidAt: now,
      refundDueVnd: order.totalVnd,
      updatedAt: now,
    });
    return 'too_late';
  }
  const waiting = locked.all.filter((f) => f.status === 'awaiting_payment');
  const confirmBy = addHours(now, deps.env.orders.confirmationDeadlineHours);
  await repo.updateFulfilments(
    tx,
    waiting.map((f) => f.id),
    { status: 'awaiting_confirmation', confirmBy, updatedAt: now },
  );
  await repo.updateOrder(tx, orderId, { paymentStatus: 'paid', paidAt: now, updatedAt: now });
  await deps.jobs.enqueueMany(
    tx,
    waiting.flatMap((f) => confirmationJobs(f.id, now, confirmBy)),
  );
  return 'paid';
}
