import { type DbOrTx, schema, type Tx } from '@nongsan/db';
import { and, asc, desc, eq, inArray, isNotNull, ne, or, sql } from 'drizzle-orm';
import { CASH_COLLECTED } from './payments.repo.ts';

const { paymentEvents, refunds, sellerBankAccounts, sellerPayouts, orders, fulfilments, sellers, users } = schema;

export type BankAccountRow = typeof sellerBankAccounts.$inferSelect;
export type PayoutRow = typeof sellerPayouts.$inferSelect;

// Sellers' balances (what the marketplace holds for them), payouts and bank accounts.

/**
 * The fulfilments that count in sellers' balances (all sellers, or `sellerIds`): those of orders
 * paid online (the marketplace holds the money; cancelled ones too, with their refund), and cash
 * on delivery whose cash the seller recorded. One row each, with its refund and cash if any.
 */
export async function findBalanceRows(db: DbOrTx, sellerIds: readonly string[] | null) {
  // One row per fulfilment whatever its number of refunds: cancellation refunds (at most one) and
  // refunds after delivery (any number) summed apart, because cash ones count differently.
  const given = db
    .select({
      fulfilmentId: refunds.fulfilmentId,
      cancelledVnd:
        sql<number>`coalesce(sum(${refunds.amountVnd}) FILTER (WHERE ${refunds.reason} <> 'after_delivery'), 0)`
          .mapWith(Number)
          .as('cancelled_vnd'),
      afterDeliveryVnd:
        sql<number>`coalesce(sum(${refunds.amountVnd}) FILTER (WHERE ${refunds.reason} = 'after_delivery'), 0)`
          .mapWith(Number)
          .as('after_delivery_vnd'),
    })
    .from(refunds)
    .where(isNotNull(refunds.fulfilmentId))
    .groupBy(refunds.fulfilmentId)
    .as('given');
  return db
    .select({
      sellerId: fulfilments.sellerId,
      fulfilmentId: fulfilments.id,
      orderId: orders.id,
      orderCode: orders.code,
      method: orders.paymentMethod,
      status: fulfilments.status,
      subtotalVnd: fulfilments.subtotalVnd,
      totalVnd: fulfilments.totalVnd,
      paidAt: orders.paidAt,
      cashVnd: paymentEvents.amountVnd,
      cashAt: paymentEvents.receivedAt,
      refundVnd: given.cancelledVnd,
      afterDeliveryRefundVnd: given.afterDeliveryVnd,
    })
    .from(fulfilments)
    .innerJoin(orders, eq(orders.id, fulfilments.orderId))
    .leftJoin(
      paymentEvents,
      and(
        eq(paymentEvents.provider, 'cod'),
        eq(paymentEvents.type, CASH_COLLECTED),
        eq(paymentEvents.fulfilmentId, fulfilments.id),
      ),
    )
    .leftJoin(given, eq(given.fulfilmentId, fulfilments.id))
    .where(
      and(
        sellerIds === null ? undefined : inArray(fulfilments.sellerId, [...sellerIds]),
        or(
          and(ne(orders.paymentMethod, 'cod'), isNotNull(orders.paidAt)),
          and(eq(orders.paymentMethod, 'cod'), isNotNull(paymentEvents.id)),
        ),
      ),
    );
}
export type BalanceRow = Awaited<ReturnType<typeof findBalanceRows>>[number];

export async function findPayouts(db: DbOrTx, sellerIds: readonly string[] | null): Promise<PayoutRow[]> {
  return db
    .select()
    .from(sellerPayouts)
    .where(sellerIds === null ? undefined : inArray(sellerPayouts.sellerId, [...sellerIds]))
    .orderBy(desc(sellerPayouts.paidAt), desc(sellerPayouts.id));
}

export async function insertPayout(tx: Tx, values: typeof sellerPayouts.$inferInsert): Promise<PayoutRow> {
  const [row] = await tx.insert(sellerPayouts).values(values).returning();
  if (!row) throw new Error('payout not written');
  return row;
}

export async function findBankAccount(db: DbOrTx, sellerId: string): Promise<BankAccountRow | null> {
  const [row] = await db.select().from(sellerBankAccounts).where(eq(sellerBankAccounts.sellerId, sellerId)).limit(1);
  return row ?? null;
}

export async function upsertBankAccount(db: DbOrTx, values: typeof sellerBankAccounts.$inferInsert): Promise<void> {
  const { sellerId: _sellerId, createdAt: _createdAt, ...changes } = values;
  await db.insert(sellerBankAccounts).values(values).onConflictDoUpdate({
    target: sellerBankAccounts.sellerId,
    set: changes,
  });
}

/**
 * Locks the seller row for a payout: two payouts to one seller are checked against what is owed
 * one after the other, so together they can never exceed it.
 */
export async function lockSeller(tx: Tx, sellerId: string): Promise<{ id: string } | null> {
  const [row] = await tx.select({ id: sellers.id }).from(sellers).where(eq(sellers.id, sellerId)).for('update');
  return row ?? null;
}

/** Sellers with their owner's phone and bank account, for the payout report. */
export async function findSellersForPayouts(db: DbOrTx, sellerIds: readonly string[]) {
  if (sellerIds.length === 0) return [];
  return db
    .select({ id: sellers.id, name: sellers.name, phone: users.phone, bankAccount: sellerBankAccounts })
    .from(sellers)
    .innerJoin(users, eq(users.id, sellers.ownerUserId))
    .leftJoin(sellerBankAccounts, eq(sellerBankAccounts.sellerId, sellers.id))
    .where(inArray(sellers.id, [...sellerIds]))
    .orderBy(asc(sellers.name), asc(sellers.id));
}
