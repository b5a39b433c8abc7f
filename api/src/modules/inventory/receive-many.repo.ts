import { schema, type Tx } from '@nongsan/db';
import { asc, inArray } from 'drizzle-orm';

const { lots } = schema;

/** Several new lots in one statement; each starts empty, its stock arrives with its `receive` movement. */
export async function insertLots(tx: Tx, values: readonly Omit<typeof lots.$inferInsert, 'onHandMilli'>[]) {
  if (values.length === 0) return [];
  return tx
    .insert(lots)
    .values(values.map((v) => ({ ...v, onHandMilli: 0 })))
    .returning();
}

/**
 * Locks lots by id, in id order. Callers hold the lots' listing locks already (every stock change
 * takes the listing first), so no other command can be waiting on these lots in another order.
 */
export async function lockLotsById(tx: Tx, lotIds: readonly string[]) {
  if (lotIds.length === 0) return [];
  return tx
    .select({ id: lots.id, listingId: lots.listingId, onHandMilli: lots.onHandMilli })
    .from(lots)
    .where(inArray(lots.id, [...lotIds]))
    .orderBy(asc(lots.id))
    .for('update');
}
