import type { Order, OrderPayment } from '@nongsan/contracts';
import type { DbOrTx, Tx } from '@nongsan/db';
import type { Deps } from '../../deps.ts';
import type { OrderRow } from './orders.repo.ts';

// What the orders module asks of the payments module, as an interface the payments module
// implements (payments/order-payment-hooks.ts) and app-deps.ts wires in. The payments module
// calls into orders (markOrderPaid and the other payment hooks); orders reaches payments only
// through this, so neither imports the other both ways.

/** What the orders module needs from another module, declared here and wired by app-deps.ts. */
export type OrderNeeds = { orderPayments: OrderPaymentHooks };

/** The same as OrderDeps: the payments work calls back into orders (markOrderPaid) with it. */
export type PaymentHookDeps = Pick<Deps, 'db' | 'env' | 'clock' | 'jobs' | 'logger' | 'payments'> & OrderNeeds;

/** What the orders services run with: the infrastructure they use and what they need of payments. */
export type OrderDeps = PaymentHookDeps;

/**
 * Who looks at an order: its buyer or an operator (all of it), or a seller team that sees only
 * `fulfilments`, so only the money of those: what the buyer bought from others stays hidden.
 */
export type PaymentViewRequest = {
  order: OrderRow;
  viewer: 'buyer' | 'seller' | 'operator';
  fulfilments: readonly { id: string; totalVnd: number }[];
};

export type OrderPaymentHooks = {
  /** The payment part of a just-placed order (nothing received, nothing started): no I/O. */
  initialView(deps: PaymentHookDeps, order: OrderRow): OrderPayment;
  /** The payment part of each order, as its viewer may see it, in the order asked. */
  views(deps: PaymentHookDeps, db: DbOrTx, requests: readonly PaymentViewRequest[]): Promise<OrderPayment[]>;
  /**
   * After POST /orders committed (or replayed): starts or resumes the online payment outside any
   * transaction. Returns the buyer's fresh payment view when it changed, else null. A provider
   * that is down does not fail the order: the buyer retries through the payments route.
   */
  afterPlaced(deps: PaymentHookDeps, order: Order): Promise<OrderPayment | null>;
  /**
   * Inside the cancelling transaction (order and fulfilments locked and already updated): owes
   * back what was paid for the cancelled parts, or settles cash on delivery whose last uncollected
   * part was cancelled.
   */
  cancelled(
    deps: PaymentHookDeps,
    tx: Tx,
    change: { orderId: string; actorUserId: string | null; now: Date },
  ): Promise<void>;
};
