import { CATEGORY_IDS, UNIT_IDS } from '@nongsan/contracts/catalogue';
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { certifications } from './certifications.ts';
import { createdAt, timestamptz } from './columns.ts';
import { media } from './media.ts';
import { sellers } from './sellers.ts';
import { users } from './users.ts';

// The taxonomy lives in packages/contracts; the enums keep the database to the same closed lists.
export const listingCategory = pgEnum('listing_category', CATEGORY_IDS);
export const saleUnit = pgEnum('sale_unit', UNIT_IDS);
/** `sold_out` and `active` flip with stock (inventory service); `archived` is a soft delete. */
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
    minOrder: integer().notNull().default(1),
    status: listingStatus().notNull().default('draft'),
    harvestedAt: date({ mode: 'string' }),
    availableFrom: date({ mode: 'string' }),
    shelfLifeDays: integer(),
    /** The stock console flags the listing when sellable stock is at or below this; null: no alert. */
    lowStockThreshold: integer(),
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
    check('listings_min_order_positive', sql`${t.minOrder} >= 1`),
    check('listings_shipping_weight_positive', sql`${t.shippingWeightGrams} IS NULL OR ${t.shippingWeightGrams} > 0`),
    check('listings_shelf_life_positive', sql`${t.shelfLifeDays} IS NULL OR ${t.shelfLifeDays} > 0`),
    check(
      'listings_low_stock_threshold_non_negative',
      sql`${t.lowStockThreshold} IS NULL OR ${t.lowStockThreshold} >= 0`,
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
