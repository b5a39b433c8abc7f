import { type DbOrTx, schema } from '@nongsan/db';
import { asc, eq, inArray } from 'drizzle-orm';

const { deliveryZones, sellers } = schema;

export type DeliveryZoneRow = typeof deliveryZones.$inferSelect;

export async function listZonesOfSellers(db: DbOrTx, sellerIds: readonly string[]): Promise<DeliveryZoneRow[]> {
  if (sellerIds.length === 0) return [];
  return db
    .select()
    .from(deliveryZones)
    .where(inArray(deliveryZones.sellerId, [...sellerIds]))
    .orderBy(asc(deliveryZones.sellerId), asc(deliveryZones.position));
}

/** Replaces a seller's zones with these, and its summary columns with theirs, in the caller's transaction. */
export async function replaceZones(
  tx: DbOrTx,
  sellerId: string,
  rows: (typeof deliveryZones.$inferInsert)[],
  summary: { offersDelivery: boolean; deliveryFeeVnd: number; freeDeliveryOverVnd: number | null; updatedAt: Date },
): Promise<DeliveryZoneRow[]> {
  await tx.delete(deliveryZones).where(eq(deliveryZones.sellerId, sellerId));
  await tx.update(sellers).set(summary).where(eq(sellers.id, sellerId));
  if (rows.length === 0) return [];
  return tx.insert(deliveryZones).values(rows).returning();
}
