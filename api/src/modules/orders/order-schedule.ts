import { z } from 'zod';
import { defineJob, idOf, type JobSpec } from '../../lib/jobs/index.ts';

export const NOTICE_EVENTS = [
  'new_order',
  'confirmation_reminder',
  'confirmed',
  'shipped',
  'delivered',
  'cancelled',
  'cancelled_by_buyer',
] as const;

export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

/** Job kinds of the orders module and their payloads (handlers in order-jobs.ts). */
export const ORDER_JOBS = {
  /** Sends one notice about a fulfilment; checks it still applies when it runs. */
  notify: defineJob(
    'orders.notify',
    z.object({ event: z.enum(NOTICE_EVENTS), fulfilmentId: idOf('ful') }),
    // An SMS to a slow gateway: leased short and renewed while it runs.
    { leaseMs: 30_000 },
  ),
  /** Cancels an order still unpaid at its payment deadline and returns its stock. */
  paymentDeadline: defineJob('orders.payment_deadline', z.object({ orderId: idOf('ord') })),
  /** Cancels a fulfilment its seller has not confirmed by its deadline and returns its stock. */
  confirmationDeadline: defineJob('orders.confirmation_deadline', z.object({ fulfilmentId: idOf('ful') })),
} as const;

export type { JobSpec };

/**
 * A notice as a job, enqueued in the transaction that made it true: it exists only if that
 * commits, and an SMS gateway that fails is retried by the queue without touching the order.
 */
export function noticeJob(event: NoticeEvent, fulfilmentId: string, runAt?: Date): JobSpec {
  return ORDER_JOBS.notify.job(
    { event, fulfilmentId },
    { dedupeKey: `order-notice:${event}:${fulfilmentId}`, ...(runAt ? { runAt } : {}) },
  );
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
    ORDER_JOBS.confirmationDeadline.job(
      { fulfilmentId },
      { runAt: confirmBy, dedupeKey: `order-confirm-deadline:${fulfilmentId}` },
    ),
  ];
}

export function paymentDeadlineJob(orderId: string, deadline: Date): JobSpec {
  return ORDER_JOBS.paymentDeadline.job(
    { orderId },
    { runAt: deadline, dedupeKey: `order-payment-deadline:${orderId}` },
  );
}

export const addHours = (date: Date, hours: number) => new Date(date.getTime() + hours * 3_600_000);
export const addMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);
