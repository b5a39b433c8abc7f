import { type DbOrTx, schema } from '@nongsan/db';
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';

const { payments, orders, users } = schema;

// The operator's bank-transfer lists: payments joined with their orders in one query, because they
// filter and page across both (decision 0017).

/**
 * Bank-transfer orders a statement credit may pay: not paid yet (still waiting, or cancelled by
 * now: money arriving late is owed back), placed since `since`, with what each has received.
 */
export async function findAwaitedTransfers(db: DbOrTx, since: Date) {
  return db
    .select({
      orderId: orders.id,
      code: orders.code,
      totalVnd: orders.totalVnd,
      receivedVnd: sql<number>`coalesce(${payments.receivedVnd}, 0)`.mapWith(Number),
    })
    .from(orders)
    .leftJoin(payments, and(eq(payments.orderId, orders.id), eq(payments.method, 'bank_transfer')))
    .where(
      and(
        eq(orders.paymentMethod, 'bank_transfer'),
        inArray(orders.paymentStatus, ['pending', 'cancelled']),
        isNull(orders.paidAt),
        gte(orders.createdAt, since),
      ),
    );
}

/** Bank-transfer orders for the operator's list, newest first. */
export async function listBankTransferOrders(
  db: DbOrTx,
  options: { status: 'awaiting' | 'flagged' | 'all'; limit: number; offset: number },
) {
  const where = and(
    eq(orders.paymentMethod, 'bank_transfer'),
    options.status === 'awaiting' ? eq(orders.paymentStatus, 'pending') : undefined,
    options.status === 'flagged' ? isNotNull(payments.flagReason) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ order: orders, buyerPhone: users.phone, payment: payments })
      .from(orders)
      .innerJoin(users, eq(users.id, orders.buyerUserId))
      .leftJoin(payments, and(eq(payments.orderId, orders.id), eq(payments.method, 'bank_transfer')))
      .where(where)
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(options.limit)
      .offset(options.offset),
    db
      .select({ n: count() })
      .from(orders)
      .leftJoin(payments, and(eq(payments.orderId, orders.id), eq(payments.method, 'bank_transfer')))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}
