import { type DbOrTx, schema } from '@nongsan/db';
import { and, asc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { SalePart, SaleRefund } from './member-sales.ts';

// Reads of the orders tables (and the payments module's refunds) for the cooperative's reports.
// The orders and payments modules own these tables and every write to them; nothing here changes
// an order or a refund.

const {
  refunds,
  fulfilments,
  orders,
  orderItems,
  orderItemAllocations,
  lots,
  listings,
  cooperativeMembers,
  users,
  stockMovements,
} = schema;

/** One row per lot allocation of an item, with the member whose lot it came from. */
const salePartColumns = {
  fulfilmentId: fulfilments.id,
  orderItemId: orderItems.id,
  lotId: orderItemAllocations.lotId,
  listingId: orderItems.listingId,
  title: orderItems.title,
  unit: orderItems.unit,
  unitPriceVnd: orderItems.unitPriceVnd,
  quantityMilli: orderItemAllocations.quantityMilli,
  lineTotalVnd: orderItems.lineTotalVnd,
  memberId: lots.memberId,
  memberName: cooperativeMembers.name,
};

function salePartsWhere(db: DbOrTx, where: SQL | undefined): Promise<SalePart[]> {
  return db
    .select(salePartColumns)
    .from(fulfilments)
    .innerJoin(orderItems, eq(orderItems.fulfilmentId, fulfilments.id))
    .innerJoin(orderItemAllocations, eq(orderItemAllocations.orderItemId, orderItems.id))
    .innerJoin(lots, eq(lots.id, orderItemAllocations.lotId))
    .leftJoin(cooperativeMembers, eq(cooperativeMembers.id, lots.memberId))
    .where(where);
}

/** Every lot allocation of every item of the cooperative's fulfilments delivered in [start, end). */
export async function findDeliveredSaleParts(
  db: DbOrTx,
  cooperativeId: string,
  range: { start: Date; end: Date },
): Promise<SalePart[]> {
  return salePartsWhere(
    db,
    and(
      eq(fulfilments.sellerId, cooperativeId),
      eq(fulfilments.status, 'delivered'),
      gte(fulfilments.deliveredAt, range.start),
      lt(fulfilments.deliveredAt, range.end),
    ),
  );
}

/** Every lot allocation of the cooperative's `fulfilmentIds`, whenever they were delivered. */
export async function findSalePartsOfFulfilments(
  db: DbOrTx,
  cooperativeId: string,
  fulfilmentIds: readonly string[],
): Promise<SalePart[]> {
  if (fulfilmentIds.length === 0) return [];
  return salePartsWhere(db, and(eq(fulfilments.sellerId, cooperativeId), inArray(fulfilments.id, [...fulfilmentIds])));
}

/**
 * Refunds after delivery of the cooperative's fulfilments created in [start, end), whatever their
 * progress (pending ones are owed back all the same). Refunds of cancelled parts are left out:
 * a cancelled part was never a sale.
 */
export async function findRefundsAfterDelivery(
  db: DbOrTx,
  cooperativeId: string,
  range: { start: Date; end: Date },
): Promise<SaleRefund[]> {
  const rows = await db
    .select({
      refundId: refunds.id,
      fulfilmentId: fulfilments.id,
      orderItemId: refunds.orderItemId,
      amountVnd: refunds.amountVnd,
    })
    .from(refunds)
    .innerJoin(fulfilments, eq(fulfilments.id, refunds.fulfilmentId))
    .where(
      and(
        eq(fulfilments.sellerId, cooperativeId),
        eq(refunds.reason, 'after_delivery'),
        gte(refunds.createdAt, range.start),
        lt(refunds.createdAt, range.end),
      ),
    );
  return rows;
}

/** A member's lots with what has been sold from each: units out in sales less units released back. */
export async function findLotsOfMember(db: DbOrTx, memberId: string) {
  const sold = db
    .select({
      lotId: stockMovements.lotId,
      soldMilli: sql<number>`(-sum(${stockMovements.deltaMilli}))::int`.as('sold_milli'),
    })
    .from(stockMovements)
    .where(inArray(stockMovements.kind, ['sale', 'release']))
    .groupBy(stockMovements.lotId)
    .as('sold');
  return db
    .select({
      id: lots.id,
      traceCode: lots.traceCode,
      listingId: lots.listingId,
      listingTitle: listings.title,
      unit: listings.unit,
      quantityMilli: lots.quantityMilli,
      onHandMilli: lots.onHandMilli,
      soldMilli: sql<number>`coalesce(${sold.soldMilli}, 0)`,
      harvestedAt: lots.harvestedAt,
      expiresAt: lots.expiresAt,
      createdAt: lots.createdAt,
    })
    .from(lots)
    .innerJoin(listings, eq(listings.id, lots.listingId))
    .leftJoin(sold, eq(sold.lotId, lots.id))
    .where(eq(lots.memberId, memberId))
    .orderBy(sql`${lots.createdAt} DESC`, asc(lots.id));
}

export type PackingFulfilmentRow = Awaited<ReturnType<typeof findPackingFulfilments>>[number];

/**
 * The cooperative's fulfilments for a day's packing: every one confirmed (by the end of the day)
 * and not yet handed over, and those handed over (shipped) during the day.
 */
export async function findPackingFulfilments(db: DbOrTx, cooperativeId: string, range: { start: Date; end: Date }) {
  return db
    .select({
      id: fulfilments.id,
      orderId: fulfilments.orderId,
      orderCode: orders.code,
      status: fulfilments.status,
      deliveryMethod: fulfilments.deliveryMethod,
      confirmedAt: fulfilments.confirmedAt,
      shippedAt: fulfilments.shippedAt,
      buyerName: users.name,
      recipientName: fulfilments.recipientName,
      recipientPhone: fulfilments.recipientPhone,
      provinceId: fulfilments.provinceId,
      commune: fulfilments.commune,
      street: fulfilments.street,
      pickupAddress: fulfilments.pickupAddress,
      pickupHours: fulfilments.pickupHours,
    })
    .from(fulfilments)
    .innerJoin(orders, eq(orders.id, fulfilments.orderId))
    .innerJoin(users, eq(users.id, orders.buyerUserId))
    .where(
      and(
        eq(fulfilments.sellerId, cooperativeId),
        or(
          and(eq(fulfilments.status, 'confirmed'), lt(fulfilments.confirmedAt, range.end)),
          and(
            inArray(fulfilments.status, ['shipped', 'delivered']),
            gte(fulfilments.shippedAt, range.start),
            lt(fulfilments.shippedAt, range.end),
          ),
        ),
      ),
    )
    .orderBy(asc(fulfilments.confirmedAt), asc(fulfilments.id));
}

/** Items of fulfilments with the lots each took (first expiring first), and whose lots they are. */
export async function findPackingItems(db: DbOrTx, fulfilmentIds: readonly string[]) {
  if (fulfilmentIds.length === 0) return [];
  return db
    .select({
      fulfilmentId: orderItems.fulfilmentId,
      orderItemId: orderItems.id,
      position: orderItems.position,
      listingId: orderItems.listingId,
      title: orderItems.title,
      unit: orderItems.unit,
      quantityMilli: orderItems.quantityMilli,
      lotId: lots.id,
      traceCode: lots.traceCode,
      lotQuantityMilli: orderItemAllocations.quantityMilli,
      expiresAt: lots.expiresAt,
      memberId: lots.memberId,
      memberName: cooperativeMembers.name,
    })
    .from(orderItems)
    .leftJoin(orderItemAllocations, eq(orderItemAllocations.orderItemId, orderItems.id))
    .leftJoin(lots, eq(lots.id, orderItemAllocations.lotId))
    .leftJoin(cooperativeMembers, eq(cooperativeMembers.id, lots.memberId))
    .where(inArray(orderItems.fulfilmentId, [...fulfilmentIds]))
    .orderBy(
      asc(orderItems.fulfilmentId),
      asc(orderItems.position),
      sql`${lots.expiresAt} ASC NULLS LAST`,
      asc(lots.id),
    );
}
