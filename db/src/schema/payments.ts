import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, json, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz } from './columns.ts';
import { fulfilments, orderItems, orders, paymentMethod } from './orders.ts';
import { sellers } from './sellers.ts';
import { users } from './users.ts';

// Money that moved for orders (docs/decisions/0014-payments.md). The orders table keeps the
// order's payment status as the orders module sees it; these tables keep how the money moved:
// each attempt at a provider, each provider event applied exactly once, each refund, and what the
// marketplace paid out to sellers. Amounts are whole đồng (bigint).

/** One provider payment's state; the values of `applyPaymentEvent` in @nongsan/payments. */
export const paymentAttemptStatus = pgEnum('payment_attempt_status', [
  'pending',
  'processing',
  'failed',
  'cancelled',
  'succeeded',
  'partially_refunded',
  'refunded',
]);
export const paymentFlagReason = pgEnum('payment_flag_reason', [
  'amount_mismatch',
  'currency_mismatch',
  'refund_exceeds_payment',
]);
/** What applying an event did: the audit trail of the webhook and the statement import. */
export const paymentEventOutcome = pgEnum('payment_event_outcome', [
  'applied',
  'unchanged',
  'flagged',
  'ignored',
  'unknown_payment',
]);
export const refundStatus = pgEnum('refund_status', ['pending', 'processing', 'completed', 'failed']);
/**
 * Why money goes back: a part cancelled after payment (`cancelled`, or `late_payment` when the money
 * came after the deadline cancelled the order), a second payment of a paid order, or a seller
 * giving back part of a delivered fulfilment (`after_delivery`: spoiled, short, damaged).
 */
export const refundReason = pgEnum('refund_reason', [
  'cancelled',
  'late_payment',
  'duplicate_payment',
  'after_delivery',
]);

/**
 * One way an order is paid: a Stripe PaymentIntent per attempt, the order's bank transfer
 * (provider ref = its transfer reference), or its cash on delivery (`cod:<orderId>`). Written
 * when a provider first has something to say about it; applying events updates it under a row lock.
 */
export const payments = pgTable(
  'payments',
  {
    id: text().primaryKey(),
    orderId: text()
      .notNull()
      .references(() => orders.id),
    method: paymentMethod().notNull(),
    /** The provider's id of this payment: PaymentIntent id, transfer reference, `cod:<orderId>`. */
    providerRef: text().notNull(),
    /** 1, 2, …: each Stripe attempt is its own PaymentIntent with its own idempotency key. */
    attempt: integer().notNull(),
    /** The order total when the attempt started. */
    expectedVnd: bigint({ mode: 'number' }).notNull(),
    receivedVnd: bigint({ mode: 'number' }).notNull().default(0),
    refundedVnd: bigint({ mode: 'number' }).notNull().default(0),
    status: paymentAttemptStatus().notNull().default('pending'),
    /** When the provider says the processing/failed status happened (orders those two). */
    statusAt: timestamptz(),
    /** Stripe: what the buyer's browser confirms the PaymentIntent with (shown to the buyer only). */
    clientSecret: text(),
    flagReason: paymentFlagReason(),
    flagNote: text(),
    flaggedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payments_provider_ref_key').on(t.providerRef),
    uniqueIndex('payments_order_attempt_key').on(t.orderId, t.attempt),
    check('payments_attempt_positive', sql`${t.attempt} >= 1`),
    check(
      'payments_amounts_non_negative',
      sql`${t.expectedVnd} > 0 AND ${t.receivedVnd} >= 0 AND ${t.refundedVnd} >= 0`,
    ),
    check('payments_flag_pair', sql`(${t.flagReason} IS NULL) = (${t.flaggedAt} IS NULL)`),
  ],
);

/**
 * Every event a provider (or a person standing in for one) reported: Stripe webhook deliveries,
 * bank statement rows, transfers marked received, cash collected. "Applied exactly once" is the
 * unique (provider, event_id): the event is inserted first, ON CONFLICT DO NOTHING, in the
 * transaction that applies it; a second delivery inserts nothing and so applies nothing.
 */
export const paymentEvents = pgTable(
  'payment_events',
  {
    id: text().primaryKey(),
    provider: paymentMethod().notNull(),
    /** Stripe's `evt_…`; `stmt:…` from a statement row's content; `manual:…`; `cash:<fulfilmentId>`. */
    eventId: text().notNull(),
    type: text().notNull(),
    paymentId: text().references(() => payments.id),
    orderId: text().references(() => orders.id),
    fulfilmentId: text().references(() => fulfilments.id),
    amountVnd: bigint({ mode: 'number' }),
    outcome: paymentEventOutcome().notNull(),
    /** The normalised event (never the raw body: it may carry card details we do not keep). */
    summary: json().$type<Record<string, unknown>>().notNull(),
    /** The operator or seller who recorded it; null for provider events. */
    actorUserId: text().references(() => users.id),
    occurredAt: timestamptz(),
    receivedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payment_events_provider_event_key').on(t.provider, t.eventId),
    index('payment_events_order_idx').on(t.orderId),
    index('payment_events_payment_idx').on(t.paymentId),
    // Cash collected per fulfilment: the order view and seller balances look it up this way.
    index('payment_events_fulfilment_idx').on(t.fulfilmentId),
    check('payment_events_amount_non_negative', sql`${t.amountVnd} IS NULL OR ${t.amountVnd} >= 0`),
  ],
);

