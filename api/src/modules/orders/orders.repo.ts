import { type DbOrTx, schema, type Tx } from '@nongsan/db';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';

const { orders, fulfilments, orderItems, orderItemAllocations, idempotencyKeys, listings, sellers, users } = schema;
const { cooperativeMembers } = schema;

export type OrderRow = typeof orders.$inferSelect;
export type FulfilmentRow = typeof fulfilments.$inferSelect;
export type OrderItemRow = typeof orderItems.$inferSelect;
export type FulfilmentStatus = FulfilmentRow['status'];

// ---- idempotency ----------------------------------------------------------------------------

/**
 * Claims a key for this transaction. Another transaction holding the same key (not yet committed)
 * makes this wait on the primary key; once it commits, the claim fails (false) and the caller
 * replays its stored answer; if it rolled back, the claim succeeds.
 */
export async function claimIdempotencyKey(
  tx: Tx,
  values: { userId: string; key: string; requestHash: string; createdAt: Date },
): Promise<boolean> {
  const rows = await tx
    .insert(idempotencyKeys)
    .values(values)
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return rows.length === 1;
}

export async function findIdempotencyKey(db: DbOrTx, userId: string, key: string) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .limit(1);
  return row ?? null;
}

// ---- placing --------------------------------------------------------------------------------

/**
 * The listings of a cart with their sellers' delivery terms, in one query. `isOwn`: the viewer is
 * the seller's owner or an active manager or staff member (whoever could confirm the order).
 */
export async function findCartListings(db: DbOrTx, listingIds: readonly string[], viewerUserId: string | null) {
  if (listingIds.length === 0) return [];
  const isOwn =
    viewerUserId === null
      ? sql<boolean>`false`
      : sql<boolean>`(${sellers.ownerUserId} = ${viewerUserId} OR EXISTS (
          SELECT 1 FROM ${cooperativeMembers}
          WHERE ${cooperativeMembers.cooperativeId} = ${sellers.id} AND ${cooperativeMembers.userId} = ${viewerUserId}
            AND ${cooperativeMembers.status} = 'active' AND ${cooperativeMembers.role} IN ('manager', 'staff')))`;
  return db
    .select({
      id: listings.id,
      title: listings.title,
      unit: listings.unit,
      priceVnd: listings.priceVnd,
      soldBy: listings.soldBy,
      minOrderMilli: listings.minOrderMilli,
      quantityStepMilli: listings.quantityStepMilli,
      pricedAtPacking: listings.pricedAtPacking,
      estimatedWeightMilli: listings.estimatedWeightMilli,
      weightTolerancePct: listings.weightTolerancePct,
      status: listings.status,
      shippingWeightGrams: listings.shippingWeightGrams,
      seller: {
        id: sellers.id,
        name: sellers.name,
        kind: sellers.kind,
        provinceId: sellers.provinceId,
        pickupAddress: sellers.pickupAddress,
        pickupHours: sellers.pickupHours,
        offersDelivery: sellers.offersDelivery,
        deliveryFeeVnd: sellers.deliveryFeeVnd,
        freeDeliveryOverVnd: sellers.freeDeliveryOverVnd,
      },
      isOwn,
      // The buyer's name for the order's answer, here rather than in a round trip of its own.
      buyerName:
        viewerUserId === null
          ? sql<string | null>`null`
          : sql<string | null>`(SELECT u.name FROM ${users} u WHERE u.id = ${viewerUserId})`,
    })
    .from(listings)
    .innerJoin(sellers, eq(sellers.id, listings.sellerId))
    .where(inArray(listings.id, [...listingIds]));
}
export type CartListingRow = Awaited<ReturnType<typeof findCartListings>>[number];

/**
 * Writes a placed order and stores its answer under the idempotency key, in ONE statement: the
 * inserts are parts of a WITH (parents before children; foreign keys are checked at the end of the
 * statement, when every part's rows exist) and the key's UPDATE is the statement itself.
 */
