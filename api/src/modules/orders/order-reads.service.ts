import type { Order, OrderListQuery, OrderPage, SellerFulfilmentPage, SellerOrdersQuery } from '@nongsan/contracts';
import { AppError } from '../../errors.ts';
import { accessibleIds, requireAccess } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import type { OrderDeps } from './order-payment-hooks.ts';
import { groupItems, toOrder, toSellerFulfilment } from './order-views.ts';
import * as repo from './orders.repo.ts';

const orderNotFound = () => new AppError('NOT_FOUND', { message: 'order not found' });

/**
 * One order: its buyer sees all of it; a seller's team sees the order with only its own
 * fulfilments; an operator (who records transfers and refunds) sees all of it but never the
 * buyer's card secret; anyone else gets 404, as if it did not exist.
 */
export async function getOrder(deps: OrderDeps, user: SessionUser, orderId: string): Promise<Order> {
  const row = await repo.findOrder(deps.db, orderId);
  if (!row) throw orderNotFound();
  let fulfilments = await repo.findFulfilmentsOfOrders(deps.db, [orderId]);
  const isBuyer = row.order.buyerUserId === user.userId;
  if (!isBuyer && !user.isOperator) {
    const mine = await accessibleIds(
      deps.db,
      user,
      'fulfilment.read',
      fulfilments.map((f) => f.fulfilment.id),
    );
    fulfilments = fulfilments.filter((f) => mine.has(f.fulfilment.id));
    if (fulfilments.length === 0) throw orderNotFound();
  }
  const viewer = isBuyer ? 'buyer' : user.isOperator ? 'operator' : 'seller';
  const [items, [payment]] = await Promise.all([
    repo.findItemsOfFulfilments(
      deps.db,
      fulfilments.map((f) => f.fulfilment.id),
    ),
    deps.orderPayments.views(deps, deps.db, [
      { order: row.order, viewer, fulfilments: fulfilments.map((f) => f.fulfilment) },
    ]),
  ]);
  return toOrder(row, fulfilments, groupItems(items), payment!, isBuyer ? 'buyer' : 'other');
}

/** The signed-in buyer's orders, newest first. */
export async function listMyOrders(deps: OrderDeps, user: SessionUser, query: OrderListQuery): Promise<OrderPage> {
  const { rows, total } = await repo.listOrdersOfBuyer(deps.db, user.userId, {
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  const fulfilments = await repo.findFulfilmentsOfOrders(
    deps.db,
    rows.map((r) => r.order.id),
  );
  const items = groupItems(
    await repo.findItemsOfFulfilments(
      deps.db,
      fulfilments.map((f) => f.fulfilment.id),
    ),
  );
  const byOrder = new Map<string, repo.FulfilmentWithSeller[]>();
  for (const f of fulfilments) byOrder.set(f.fulfilment.orderId, [...(byOrder.get(f.fulfilment.orderId) ?? []), f]);
  const payments = await deps.orderPayments.views(
    deps,
    deps.db,
    rows.map((row) => ({
      order: row.order,
      viewer: 'buyer' as const,
      fulfilments: (byOrder.get(row.order.id) ?? []).map((f) => f.fulfilment),
    })),
  );
  return {
    orders: rows.map((row, i) => toOrder(row, byOrder.get(row.order.id) ?? [], items, payments[i]!, 'buyer')),
    total,
    page: query.page,
    perPage: query.perPage,
  };
}

/** A seller's fulfilments to handle, newest first; its owner, managers and staff only (others 404). */
export async function listSellerFulfilments(
  deps: OrderDeps,
  user: SessionUser,
  query: SellerOrdersQuery,
): Promise<SellerFulfilmentPage> {
  await requireAccess(deps.db, user, 'seller.team', query.sellerId);
  const { rows, total } = await repo.listFulfilmentsOfSeller(deps.db, {
    sellerId: query.sellerId,
    status: query.status,
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  const [itemRows, payments] = await Promise.all([
    repo.findItemsOfFulfilments(
      deps.db,
      rows.map((r) => r.fulfilment.id),
    ),
    deps.orderPayments.views(
      deps,
      deps.db,
      rows.map((row) => ({ order: row.order, viewer: 'seller' as const, fulfilments: [row.fulfilment] })),
    ),
  ]);
  const items = groupItems(itemRows);
  return {
    fulfilments: rows.map((row, i) => toSellerFulfilment(row, items.get(row.fulfilment.id) ?? [], payments[i]!)),
    total,
    page: query.page,
    perPage: query.perPage,
  };
}
