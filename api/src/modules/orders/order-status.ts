import type { FulfilmentStatus, OrderStatus } from '@nongsan/contracts';

/**
 * What moves a fulfilment: the seller's team (confirm, ship, deliver, cancel), the buyer (cancel),
 * the payments work (`pay`: an online payment arrived) and the deadline jobs (cancel).
 */
export type FulfilmentAction = 'pay' | 'confirm' | 'ship' | 'deliver' | 'cancel';

/**
 * The whole state machine:
 *   awaiting_payment → awaiting_confirmation → confirmed → shipped → delivered
 * and `cancelled` from any state before shipped: once the produce has left the farm, the order
 * runs to delivery (a return is a dispute for an operator, not a cancellation).
 */
export const FULFILMENT_TRANSITIONS: Readonly<
  Record<FulfilmentStatus, Readonly<Partial<Record<FulfilmentAction, FulfilmentStatus>>>>
> = {
  awaiting_payment: { pay: 'awaiting_confirmation', cancel: 'cancelled' },
  awaiting_confirmation: { confirm: 'confirmed', cancel: 'cancelled' },
  confirmed: { ship: 'shipped', cancel: 'cancelled' },
  shipped: { deliver: 'delivered' },
  delivered: {},
  cancelled: {},
};

/** The status `action` moves a fulfilment to from `from`, or null when the move is not allowed. */
export function nextFulfilmentStatus(from: FulfilmentStatus, action: FulfilmentAction): FulfilmentStatus | null {
  return FULFILMENT_TRANSITIONS[from][action] ?? null;
}

export const canCancel = (status: FulfilmentStatus) => nextFulfilmentStatus(status, 'cancel') !== null;

const PROGRESS: readonly FulfilmentStatus[] = [
  'awaiting_payment',
  'awaiting_confirmation',
  'confirmed',
  'shipped',
  'delivered',
];

/**
 * An order's status from its fulfilments: cancelled when all are; otherwise the least advanced
 * of the ones still going (an order is delivered when its last live part is), ignoring cancelled
 * parts. So a buyer sees "confirmed" until every seller has at least confirmed.
 */
export function deriveOrderStatus(statuses: readonly FulfilmentStatus[]): OrderStatus {
  if (statuses.length === 0) throw new Error('an order has at least one fulfilment');
  let least: number | null = null;
  for (const status of statuses) {
    if (status === 'cancelled') continue;
    const rank = PROGRESS.indexOf(status);
    if (least === null || rank < least) least = rank;
  }
  return least === null ? 'cancelled' : (PROGRESS[least] as FulfilmentStatus);
}

/** What a seller's team may do from each status. */
export type SellerAction = 'confirm' | 'ship' | 'deliver' | 'cancel';

/**
 * The move a seller's team may make: the table's, except that a fulfilment awaiting the buyer's
 * payment is not the seller's to act on yet (sellers hear of an online order once it is paid, and
 * an order's parts stay together until then).
 */
export function nextStatusBySeller(from: FulfilmentStatus, action: SellerAction): FulfilmentStatus | null {
  if (from === 'awaiting_payment') return null;
  return nextFulfilmentStatus(from, action);
}