export async function insertPlacedOrder(
  tx: Tx,
  rows: {
    order: typeof orders.$inferInsert;
    fulfilments: (typeof fulfilments.$inferInsert)[];
    items: (typeof orderItems.$inferInsert)[];
    allocations: (typeof orderItemAllocations.$inferInsert)[];
  },
  answer: { userId: string; key: string; status: number; body: unknown },
): Promise<void> {
  const parts = [
    tx.insert(orders).values(rows.order).getSQL(),
    tx.insert(fulfilments).values(rows.fulfilments).getSQL(),
    tx.insert(orderItems).values(rows.items).getSQL(),
    ...(rows.allocations.length > 0 ? [tx.insert(orderItemAllocations).values(rows.allocations).getSQL()] : []),
  ];
  const save = tx
    .update(idempotencyKeys)
    .set({ responseStatus: answer.status, responseBody: answer.body })
    .where(and(eq(idempotencyKeys.userId, answer.userId), eq(idempotencyKeys.key, answer.key)))
    .getSQL();
  const ctes = sql.join(
    parts.map((part, i) => sql`${sql.raw(`part${i}`)} AS (${part})`),
    sql`, `,
  );
  await tx.execute(sql`WITH ${ctes} ${save}`);
}

// ---- locking and moving ---------------------------------------------------------------------

/**
 * Every change to an existing order locks the order row first, then the fulfilments it changes
 * (in id order), then listings (inventory's order). One fixed order for buyer cancels, seller
 * moves and deadline jobs, so they queue behind each other instead of deadlocking.
 */
export async function lockOrder(tx: Tx, orderId: string): Promise<OrderRow | null> {
  const [row] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  return row ?? null;
}

export async function lockFulfilmentsOfOrder(tx: Tx, orderId: string): Promise<FulfilmentRow[]> {
  return tx
    .select()
    .from(fulfilments)
    .where(eq(fulfilments.orderId, orderId))
    .orderBy(asc(fulfilments.id))
    .for('update');
}

export async function findOrderRow(db: DbOrTx, orderId: string): Promise<OrderRow | null> {
  const [row] = await db.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  return row ?? null;
}

export async function findFulfilmentsOfOrder(db: DbOrTx, orderId: string): Promise<FulfilmentRow[]> {
  return db.select().from(fulfilments).where(eq(fulfilments.orderId, orderId)).orderBy(asc(fulfilments.id));
}

export async function findFulfilmentRef(db: DbOrTx, fulfilmentId: string) {
  const [row] = await db
    .select({ id: fulfilments.id, orderId: fulfilments.orderId, sellerId: fulfilments.sellerId })
    .from(fulfilments)
    .where(eq(fulfilments.id, fulfilmentId))
    .limit(1);
  return row ?? null;
}

export async function updateFulfilments(
  tx: Tx,
  fulfilmentIds: readonly string[],
  values: Partial<typeof fulfilments.$inferInsert>,
): Promise<void> {
  if (fulfilmentIds.length === 0) return;
  await tx
    .update(fulfilments)
    .set(values)
    .where(inArray(fulfilments.id, [...fulfilmentIds]));
}

export async function updateOrder(tx: Tx, orderId: string, values: Partial<typeof orders.$inferInsert>) {
  await tx.update(orders).set(values).where(eq(orders.id, orderId));
}

/** The lots each listing of these fulfilments' items came from: what a cancellation gives back. */
export async function findAllocationsOfFulfilments(tx: Tx, fulfilmentIds: readonly string[]) {
  if (fulfilmentIds.length === 0) return [];
  return tx
    .select({
      listingId: orderItems.listingId,
      lotId: orderItemAllocations.lotId,
      quantityMilli: orderItemAllocations.quantityMilli,
    })
    .from(orderItemAllocations)
    .innerJoin(orderItems, eq(orderItems.id, orderItemAllocations.orderItemId))
    .where(inArray(orderItems.fulfilmentId, [...fulfilmentIds]));
}

// ---- reading --------------------------------------------------------------------------------

const orderWithBuyer = {
  order: orders,
  buyerName: users.name,
  buyerPhone: users.phone,
};

export async function findOrder(db: DbOrTx, orderId: string) {
  const [row] = await db
    .select(orderWithBuyer)
    .from(orders)
    .innerJoin(users, eq(users.id, orders.buyerUserId))
    .where(eq(orders.id, orderId))
    .limit(1);
  return row ?? null;
}
export type OrderWithBuyer = NonNullable<Awaited<ReturnType<typeof findOrder>>>;

export async function listOrdersOfBuyer(db: DbOrTx, buyerUserId: string, page: { limit: number; offset: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select(orderWithBuyer)
      .from(orders)
      .innerJoin(users, eq(users.id, orders.buyerUserId))
      .where(eq(orders.buyerUserId, buyerUserId))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: count() }).from(orders).where(eq(orders.buyerUserId, buyerUserId)),
  ]);
  return { rows, total: total?.n ?? 0 };
}

