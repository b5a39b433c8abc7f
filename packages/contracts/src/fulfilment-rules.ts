// The fulfilment state machine, written once: the API enforces it, publishes what each viewer may
// do next (`canCancel`, `nextActions`), and the storefront uses it only to show a tap's result at
// once, before the API answers.
import { type FulfilmentStatus, type OrderStatus, type SellerAction, SellerActionSchema } from './orders.ts';

/**
 * What moves a fulfilment: the seller's team (confirm, ship, deliver, cancel), the buyer (cancel),
 * the payments work (`pay`: an online payment arrived) and the deadline jobs (cancel).
 */
export type FulfilmentAction = 'pay' | 'confirm' | 'ship' | 'deliver' | 'cancel';

export const SELLER_ACTIONS: readonly SellerAction[] = SellerActionSchema.options;

/** Each action leads to one status, whatever it starts from. */
const RESULT_OF = {
  pay: 'awaiting_confirmation',
  confirm: 'confirmed',
  ship: 'shipped',
  deliver: 'delivered',
  cancel: 'cancelled',
} as const satisfies Record<FulfilmentAction, FulfilmentStatus>;

/**
 * The whole state machine:
 *   awaiting_payment → awaiting_confirmation → confirmed → shipped → delivered
 * and `cancelled` from any state before shipped: once the produce has left the farm, the order
 * runs to delivery (a return is a dispute for an operator, not a cancellation). Forward move
 * first, cancel last: the order the storefront shows the buttons in.
 */
const ALLOWED: Readonly<Record<FulfilmentStatus, readonly FulfilmentAction[]>> = {
  awaiting_payment: ['pay', 'cancel'],
  awaiting_confirmation: ['confirm', 'cancel'],
  confirmed: ['ship', 'cancel'],
  shipped: ['deliver'],
  delivered: [],
  cancelled: [],
};

export const FULFILMENT_TRANSITIONS: Readonly<
  Record<FulfilmentStatus, Readonly<Partial<Record<FulfilmentAction, FulfilmentStatus>>>>
> = Object.fromEntries(
  Object.entries(ALLOWED).map(([from, actions]) => [
    from,
    Object.fromEntries(actions.map((action) => [action, RESULT_OF[action]])),
  ]),
) as Record<FulfilmentStatus, Partial<Record<FulfilmentAction, FulfilmentStatus>>>;

/** The status `action` moves a fulfilment to from `from`, or null when the move is not allowed. */
export function nextFulfilmentStatus(from: FulfilmentStatus, action: FulfilmentAction): FulfilmentStatus | null {
  return FULFILMENT_TRANSITIONS[from][action] ?? null;
}

/** Before it leaves the farm, a fulfilment can still be cancelled. */
export const canCancel = (status: FulfilmentStatus): boolean => nextFulfilmentStatus(status, 'cancel') !== null;

/** The status an action leads to (the storefront shows it at once, before the API answers). */
export const statusAfter = (action: FulfilmentAction): FulfilmentStatus => RESULT_OF[action];

/**
 * The moves a seller's team may make: the table's, except that a fulfilment awaiting the buyer's
 * payment is not the seller's to act on yet (sellers hear of an online order once it is paid, and
 * an order's parts stay together until then).
 */
export function sellerActionsFrom(from: FulfilmentStatus): SellerAction[] {
  if (from === 'awaiting_payment') return [];
  return ALLOWED[from].filter((action): action is SellerAction => action !== 'pay');
}

export function nextStatusBySeller(from: FulfilmentStatus, action: SellerAction): FulfilmentStatus | null {
  return sellerActionsFrom(from).includes(action) ? RESULT_OF[action] : null;
}

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

/** A buyer may cancel an order while any part of it can still be cancelled (those parts are). */
export const orderCanCancel = (statuses: readonly FulfilmentStatus[]): boolean => statuses.some(canCancel);
