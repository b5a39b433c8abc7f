import { type DbOrTx, schema } from '@nongsan/db';
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, notInArray, or, sql } from 'drizzle-orm';

const { searchOutbox, searchRelayLease, listings, sellers, listingPhotos, listingCertifications, certifications } =
  schema;

export type OutboxRow = { id: number; listingId: string | null; sellerId: string | null };

export async function insertOutboxRows(
  db: DbOrTx,
  rows: readonly { listingId?: string; sellerId?: string }[],
): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(searchOutbox)
    .values(rows.map((r) => ({ listingId: r.listingId ?? null, sellerId: r.sellerId ?? null })))
    .returning({ id: searchOutbox.id });
  return inserted.map((r) => r.id);
}

/** The oldest pending rows, in the order they were written. */
export async function findPendingOutbox(db: DbOrTx, limit: number): Promise<OutboxRow[]> {
  return db
    .select({ id: searchOutbox.id, listingId: searchOutbox.listingId, sellerId: searchOutbox.sellerId })
    .from(searchOutbox)
    .where(isNull(searchOutbox.processedAt))
    .orderBy(asc(searchOutbox.id))
    .limit(limit);
}

export async function markOutboxProcessed(db: DbOrTx, ids: readonly number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(searchOutbox)
    .set({ processedAt: now })
    .where(inArray(searchOutbox.id, [...ids]));
}

export async function findListingIdsOfSellers(db: DbOrTx, sellerIds: readonly string[]): Promise<string[]> {
  if (sellerIds.length === 0) return [];
  const rows = await db
    .select({ id: listings.id })
    .from(listings)
    .where(inArray(listings.sellerId, [...sellerIds]))
    .orderBy(asc(listings.id));
  return rows.map((r) => r.id);
}

/** Every listing the public sees (what a full reindex indexes). */
export async function findVisibleListingIds(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ id: listings.id })
    .from(listings)
    .where(inArray(listings.status, ['active', 'sold_out']))
    .orderBy(asc(listings.id));
  return rows.map((r) => r.id);
}

/** Every listing the public does not see (drafts, archived): what a reindex removes from the engine. */
export async function findHiddenListingIds(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ id: listings.id })
    .from(listings)
    .where(notInArray(listings.status, ['active', 'sold_out']))
    .orderBy(asc(listings.id));
  return rows.map((r) => r.id);
}

export async function findListingsWithSellers(db: DbOrTx, listingIds: readonly string[]) {
  if (listingIds.length === 0) return [];
  return db
    .select({ listing: listings, seller: sellers })
    .from(listings)
    .innerJoin(sellers, eq(sellers.id, listings.sellerId))
    .where(inArray(listings.id, [...listingIds]));
}

/** The cover photo (position 0) of each listing. */
export async function findCoverMediaIds(db: DbOrTx, listingIds: readonly string[]): Promise<Map<string, string>> {
  if (listingIds.length === 0) return new Map();
  const rows = await db
    .select({ listingId: listingPhotos.listingId, mediaId: listingPhotos.mediaId })
    .from(listingPhotos)
    .where(and(inArray(listingPhotos.listingId, [...listingIds]), eq(listingPhotos.position, 0)));
  return new Map(rows.map((r) => [r.listingId, r.mediaId]));
}

/** Verified certifications still valid on `today`, by listing: only those may show as badges. */
export async function findVerifiedCertificationTypes(db: DbOrTx, listingIds: readonly string[], today: string) {
  if (listingIds.length === 0) return [];
  return db
    .select({ listingId: listingCertifications.listingId, type: certifications.type })
    .from(listingCertifications)
    .innerJoin(certifications, eq(certifications.id, listingCertifications.certificationId))
    .where(
      and(
        inArray(listingCertifications.listingId, [...listingIds]),
        isNotNull(certifications.verifiedAt),
        gte(certifications.validTo, today),
      ),
    );
}

/**
 * Takes (or renews) the relay lease until `expiresAt`: one upsert, so two relays racing for it
 * cannot both win. False when another holder's lease is still running at `now`.
 */
export async function takeRelayLease(db: DbOrTx, holder: string, now: Date, expiresAt: Date): Promise<boolean> {
  const taken = await db
    .insert(searchRelayLease)
    .values({ id: 1, holder, expiresAt })
    .onConflictDoUpdate({
      target: searchRelayLease.id,
      set: { holder, expiresAt },
      setWhere: or(eq(searchRelayLease.holder, holder), lt(searchRelayLease.expiresAt, now)),
    })
    .returning({ holder: searchRelayLease.holder });
  return taken.length === 1;
}

/** Gives the lease up (only if still ours), so the next relay need not wait for it to run out. */
export async function releaseRelayLease(db: DbOrTx, holder: string): Promise<void> {
  await db
    .update(searchRelayLease)
    .set({ expiresAt: sql`'-infinity'::timestamptz` })
    .where(eq(searchRelayLease.holder, holder));
}
