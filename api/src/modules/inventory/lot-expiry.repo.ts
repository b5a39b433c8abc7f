import { type DbOrTx, schema } from '@nongsan/db';
import { and, asc, eq, gt, gte, isNull, notExists, or } from 'drizzle-orm';

const { listings, lots } = schema;

/**
 * Active listings with nothing left to sell on `today` (a Vietnam date): every lot holding stock is
 * past its last day, or none holds any. These are the ones the expiry job flips to sold_out.
 */
export async function findActiveListingsWithoutSellableStock(db: DbOrTx, today: string): Promise<string[]> {
  const rows = await db
    .select({ id: listings.id })
    .from(listings)
    .where(
      and(
        eq(listings.status, 'active'),
        notExists(
          db
            .select({ id: lots.id })
            .from(lots)
            .where(
              and(
                eq(lots.listingId, listings.id),
                gt(lots.onHandMilli, 0),
                or(isNull(lots.expiresAt), gte(lots.expiresAt, today)),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(listings.id));
  return rows.map((r) => r.id);
}
