import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz } from './columns.ts';
import { users } from './users.ts';

/**
 * A buyer's address book: several delivery addresses, at most one the default. An address is a
 * province and a 2025 commune by official code (packages/vn/communes), plus the street or hamlet
 * as typed; the province is the commune's, stored so zones and reports filter without the list.
 */
export const addresses = pgTable(
  'addresses',
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** What the buyer calls it ("Nhà", "Cửa hàng"). */
    label: text(),
    recipientName: text().notNull(),
    /** E.164. */
    phone: text().notNull(),
    /** Slug of one of the 34 provinces (packages/vn/provinces): the commune's province. */
    provinceId: text().notNull(),
    /** The official five-digit code of a 2025 commune-level unit. */
    communeCode: text().notNull(),
    /** House number, street, hamlet (thôn/xóm). */
    street: text().notNull(),
    isDefault: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    index('addresses_user_idx').on(t.userId, t.createdAt),
    // One default per buyer, held by the database: two concurrent set-defaults cannot both win.
    uniqueIndex('addresses_one_default_key').on(t.userId).where(sql`${t.isDefault}`),
    check('addresses_commune_code_check', sql`${t.communeCode} ~ '^[0-9]{5}$'`),
  ],
);
