import { type DbOrTx, schema, type Tx } from '@nongsan/db';
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';

// Payments' tables. A single order, fulfilment or item is read through the orders module's index
// (it owns those tables and every write to them); only the operator's lists and the balances below
// join payments with orders in one query, because they filter and page across both (decision 0017).

const { payments, paymentEvents, refunds, sellerBankAccounts, sellerPayouts, orders, fulfilments, sellers, users } =
  schema;

export type PaymentRow = typeof payments.$inferSelect;
export type PaymentEventInsert = typeof paymentEvents.$inferInsert;
export type RefundRow = typeof refunds.$inferSelect;
export type BankAccountRow = typeof sellerBankAccounts.$inferSelect;
export type PayoutRow = typeof sellerPayouts.$inferSelect;

// ---- events: the "applied exactly once" table --------------------------------------------------

/**
 * Records an event, or nothing when (provider, event_id) is already there: true when this call
 * inserted it. A concurrent insert of the same event waits on the unique index for the first
 * transaction and then inserts nothing, so exactly one transaction goes on to apply it.
 */
export async function insertEvent(tx: Tx, values: PaymentEventInsert): Promise<boolean> {
  const rows = await tx.insert(paymentEvents).values(values).onConflictDoNothing().returning({ id: paymentEvents.id });
  return rows.length === 1;
}

export async function updateEvent(
  tx: Tx,
  id: string,
  values: Partial<Pick<PaymentEventInsert, 'outcome' | 'paymentId' | 'orderId'>>,
): Promise<void> {
  await tx.update(paymentEvents).set(values).where(eq(paymentEvents.id, id));
}

/** Which of `eventIds` a provider has already recorded. */
export async function findRecordedEventIds(
  db: DbOrTx,
  provider: PaymentRow['method'],
  eventIds: readonly string[],
): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows = await db
    .select({ eventId: paymentEvents.eventId })
    .from(paymentEvents)
    .where(and(eq(paymentEvents.provider, provider), inArray(paymentEvents.eventId, [...eventIds])));
  return new Set(rows.map((r) => r.eventId));
}

export const CASH_COLLECTED = 'cod.cash_collected';

/** Cash recorded for these orders' fulfilments. */
export async function findCashOfOrders(db: DbOrTx, orderIds: readonly string[]) {
  if (orderIds.length === 0) return [];
  return db
    .select({
      orderId: paymentEvents.orderId,
      fulfilmentId: paymentEvents.fulfilmentId,
      amountVnd: paymentEvents.amountVnd,
      collectedAt: paymentEvents.receivedAt,
    })
    .from(paymentEvents)
    .where(
      and(
        eq(paymentEvents.provider, 'cod'),
        eq(paymentEvents.type, CASH_COLLECTED),
        inArray(paymentEvents.orderId, [...orderIds]),
      ),
    )
    .orderBy(asc(paymentEvents.receivedAt), asc(paymentEvents.id));
}

// ---- payments --------------------------------------------------------------------------------

export async function findPaymentByRef(db: DbOrTx, providerRef: string) {
  const [row] = await db
    .select({ id: payments.id, orderId: payments.orderId })
    .from(payments)
    .where(eq(payments.providerRef, providerRef))
    .limit(1);
  return row ?? null;
}

export async function findPaymentOfOrder(db: DbOrTx, orderId: string, attempt: number): Promise<PaymentRow | null> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.attempt, attempt)))
    .limit(1);
  return row ?? null;
}

/** Every attempt of these orders, latest attempt first within an order. */
export async function findPaymentsOfOrders(db: DbOrTx, orderIds: readonly string[]): Promise<PaymentRow[]> {
  if (orderIds.length === 0) return [];
  return db
    .select()
    .from(payments)
    .where(inArray(payments.orderId, [...orderIds]))
    .orderBy(asc(payments.orderId), desc(payments.attempt));
}

/** Writes a payment unless one with its provider ref (or order and attempt) exists. */
export async function insertPayment(db: DbOrTx, values: typeof payments.$inferInsert): Promise<void> {
  await db.insert(payments).values(values).onConflictDoNothing();
}

/**
 * The payment row, locked until the transaction ends: events for one payment are applied one
 * after another. Callers hold the order's lock first (the fixed lock order: order, fulfilments,
 * payment), so a cancellation and a webhook never wait on each other crosswise.
 */
export async function lockPayment(tx: Tx, paymentId: string): Promise<PaymentRow> {
  const [row] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
  if (!row) throw new Error(`payment ${paymentId} vanished`);
  return row;
}

export async function lockPaymentByRef(tx: Tx, providerRef: string): Promise<PaymentRow | null> {
  const [row] = await tx.select().from(payments).where(eq(payments.providerRef, providerRef)).for('update');
  return row ?? null;
}

export async function updatePayment(tx: Tx, paymentId: string, values: Partial<typeof payments.$inferInsert>) {
  await tx.update(payments).set(values).where(eq(payments.id, paymentId));
}

// ---- bank transfers: payments joined with their orders, for the operator's lists -------------

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

// ---- refunds ---------------------------------------------------------------------------------

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

// ---- balances and payouts --------------------------------------------------------------------

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