const fulfilmentWithSeller = {
  fulfilment: fulfilments,
  seller: { id: sellers.id, name: sellers.name, kind: sellers.kind, provinceId: sellers.provinceId },
};

/** Fulfilments of these orders (all, or only `sellerIds`' ones), with their sellers. */
export async function findFulfilmentsOfOrders(
  db: DbOrTx,
  orderIds: readonly string[],
  sellerIds: readonly string[] | null = null,
) {
  if (orderIds.length === 0) return [];
  return db
    .select(fulfilmentWithSeller)
    .from(fulfilments)
    .innerJoin(sellers, eq(sellers.id, fulfilments.sellerId))
    .where(
      and(
        inArray(fulfilments.orderId, [...orderIds]),
        sellerIds === null ? undefined : inArray(fulfilments.sellerId, [...sellerIds]),
      ),
    )
    .orderBy(asc(fulfilments.createdAt), asc(fulfilments.id));
}
export type FulfilmentWithSeller = Awaited<ReturnType<typeof findFulfilmentsOfOrders>>[number];

/** A seller's fulfilments, newest first, with their orders and buyers. */
export async function listFulfilmentsOfSeller(
  db: DbOrTx,
  options: { sellerId: string; status: FulfilmentStatus | undefined; limit: number; offset: number },
) {
  const where = and(
    eq(fulfilments.sellerId, options.sellerId),
    options.status === undefined ? undefined : eq(fulfilments.status, options.status),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ ...fulfilmentWithSeller, ...orderWithBuyer })
      .from(fulfilments)
      .innerJoin(sellers, eq(sellers.id, fulfilments.sellerId))
      .innerJoin(orders, eq(orders.id, fulfilments.orderId))
      .innerJoin(users, eq(users.id, orders.buyerUserId))
      .where(where)
      .orderBy(desc(fulfilments.createdAt), desc(fulfilments.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ n: count() }).from(fulfilments).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findFulfilmentWithOrder(db: DbOrTx, fulfilmentId: string) {
  const [row] = await db
    .select({ ...fulfilmentWithSeller, ...orderWithBuyer })
    .from(fulfilments)
    .innerJoin(sellers, eq(sellers.id, fulfilments.sellerId))
    .innerJoin(orders, eq(orders.id, fulfilments.orderId))
    .innerJoin(users, eq(users.id, orders.buyerUserId))
    .where(eq(fulfilments.id, fulfilmentId))
    .limit(1);
  return row ?? null;
}

export async function findItemsOfFulfilments(db: DbOrTx, fulfilmentIds: readonly string[]): Promise<OrderItemRow[]> {
  if (fulfilmentIds.length === 0) return [];
  return db
    .select()
    .from(orderItems)
    .where(inArray(orderItems.fulfilmentId, [...fulfilmentIds]))
    .orderBy(asc(orderItems.position));
}

/** Everything a notice about one fulfilment needs: codes, names, and the two phones. */
export async function findNoticeData(db: DbOrTx, fulfilmentId: string) {
  const [row] = await db
    .select({
      fulfilmentId: fulfilments.id,
      status: fulfilments.status,
      deliveryMethod: fulfilments.deliveryMethod,
      confirmBy: fulfilments.confirmBy,
      totalVnd: fulfilments.totalVnd,
      cancelReason: fulfilments.cancelReason,
      orderCode: orders.code,
      buyerPhone: users.phone,
      sellerName: sellers.name,
      sellerPhone: sql<string>`(SELECT u.phone FROM ${users} u WHERE u.id = ${sellers.ownerUserId})`,
      itemCount: sql<number>`(SELECT count(*)::int FROM ${orderItems} WHERE ${orderItems.fulfilmentId} = ${fulfilments.id})`,
    })
    .from(fulfilments)
    .innerJoin(orders, eq(orders.id, fulfilments.orderId))
    .innerJoin(users, eq(users.id, orders.buyerUserId))
    .innerJoin(sellers, eq(sellers.id, fulfilments.sellerId))
    .where(eq(fulfilments.id, fulfilmentId))
    .limit(1);
  return row ?? null;
}

/** A weighed line: its final weight and the price that follows it (the line-total CHECK holds them together). */
export async function updateItemWeight(
  tx: Tx,
  itemId: string,
  values: { finalWeightMilli: number; lineTotalVnd: number },
) {
  await tx.update(orderItems).set(values).where(eq(orderItems.id, itemId));
}
