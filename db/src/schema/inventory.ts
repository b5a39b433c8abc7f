import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { listings } from './listings.ts';
import { cooperativeMembers } from './sellers.ts';
import { users } from './users.ts';

/**
 * A harvest lot of one listing. `on_hand` is the sum of the lot's movements, kept in the same
 * transaction as each movement insert; the CHECK makes negative stock impossible whatever the
 * concurrency. Quantities are thousandths of the listing's sale unit (decision 0029).
 */
export const lots = pgTable(
  'lots',
  {
    id: text().primaryKey(),
    listingId: text()
      .notNull()
      .references(() => listings.id),
    /** The cooperative member who grew it (cooperatives only). */
    memberId: text().references(() => cooperativeMembers.id),
    /** As received. */
    quantityMilli: integer().notNull(),
    onHandMilli: integer().notNull().default(0),
    harvestedAt: date({ mode: 'string' }),
    /** Last day it may be sold (a Vietnam calendar date); null keeps. */
    expiresAt: date({ mode: 'string' }),
    /** Public and printed on packages: short, from the Crockford alphabet, unguessable (50 bits). */
    traceCode: text().notNull(),
    receivedByUserId: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('lots_listing_idx').on(t.listingId),
    index('lots_member_idx').on(t.memberId),
    uniqueIndex('lots_trace_code_key').on(t.traceCode),
    check('lots_quantity_milli_positive', sql`${t.quantityMilli} > 0`),
    check('lots_on_hand_milli_non_negative', sql`${t.onHandMilli} >= 0`),
    check(
      'lots_expiry_after_harvest',
      sql`${t.expiresAt} IS NULL OR ${t.harvestedAt} IS NULL OR ${t.expiresAt} >= ${t.harvestedAt}`,
    ),
  ],
);

export const movementKind = pgEnum('stock_movement_kind', ['receive', 'sale', 'release', 'adjustment']);
export const adjustmentReason = pgEnum('adjustment_reason', ['spoilage', 'count', 'other']);

/**
 * The stock ledger: one row per change to a lot, never updated or deleted (a trigger in
 * custom-sql refuses both). A lot's on-hand equals the sum of its rows' `delta_milli`.
 */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: text().primaryKey(),
    lotId: text()
      .notNull()
      .references(() => lots.id),
    /** Denormalised from the lot, for per-listing history without a join. */
    listingId: text()
      .notNull()
      .references(() => listings.id),
    kind: movementKind().notNull(),
    reason: adjustmentReason(),
    deltaMilli: integer().notNull(),
    /** Who made the change; null for the system (payment-deadline releases, expiry jobs). */
    authorUserId: text().references(() => users.id),
    /** Sales and releases: the order they belong to (set by the orders module). */
    orderId: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('stock_movements_lot_idx').on(t.lotId, t.createdAt),
    index('stock_movements_listing_idx').on(t.listingId, t.createdAt),
    index('stock_movements_order_idx').on(t.orderId),
    check('stock_movements_delta_milli_non_zero', sql`${t.deltaMilli} <> 0`),
    check('stock_movements_reason_iff_adjustment', sql`(${t.kind} = 'adjustment') = (${t.reason} IS NOT NULL)`),
    check(
      'stock_movements_delta_milli_sign',
      sql`(${t.kind} IN ('receive', 'release') AND ${t.deltaMilli} > 0) OR (${t.kind} = 'sale' AND ${t.deltaMilli} < 0) OR ${t.kind} = 'adjustment'`,
    ),
  ],
);
