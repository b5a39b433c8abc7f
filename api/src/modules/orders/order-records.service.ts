import type { DbOrTx } from '@nongsan/db';
import * as repo from './orders.repo.ts';

// The orders tables as other modules read them (payments settles, refunds and charges orders):
// plain rows, no access checks (the caller has made its own). The orders module alone owns these
// tables; anything else reads them through here, never through a repo of its own.

/** An order's own row, or null. */
export const findOrderRecord = (db: DbOrTx, orderId: string): Promise<repo.OrderRow | null> =>
  repo.findOrderRow(db, orderId);

/** The order and seller a fulfilment belongs to, or null. */
export const findFulfilmentRef = (db: DbOrTx, fulfilmentId: string) => repo.findFulfilmentRef(db, fulfilmentId);

/** Every fulfilment of an order, by id. */
export const findFulfilmentsOfOrder = (db: DbOrTx, orderId: string): Promise<repo.FulfilmentRow[]> =>
  repo.findFulfilmentsOfOrder(db, orderId);

/** A fulfilment's items, in the order they were listed. */
export const findItemsOfFulfilment = (db: DbOrTx, fulfilmentId: string): Promise<repo.OrderItemRow[]> =>
  repo.findItemsOfFulfilments(db, [fulfilmentId]);
