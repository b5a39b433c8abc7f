import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  json,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, timestamptz } from './columns.ts';
import { lots } from './inventory.ts';
import { listings, saleUnit } from './listings.ts';
import { sellers } from './sellers.ts';
import { users } from './users.ts';

export const paymentMethod = pgEnum('payment_method', ['cod', 'stripe', 'bank_transfer']);
/**
 * The order's money as the orders module sees it. The payments work keeps provider detail
 * (PaymentIntents, events, refunds) in tables of its own and moves this through the orders hooks.
 */
export const orderPaymentStatus = pgEnum('order_payment_status', [
  'pending',
  'paid',
  'cancelled',
  'refund_pending',
  'refunded',
]);
export const fulfilmentStatus = pgEnum('fulfilment_status', [
  'awaiting_payment',
  'awaiting_confirmation',
  'confirmed',
  'shipped',
  'delivered',
  'cancelled',
]);
export const deliveryMethod = pgEnum('delivery_method', ['pickup', 'delivery']);
export const cancelReason = pgEnum('cancel_reason', ['buyer', 'seller', 'payment_deadline', 'confirmation_deadline']);

/**
 * A buyer's order: one per checkout, split into one fulfilment per seller. Totals are computed by
 * the server in whole đồng when the order is placed and change only when a line priced at packing
 * is weighed (a cancelled fulfilment keeps its figures; what is owed back is `refund_due_vnd`). bigint: quantity × price can pass 2^31 đồng.
 */
