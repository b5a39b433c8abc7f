import type { ZoneRate } from '@nongsan/contracts';
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { sellers } from './sellers.ts';

/**
 * Where a seller delivers and at what rate (decision 30): communes by code and/or whole provinces,
 * a rate (flat, weight bands, order-value bands, as jsonb: always read and written whole, validated
 * by the contract's schema), free delivery over an amount, a minimum order. A seller without zones
 * is pickup only. The set is replaced whole by its owner, so `position` is the order it was sent in.
 */
export const deliveryZones = pgTable(
  'delivery_zones',
  {
    id: text().primaryKey(),
    sellerId: text()
      .notNull()
      .references(() => sellers.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    name: text().notNull(),
    communeCodes: text().array().notNull().default(sql`'{}'::text[]`),
    provinceIds: text().array().notNull().default(sql`'{}'::text[]`),
    rate: jsonb().$type<ZoneRate>().notNull(),
    freeOverVnd: integer(),
    minOrderVnd: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    index('delivery_zones_seller_idx').on(t.sellerId, t.position),
    check('delivery_zones_covers_something', sql`cardinality(${t.communeCodes}) + cardinality(${t.provinceIds}) > 0`),
    check('delivery_zones_free_over_positive', sql`${t.freeOverVnd} IS NULL OR ${t.freeOverVnd} > 0`),
    check('delivery_zones_min_order_positive', sql`${t.minOrderVnd} IS NULL OR ${t.minOrderVnd} > 0`),
  ],
);
