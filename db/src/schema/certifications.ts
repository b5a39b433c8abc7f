import { sql } from 'drizzle-orm';
import { check, date, index, pgEnum, pgTable, smallint, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz } from './columns.ts';
import { sellers } from './sellers.ts';
import { users } from './users.ts';

export const certificationType = pgEnum('certification_type', ['vietgap', 'globalgap', 'organic', 'ocop']);

/**
 * A certificate a seller holds (VietGAP, GlobalGAP, organic, OCOP 3–5 stars). It applies to the
 * listings that name it. It shows as verified only once an operator has set `verified_at`.
 */
export const certifications = pgTable(
  'certifications',
  {
    id: text().primaryKey(),
    sellerId: text()
      .notNull()
      .references(() => sellers.id),
    type: certificationType().notNull(),
    stars: smallint(),
    certificateNumber: text().notNull(),
    issuer: text().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }).notNull(),
    createdByUserId: text().references(() => users.id),
    verifiedAt: timestamptz(),
    verifiedByUserId: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('certifications_seller_idx').on(t.sellerId),
    // The same certificate entered twice would show two badges.
    uniqueIndex('certifications_seller_number_key').on(t.sellerId, t.type, t.certificateNumber),
    check('certifications_ocop_stars', sql`(${t.type} = 'ocop') = (${t.stars} IS NOT NULL)`),
    check('certifications_stars_range', sql`${t.stars} IS NULL OR ${t.stars} BETWEEN 3 AND 5`),
    check('certifications_validity', sql`${t.validTo} >= ${t.validFrom}`),
  ],
);
