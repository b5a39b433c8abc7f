import { CATEGORY_IDS, UNIT_IDS } from '@nongsan/contracts/catalogue';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { certifications } from './certifications.ts';
import { createdAt, timestamptz } from './columns.ts';
import { media } from './media.ts';
import { sellers } from './sellers.ts';
import { users } from './users.ts';

// The taxonomy lives in packages/contracts; the enums keep the database to the same closed lists.
export const listingCategory = pgEnum('listing_category', CATEGORY_IDS);
export const saleUnit = pgEnum('sale_unit', UNIT_IDS);
/** `sold_out` and `active` flip with stock (inventory service); `archived` is a soft delete. */
/** `unit`: whole sale units (1, 2, 3…); `measure`: a weight or volume (kg, litre) in steps. */
export const listingSoldBy = pgEnum('listing_sold_by', ['unit', 'measure']);
export const listingStatus = pgEnum('listing_status', ['draft', 'active', 'sold_out', 'archived']);

/** Produce a seller offers: price per sale unit in whole đồng; stock lives in lots (inventory.ts). */
export const listings = pgTable(
  'listings',
  {
    id: text().primaryKey(),
    sellerId: text()
      .notNull()
      .references(() => sellers.id),
    title: text().notNull(),
    description: text(),
    category: listingCategory().notNull(),
    unit: saleUnit().notNull(),
    priceVnd: integer().notNull(),
    soldBy: listingSoldBy().notNull().default('unit'),
    /** Thousandths of the unit (decision 0029): a quantity is at least the minimum and a multiple of the step. */
    minOrderMilli: integer().notNull().default(1000),
    quantityStepMilli: integer().notNull().default(1000),
    /**
     * Priced at packing: sold by the piece (a fish, a pumpkin) but `price_vnd` is per kg and the
     * line's price follows the weight the seller weighs; `estimated_weight_milli` (thousandths of a
     * kg per piece) prices the order until then, within `weight_tolerance_pct` either way.
     */
    pricedAtPacking: boolean().notNull().default(false),
    estimatedWeightMilli: integer(),
    weightTolerancePct: smallint().notNull().default(10),
    status: listingStatus().notNull().default('draft'),
    harvestedAt: date({ mode: 'string' }),
    availableFrom: date({ mode: 'string' }),
    shelfLifeDays: integer(),
    /** The stock console flags the listing when sellable stock is at or below this; null: no alert. */
    lowStockThresholdMilli: integer(),
    /** What one unit weighs packed, in grams, for delivery by weight bands; null: what the unit says (1 kg), else 0. */
    shippingWeightGrams: integer(),
    createdByUserId: text().references(() => users.id),
    archivedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: createdAt(),
  },
  (t) => [
    index('listings_seller_status_idx').on(t.sellerId, t.status),
    index('listings_category_status_idx').on(t.category, t.status),
    check('listings_price_positive', sql`${t.priceVnd} > 0`),
    check('listings_min_order_milli_positive', sql`${t.minOrderMilli} > 0`),
    check('listings_shipping_weight_positive', sql`${t.shippingWeightGrams} IS NULL OR ${t.shippingWeightGrams} > 0`),
    check(
      'listings_quantity_step',
      sql`${t.quantityStepMilli} > 0 AND ${t.minOrderMilli} % ${t.quantityStepMilli} = 0 AND (${t.soldBy} = 'measure' OR ${t.quantityStepMilli} = 1000)`,
    ),
    check('listings_measure_unit', sql`${t.soldBy} = 'unit' OR ${t.unit} IN ('kg', 'litre')`),
    check(
      'listings_priced_at_packing',
      sql`NOT ${t.pricedAtPacking} OR (${t.soldBy} = 'unit' AND ${t.estimatedWeightMilli} > 0)`,
    ),
    check('listings_weight_tolerance', sql`${t.weightTolerancePct} BETWEEN 0 AND 100`),
    check('listings_shelf_life_positive', sql`${t.shelfLifeDays} IS NULL OR ${t.shelfLifeDays} > 0`),
    check(
      'listings_low_stock_threshold_non_negative',
      sql`${t.lowStockThresholdMilli} IS NULL OR ${t.lowStockThresholdMilli} >= 0`,
    ),
  ],
);

/** A listing's photos in display order (position 0 is the cover). */
export const listingPhotos = pgTable(
  'listing_photos',
  {
    listingId: text()
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    mediaId: text()
      .notNull()
      .references(() => media.id),
    position: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.listingId, t.mediaId] }),
    uniqueIndex('listing_photos_position_key').on(t.listingId, t.position),
  ],
);

/** Which of the seller's certifications a listing carries. */
export const listingCertifications = pgTable(
  'listing_certifications',
  {
    listingId: text()
      .notNull()
      .references(() => listings.id, { onDelete: 'cascade' }),
    certificationId: text()
      .notNull()
      .references(() => certifications.id),
  },
  (t) => [
    primaryKey({ columns: [t.listingId, t.certificationId] }),
    index('listing_certifications_cert_idx').on(t.certificationId),
  ],
);
