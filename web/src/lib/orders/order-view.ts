// Orders as the buyer's pages show them: the API's order with each fulfilment's timeline. Whether
// it can still be cancelled is the API's `canCancel`, shown as it says. Pure.
import type { Order } from '@nongsan/contracts';
import { type TimelineStep, timelineOf } from './timeline.ts';

export type FulfilmentView = Order['fulfilments'][number] & { timeline: TimelineStep[] };
export type OrderView = Omit<Order, 'fulfilments'> & {
  fulfilments: FulfilmentView[];
  /** The words for the order's status: pickup ones only when every part is picked up. */
  statusMethod: 'pickup' | 'delivery';
};

export function toOrderView(order: Order): OrderView {
  const isPaidOnline = order.payment.method !== 'cod';
  return {
    ...order,
    fulfilments: order.fulfilments.map((f) => ({
      ...f,
      timeline: timelineOf({ ...f, createdAt: order.createdAt, isPaidOnline }),
    })),
    statusMethod: order.fulfilments.every((f) => f.delivery.method === 'pickup') ? 'pickup' : 'delivery',
  };
}