export const orders = pgTable(
  'orders',
  {
    id: text().primaryKey(),
    /** Short and human (`NS-7K3M9Q`): said over the phone, typed into a bank transfer. */
    code: text().notNull(),
    buyerUserId: text()
      .notNull()
      .references(() => users.id),
    paymentMethod: paymentMethod().notNull(),
    paymentStatus: orderPaymentStatus().notNull().default('pending'),
    /** Online payments only: unpaid by then, the order is cancelled and its stock returns. */
    paymentDeadlineAt: timestamptz(),
    paidAt: timestamptz(),
    subtotalVnd: bigint({ mode: 'number' }).notNull(),
    deliveryFeeVnd: bigint({ mode: 'number' }).notNull(),
    totalVnd: bigint({ mode: 'number' }).notNull(),
    /** Đồng to give back for cancelled fulfilments of a paid order; the payments work pays it out. */
    refundDueVnd: bigint({ mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('orders_code_key').on(t.code),
    index('orders_buyer_created_idx').on(t.buyerUserId, t.createdAt, t.id),
    index('orders_payment_deadline_idx').on(t.paymentDeadlineAt).where(sql`${t.paymentStatus} = 'pending'`),
    check('orders_total_sum', sql`${t.totalVnd} = ${t.subtotalVnd} + ${t.deliveryFeeVnd}`),
    check('orders_amounts_non_negative', sql`${t.subtotalVnd} > 0 AND ${t.deliveryFeeVnd} >= 0`),
    check('orders_refund_bounded', sql`${t.refundDueVnd} >= 0 AND ${t.refundDueVnd} <= ${t.totalVnd}`),
  ],
);

/**
 * One seller's part of an order: its items, its delivery choice and fee, its own progress
 * (awaiting_payment → awaiting_confirmation → confirmed → shipped → delivered, or cancelled before
 * shipping). Pickup and delivery details are snapshots: a seller moving later changes nothing here.
 */
export const fulfilments = pgTable(
  'fulfilments',
  {
    id: text().primaryKey(),
    orderId: text()
      .notNull()
      .references(() => orders.id),
    sellerId: text()
      .notNull()
      .references(() => sellers.id),
    status: fulfilmentStatus().notNull(),
    deliveryMethod: deliveryMethod().notNull(),
    deliveryFeeVnd: integer().notNull(),
    subtotalVnd: bigint({ mode: 'number' }).notNull(),
    totalVnd: bigint({ mode: 'number' }).notNull(),
    recipientName: text(),
    recipientPhone: text(),
    provinceId: text(),
    /** The commune's name as the buyer was shown it (older orders: as typed). */
    commune: text(),
    /** The 2025 commune by code; null for pickup and for orders placed before codes. */
    communeCode: text(),
    street: text(),
    pickupAddress: text(),
    pickupHours: text(),
    /** While awaiting confirmation: unconfirmed by then, the fulfilment is cancelled. */
    confirmBy: timestamptz(),
    confirmedAt: timestamptz(),
    shippedAt: timestamptz(),
    deliveredAt: timestamptz(),
    cancelledAt: timestamptz(),
    cancelReason: cancelReason(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('fulfilments_order_seller_key').on(t.orderId, t.sellerId),
    index('fulfilments_seller_created_idx').on(t.sellerId, t.createdAt, t.id),
    check('fulfilments_total_sum', sql`${t.totalVnd} = ${t.subtotalVnd} + ${t.deliveryFeeVnd}`),
    check('fulfilments_fee_non_negative', sql`${t.deliveryFeeVnd} >= 0`),
    check(
      'fulfilments_delivery_address',
      sql`${t.deliveryMethod} = 'pickup' OR (${t.recipientName} IS NOT NULL AND ${t.recipientPhone} IS NOT NULL AND ${t.provinceId} IS NOT NULL AND ${t.street} IS NOT NULL)`,
    ),
    check(
      'fulfilments_cancel_reason',
      sql`(${t.status} = 'cancelled') = (${t.cancelledAt} IS NOT NULL AND ${t.cancelReason} IS NOT NULL)`,
    ),
  ],
);

/** A line of a fulfilment: the listing's title, unit and price as they were when the order was placed. */
export const orderItems = pgTable(
  'order_items',
  {
    id: text().primaryKey(),
    orderId: text()
      .notNull()
      .references(() => orders.id),
    fulfilmentId: text()
      .notNull()
      .references(() => fulfilments.id),
    listingId: text()
      .notNull()
      .references(() => listings.id),
    title: text().notNull(),
    unit: saleUnit().notNull(),
    unitPriceVnd: integer().notNull(),
    /** Thousandths of the listing's unit (decision 0029): 1.5 kg is 1500. */
    quantityMilli: integer().notNull(),
    /**
     * Priced at packing only: the line's weight in thousandths of a kg as estimated when ordered
     * (pieces × the listing's estimate per piece), the tolerance the seller allows around it, and
     * the weight the seller weighed when packing. The price applies to the weight, not the pieces.
     */
    estimatedWeightMilli: integer(),
    weightTolerancePct: smallint(),
    finalWeightMilli: integer(),
    lineTotalVnd: bigint({ mode: 'number' }).notNull(),
    /** Display order within the order. */
    position: smallint().notNull(),
  },
  (t) => [
    index('order_items_order_idx').on(t.orderId),
    index('order_items_fulfilment_idx').on(t.fulfilmentId),
    uniqueIndex('order_items_order_listing_key').on(t.orderId, t.listingId),
    check('order_items_quantity_milli_positive', sql`${t.quantityMilli} > 0`),
    // Whole đồng rounded half up per line: (price × thousandths + 500) div 1000, on the weight
    // once weighed, the estimate before, the quantity for everything not priced at packing.
    check(
      'order_items_line_total_milli',
      sql`${t.lineTotalVnd} = (${t.unitPriceVnd}::bigint * COALESCE(${t.finalWeightMilli}, ${t.estimatedWeightMilli}, ${t.quantityMilli}) + 500) / 1000`,
    ),
    check(
      'order_items_weight_priced',
      sql`(${t.estimatedWeightMilli} IS NULL AND ${t.weightTolerancePct} IS NULL AND ${t.finalWeightMilli} IS NULL) OR (${t.estimatedWeightMilli} > 0 AND ${t.weightTolerancePct} BETWEEN 0 AND 100 AND (${t.finalWeightMilli} IS NULL OR ${t.finalWeightMilli} > 0))`,
    ),
  ],
);

/**
 * Which lots an item's units came from (FEFO may split one item across lots). Cooperative sales
 * stay attributable to the member whose lot sold; a cancellation returns units to these lots.
 */
export const orderItemAllocations = pgTable(
  'order_item_allocations',
  {
    orderItemId: text()
      .notNull()
      .references(() => orderItems.id),
    lotId: text()
      .notNull()
      .references(() => lots.id),
    quantityMilli: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderItemId, t.lotId] }),
    index('order_item_allocations_lot_idx').on(t.lotId),
    check('order_item_allocations_quantity_milli_positive', sql`${t.quantityMilli} > 0`),
  ],
);

/**
 * Idempotency keys of commands (placing an order): written in the command's own transaction, so a
 * key exists only with its result, and the primary key makes a concurrent second request with the
 * same key wait for the first and then replay its answer. Keys are per user.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: text()
      .notNull()
      .references(() => users.id),
    key: text().notNull(),
    /** Which command the key was used for plus a hash of its body: a different body is refused. */
    requestHash: text().notNull(),
    /** Null only inside the transaction that claimed the key (never visible once committed). */
    responseStatus: integer(),
    /** `json`, not `jsonb`: kept as written, so a replay is byte for byte the first answer. */
    responseBody: json().$type<unknown>(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
