import type { DbOrTx } from '@nongsan/db';
import type { SQL } from 'drizzle-orm';

/** Rows of a raw query in a test: postgres.js returns an array, PGlite an object with `rows`. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
