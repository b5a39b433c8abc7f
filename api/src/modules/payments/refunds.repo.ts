import { type DbOrTx, schema, type Tx } from '@nongsan/db';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';

const { payments, refunds, orders, fulfilments, sellers, users } = schema;

export type RefundRow = typeof refunds.$inferSelect;

// Refunds: money owed back, per fulfilment or per payment, and the operator's list of them.

/** Writes refunds; one already there for a fulfilment (or a duplicate payment) keeps its place. */
export async function insertRefunds(tx: Tx, rows: (typeof refunds.$inferInsert)[]): Promise<RefundRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(refunds).values(rows).onConflictDoNothing().returning();
}

export async function findRefund(db: DbOrTx, refundId: string) {
  const [row] = await db
    .select({ refund: refunds, paymentRef: payments.providerRef })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(eq(refunds.id, refundId))
    .limit(1);
  return row ?? null;
}

export async function lockRefund(tx: Tx, refundId: string): Promise<RefundRow | null> {
  const [row] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
  return row ?? null;
}

/** Moves a refund on only from `from`: a webhook that completed it meanwhile wins over the job. */
export async function updateRefundFrom(
  db: DbOrTx,
  refundId: string,
  from: RefundRow['status'],
  values: Partial<typeof refunds.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(refunds)
    .set(values)
    .where(and(eq(refunds.id, refundId), eq(refunds.status, from)))
    .returning({ id: refunds.id });
  return rows.length === 1;
}

export async function findRefundsOfPayment(tx: Tx, paymentId: string): Promise<RefundRow[]> {
  return tx
    .select()
    .from(refunds)
    .where(eq(refunds.paymentId, paymentId))
    .orderBy(asc(refunds.createdAt), asc(refunds.id));
}

export async function findRefundsOfFulfilment(db: DbOrTx, fulfilmentId: string): Promise<RefundRow[]> {
  return db
    .select()
    .from(refunds)
    .where(eq(refunds.fulfilmentId, fulfilmentId))
    .orderBy(asc(refunds.createdAt), asc(refunds.id));
}

export async function findRefundsOfOrders(db: DbOrTx, orderIds: readonly string[]): Promise<RefundRow[]> {
  if (orderIds.length === 0) return [];
  return db
    .select()
    .from(refunds)
    .where(inArray(refunds.orderId, [...orderIds]));
}

export async function listRefunds(
  db: DbOrTx,
  options: { status: RefundRow['status'] | undefined; ids?: readonly string[]; limit: number; offset: number },
) {
  const where = and(
    options.status === undefined ? undefined : eq(refunds.status, options.status),
    options.ids === undefined ? undefined : inArray(refunds.id, [...options.ids]),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ refund: refunds, orderCode: orders.code, buyerPhone: users.phone, sellerName: sellers.name })
      .from(refunds)
      .innerJoin(orders, eq(orders.id, refunds.orderId))
      .innerJoin(users, eq(users.id, orders.buyerUserId))
      .leftJoin(fulfilments, eq(fulfilments.id, refunds.fulfilmentId))
      .leftJoin(sellers, eq(sellers.id, fulfilments.sellerId))
      .where(where)
      .orderBy(desc(refunds.createdAt), desc(refunds.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ n: count() }).from(refunds).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function listRefundsByIds(db: DbOrTx, ids: readonly string[]) {
  return listRefunds(db, { status: undefined, ids, limit: ids.length, offset: 0 });
}
