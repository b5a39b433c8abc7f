import type { EnqueueOptions } from '../jobs/index.ts';

/** Job kinds of the orders module (handlers in order-jobs.ts). */
export const ORDER_JOBS = {
  /** Sends one notice about a fulfilment; checks it still applies when it runs. */
  notify: 'orders.notify',
  /** Cancels an order still unpaid at its payment deadline and returns its stock. */
  paymentDeadline: 'orders.payment_deadline',
  /** Cancels a fulfilment its seller has not confirmed by its deadline and returns its stock. */
  confirmationDeadline: 'orders.confirmation_deadline',
} as const;

export type NoticeEvent =
  | 'new_order'
  | 'confirmation_reminder'
  | 'confirmed'
  | 'shipped'
  | 'delivered'
  | 'cancelled'
  | 'cancelled_by_buyer';

export type JobSpec = { kind: string; payload: Record<string, unknown> } & EnqueueOptions;

/**
 * A notice as a job, enqueued in the transaction that made it true: it exists only if that
 * commits, and an SMS gateway that fails is retried by the queue without touching the order.
 */
export function noticeJob(event: NoticeEvent, fulfilmentId: string, runAt?: Date): JobSpec {
  return {
    kind: ORDER_JOBS.notify,
    payload: { event, fulfilmentId },
    dedupeKey: `order-notice:${event}:${fulfilmentId}`,
    ...(runAt ? { runAt } : {}),
  };
}

/**
 * What starts when a fulfilment starts waiting for its seller: the seller is told now, reminded at
 * half-time, and the fulfilment is cancelled at the deadline unless confirmed by then.
 */
export function confirmationJobs(fulfilmentId: string, startedAt: Date, confirmBy: Date): JobSpec[] {
  const halfway = new Date(startedAt.getTime() + (confirmBy.getTime() - startedAt.getTime()) / 2);
  return [
    noticeJob('new_order', fulfilmentId),
    noticeJob('confirmation_reminder', fulfilmentId, halfway),
    {
      kind: ORDER_JOBS.confirmationDeadline,
      payload: { fulfilmentId },
      runAt: confirmBy,
      dedupeKey: `order-confirm-deadline:${fulfilmentId}`,
    },
  ];
}

export function paymentDeadlineJob(orderId: string, deadline: Date): JobSpec {
  return {
    kind: ORDER_JOBS.paymentDeadline,
    payload: { orderId },
    runAt: deadline,
    dedupeKey: `order-payment-deadline:${orderId}`,
  };
}

export const addHours = (date: Date, hours: number) => new Date(date.getTime() + hours * 3_600_000);
export const addMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);
