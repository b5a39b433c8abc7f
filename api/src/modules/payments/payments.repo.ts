import { type DbOrTx, schema, type Tx } from '@nongsan/db';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';

// Payments and the events that move them: each provider event is applied exactly once.

const { payments, paymentEvents } = schema;

export type PaymentRow = typeof payments.$inferSelect;
export type PaymentEventInsert = typeof paymentEvents.$inferInsert;

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
