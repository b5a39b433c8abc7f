import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz } from './columns.ts';

/**
 * Changes the search index must follow, written in the same transaction as the change itself, so the
 * index can lag the database but never miss a change. The relay applies pending rows in id order
 * from the CURRENT database state and only then sets processed_at (a crash in between re-applies).
 * A row names one listing, or a seller whose every listing changed (renamed, moved).
 */
export const searchOutbox = pgTable(
  'search_outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    listingId: text(),
    sellerId: text(),
    createdAt: createdAt(),
    processedAt: timestamptz(),
  },
  (t) => [
    index('search_outbox_pending_idx').on(t.id).where(sql`${t.processedAt} IS NULL`),
    check('search_outbox_target', sql`(${t.listingId} IS NULL) <> (${t.sellerId} IS NULL)`),
  ],
);

/**
 * Who is relaying the outbox now: one row, taken for a short lease and renewed per batch. Two relays
 * at once (two API instances) could otherwise apply an older snapshot of a listing after a newer
 * one and mark both rows done, leaving the index stale. A relay that finds the lease held fails its
 * job, which the queue retries shortly; a crashed holder's lease simply runs out.
 */
export const searchRelayLease = pgTable(
  'search_relay_lease',
  {
    id: smallint().primaryKey().default(1),
    holder: text().notNull(),
    expiresAt: timestamptz().notNull(),
  },
  (t) => [check('search_relay_lease_single_row', sql`${t.id} = 1`)],
);
