import type { Deps } from '../../deps.ts';
import { expireUnconfirmedFulfilment, expireUnpaidOrder } from './fulfilments.service.ts';
import { createSmsNotifier, type Notifier, type OrderNotice } from './order-notifier.ts';
import type { OrderNeeds } from './order-payment-hooks.ts';
import { type NoticeEvent, ORDER_JOBS } from './order-schedule.ts';
import * as repo from './orders.repo.ts';

/**
 * The notice for `event` about a fulfilment as it is now, or null when it no longer applies: a
 * seller is not told of (or reminded about) an order that is no longer waiting for them.
 */
export async function buildNotice(
  deps: Pick<Deps, 'db'>,
  event: NoticeEvent,
  fulfilmentId: string,
): Promise<OrderNotice | null> {
  const data = await repo.findNoticeData(deps.db, fulfilmentId);
  if (!data) return null;
  switch (event) {
    case 'new_order':
      if (data.status !== 'awaiting_confirmation') return null;
      return {
        event,
        to: data.sellerPhone,
        orderCode: data.orderCode,
        itemCount: data.itemCount,
        totalVnd: data.totalVnd,
        deliveryMethod: data.deliveryMethod,
        confirmBy: data.confirmBy,
      };
    case 'confirmation_reminder':
      if (data.status !== 'awaiting_confirmation' || !data.confirmBy) return null;
      return { event, to: data.sellerPhone, orderCode: data.orderCode, confirmBy: data.confirmBy };
    case 'cancelled_by_buyer':
      return { event, to: data.sellerPhone, orderCode: data.orderCode };
    case 'confirmed':
    case 'shipped':
    case 'delivered':
      return {
        event,
        to: data.buyerPhone,
        orderCode: data.orderCode,
        sellerName: data.sellerName,
        deliveryMethod: data.deliveryMethod,
      };
    case 'cancelled':
      return {
        event,
        to: data.buyerPhone,
        orderCode: data.orderCode,
        sellerName: data.sellerName,
        reason: data.cancelReason ?? 'seller',
      };
  }
}

/**
 * Registers the orders module's jobs. Every handler is idempotent: it re-reads the state under its
 * locks and does nothing when the order has moved on, so a retried or late job is harmless. A
 * notice whose SMS fails throws, and the queue retries it with backoff; the order is untouched.
 */
export function registerOrderJobs(deps: Deps & OrderNeeds, notifier: Notifier = createSmsNotifier(deps.sms)): void {
  deps.jobs.register(ORDER_JOBS.paymentDeadline, async ({ orderId }, { now }) => {
    await expireUnpaidOrder(deps, orderId, now);
  });
  deps.jobs.register(ORDER_JOBS.confirmationDeadline, async ({ fulfilmentId }, { now }) => {
    await expireUnconfirmedFulfilment(deps, fulfilmentId, now);
  });
  deps.jobs.register(ORDER_JOBS.notify, async ({ event, fulfilmentId }) => {
    const notice = await buildNotice(deps, event, fulfilmentId);
    if (notice) await notifier.notify(notice);
  });
}
