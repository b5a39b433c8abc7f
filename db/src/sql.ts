import { type SQL, sql } from 'drizzle-orm';

/**
 * A time as a SQL parameter inside a raw `sql` template. postgres.js cannot bind a Date there
 * (drizzle only maps Dates for typed columns), PGlite can: an ISO string with a cast works on both.
 */
export const sqlTime = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;
