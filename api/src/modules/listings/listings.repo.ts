import { type DbOrTx, schema, type Tx } from '@nongsan/db';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';

const { listings, listingPhotos, listingCertifications, certifications, sellers } = schema;

export type ListingRow = typeof listings.$inferSelect;
export type ListingStatus = ListingRow['status'];
export type SellerSummaryRow = Pick<
  typeof sellers.$inferSelect,
  | 'id'
  | 'name'
  | 'kind'
  | 'provinceId'
  | 'pickupAddress'
  | 'pickupHours'
  | 'offersDelivery'
  | 'deliveryFeeVnd'
  | 'freeDeliveryOverVnd'
>;
export const LISTING_STATUSES: readonly ListingStatus[] = schema.listingStatus.enumValues;
export type ListingWithSeller = { listing: ListingRow; seller: SellerSummaryRow };

const sellerSummary = {
  id: sellers.id,
  name: sellers.name,
  kind: sellers.kind,
  provinceId: sellers.provinceId,
  pickupAddress: sellers.pickupAddress,
  pickupHours: sellers.pickupHours,
  offersDelivery: sellers.offersDelivery,
  deliveryFeeVnd: sellers.deliveryFeeVnd,
  freeDeliveryOverVnd: sellers.freeDeliveryOverVnd,
};

export async function insertListing(tx: Tx, values: typeof listings.$inferInsert): Promise<ListingRow> {
  const [row] = await tx.insert(listings).values(values).returning();
  if (!row) throw new Error('listing insert returned nothing');
  return row;
}

export async function findListing(db: DbOrTx, listingId: string): Promise<ListingWithSeller | null> {
  const [row] = await db
    .select({ listing: listings, seller: sellerSummary })
    .from(listings)
    .innerJoin(sellers, eq(sellers.id, listings.sellerId))
    .where(eq(listings.id, listingId))
    .limit(1);
  return row ?? null;
}

/** Locks the listing row for an edit (the same lock stock changes take first). */
export async function lockListing(tx: Tx, listingId: string): Promise<ListingRow | null> {
  const [row] = await tx.select().from(listings).where(eq(listings.id, listingId)).for('update');
  return row ?? null;
}

export async function updateListing(
  db: DbOrTx,
  listingId: string,
  values: Partial<typeof listings.$inferInsert>,
): Promise<void> {
  await db.update(listings).set(values).where(eq(listings.id, listingId));
}

/** Replaces the photo list; position 0 is the cover. */
export async function replacePhotos(tx: Tx, listingId: string, mediaIds: readonly string[]): Promise<void> {
  await tx.delete(listingPhotos).where(eq(listingPhotos.listingId, listingId));
  if (mediaIds.length === 0) return;
  await tx.insert(listingPhotos).values(mediaIds.map((mediaId, position) => ({ listingId, mediaId, position })));
}

export async function replaceCertifications(
  tx: Tx,
  listingId: string,
  certificationIds: readonly string[],
): Promise<void> {
  await tx.delete(listingCertifications).where(eq(listingCertifications.listingId, listingId));
  if (certificationIds.length === 0) return;
  await tx
    .insert(listingCertifications)
    .values(certificationIds.map((certificationId) => ({ listingId, certificationId })));
}

export async function findPhotoRows(db: DbOrTx, listingIds: readonly string[]) {
  if (listingIds.length === 0) return [];
  return db
    .select()
    .from(listingPhotos)
    .where(inArray(listingPhotos.listingId, [...listingIds]))
    .orderBy(asc(listingPhotos.listingId), asc(listingPhotos.position));
}

export async function findCertificationRows(db: DbOrTx, listingIds: readonly string[]) {
  if (listingIds.length === 0) return [];
  return db
    .select({ listingId: listingCertifications.listingId, certification: certifications })
    .from(listingCertifications)
    .innerJoin(certifications, eq(certifications.id, listingCertifications.certificationId))
    .where(inArray(listingCertifications.listingId, [...listingIds]))
    .orderBy(asc(certifications.createdAt), asc(certifications.id));
}

export async function listListingsOfSeller(
  db: DbOrTx,
  options: { sellerId: string; statuses: readonly ListingStatus[]; limit: number; offset: number },
): Promise<{ rows: ListingWithSeller[]; total: number }> {
  if (options.statuses.length === 0) return { rows: [], total: 0 };
  const where = and(eq(listings.sellerId, options.sellerId), inArray(listings.status, [...options.statuses]));
  const rows = await db
    .select({ listing: listings, seller: sellerSummary })
    .from(listings)
    .innerJoin(sellers, eq(sellers.id, listings.sellerId))
    .where(where)
    .orderBy(desc(listings.createdAt), asc(listings.id))
    .limit(options.limit)
    .offset(options.offset);
  const [counted] = await db.select({ n: count() }).from(listings).where(where);
  return { rows, total: counted?.n ?? 0 };
}
