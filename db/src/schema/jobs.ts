import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, timestamptz } from './columns.ts';

/**
 * Background work (payment deadlines, search relay, lot expiry, reminders) as rows, so every API
 * instance shares one queue and a job enqueued inside a transaction exists only if it commits.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    kind: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    runAt: timestamptz().notNull(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(10),
    /** A worker holds the job until then; past it, a crashed worker's job is picked up again. */
    lockedUntil: timestamptz(),
    lastError: text(),
    doneAt: timestamptz(),
    /** Failed for good after maxAttempts: kept for an operator to look at. */
    failedAt: timestamptz(),
    /** At most one pending job per key (e.g. one expiry job per order). */
    dedupeKey: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('jobs_due_idx').on(t.runAt).where(sql`${t.doneAt} IS NULL AND ${t.failedAt} IS NULL`),
    uniqueIndex('jobs_dedupe_key')
      .on(t.dedupeKey)
      .where(sql`${t.dedupeKey} IS NOT NULL AND ${t.doneAt} IS NULL AND ${t.failedAt} IS NULL`),
  ],
);