/**
 * Money owed back to a buyer: one row per cancelled fulfilment of a paid order (so reports can
 * attribute it to the seller, and so a cancelled fulfilment is never refunded twice), one per
 * second payment of an order already paid, or any number per delivered fulfilment given back in
 * part after delivery (each naming the item, when the seller named one; their sum is bounded by
 * the service under the order's lock). A card refund is sent by the `payments.refund` job with the
 * row id as its idempotency source; a bank refund is transferred by hand and completed by an
 * operator; a cash refund after delivery is the seller's cash, handed back, so it is completed at once.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: text().primaryKey(),
    orderId: text()
      .notNull()
      .references(() => orders.id),
    paymentId: text()
      .notNull()
      .references(() => payments.id),
    fulfilmentId: text().references(() => fulfilments.id),
    /** After delivery: the item given back for, when the seller named one (else the whole part). */
    orderItemId: text().references(() => orderItems.id),
    method: paymentMethod().notNull(),
    amountVnd: bigint({ mode: 'number' }).notNull(),
    status: refundStatus().notNull().default('pending'),
    reason: refundReason().notNull(),
    /** Stripe's refund id (`re_…`). */
    providerRef: text(),
    /** The bank transfer's reference of a manual refund. */
    reference: text(),
    /** Why a card refund failed, for the operator. */
    note: text(),
    /** After delivery: why the seller gives the money back, as they wrote it (for the buyer and operator). */
    sellerNote: text(),
    requestedByUserId: text().references(() => users.id),
    completedByUserId: text().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: createdAt(),
    completedAt: timestamptz(),
  },
  (t) => [
    // A cancelled (or paid-too-late) fulfilment is owed back once; refunds after delivery are many,
    // bounded by what the part cost (checked under the order's lock, see refunds.service.ts).
    uniqueIndex('refunds_fulfilment_key').on(t.fulfilmentId).where(sql`${t.reason} IN ('cancelled', 'late_payment')`),
    index('refunds_fulfilment_idx').on(t.fulfilmentId),
    uniqueIndex('refunds_duplicate_payment_key').on(t.paymentId).where(sql`${t.reason} = 'duplicate_payment'`),
    index('refunds_order_idx').on(t.orderId),
    index('refunds_status_idx').on(t.status, t.createdAt),
    check('refunds_amount_positive', sql`${t.amountVnd} > 0`),
    check('refunds_completed_at', sql`(${t.status} = 'completed') = (${t.completedAt} IS NOT NULL)`),
    check(
      'refunds_fulfilment_unless_duplicate',
      sql`(${t.reason} = 'duplicate_payment') = (${t.fulfilmentId} IS NULL)`,
    ),
    check('refunds_item_after_delivery', sql`${t.orderItemId} IS NULL OR ${t.reason} = 'after_delivery'`),
  ],
);

/** Where a seller is paid out to. One account per seller; changing it replaces it. */
export const sellerBankAccounts = pgTable(
  'seller_bank_accounts',
  {
    sellerId: text()
      .primaryKey()
      .references(() => sellers.id),
    bankBin: text().notNull(),
    bankName: text().notNull(),
    accountNumber: text().notNull(),
    accountName: text().notNull(),
    updatedByUserId: text()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    check('seller_bank_accounts_bin', sql`${t.bankBin} ~ '^[0-9]{6}$'`),
    check('seller_bank_accounts_number', sql`${t.accountNumber} ~ '^[A-Za-z0-9]{1,19}$'`),
  ],
);

/** Money the marketplace transferred to a seller; the account it went to is kept as it was. */
export const sellerPayouts = pgTable(
  'seller_payouts',
  {
    id: text().primaryKey(),
    sellerId: text()
      .notNull()
      .references(() => sellers.id),
    amountVnd: bigint({ mode: 'number' }).notNull(),
    reference: text().notNull(),
    bankBin: text(),
    bankName: text(),
    accountNumber: text(),
    accountName: text(),
    recordedByUserId: text()
      .notNull()
      .references(() => users.id),
    paidAt: createdAt(),
  },
  (t) => [
    index('seller_payouts_seller_idx').on(t.sellerId, t.paidAt),
    check('seller_payouts_amount_positive', sql`${t.amountVnd} > 0`),
  ],
);
