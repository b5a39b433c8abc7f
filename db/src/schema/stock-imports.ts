import { pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { lots } from './inventory.ts';
import { sellers } from './sellers.ts';
import { users } from './users.ts';

/**
 * The lots a cooperative received through a CSV import, by the reference each row carried (its
 * `row_ref`, e.g. a receipt number). The primary key makes a re-imported row a no-op instead of a
 * second lot, whoever imports it and however often; it is written in the import's transaction.
 */
export const stockImportRefs = pgTable(
  'stock_import_refs',
  {
    cooperativeId: text()
      .notNull()
      .references(() => sellers.id),
    importRef: text().notNull(),
    lotId: text()
      .notNull()
      .references(() => lots.id),
    importedByUserId: text().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.cooperativeId, t.importRef] }),
    uniqueIndex('stock_import_refs_lot_key').on(t.lotId),
  ],
);
