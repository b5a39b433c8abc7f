import { createHash } from 'node:crypto';
import { type MediaStorage, processImage, storeImage } from '@nongsan/media';
import { makeDemoProducePhoto } from '@nongsan/media/demo';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from './client.ts';
import { schema } from './index.ts';
import { DEMO_CERTIFICATIONS, DEMO_LISTINGS, type DemoListing } from './seed-catalogue.data.ts';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** A fixed trace code per demo lot (so reseeding changes nothing), in the same alphabet as real ones. */
function demoTraceCode(lotId: string): string {
  const digest = createHash('sha256').update(lotId).digest();
  return Array.from(digest.subarray(0, 10), (byte) => CROCKFORD[byte & 31]).join('');
}

/** `YYYY-MM-DD` in Vietnam, `days` before `now`. */
function vnDaysAgo(now: Date, days: number): string {
  // Vietnam is UTC+7 all year: shifting by 7 hours turns the UTC date into the Vietnam date.
  return new Date(now.getTime() + 7 * 3600_000 - days * 86_400_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type PhotoRow = typeof schema.media.$inferInsert;

/**
 * Draws, processes and stores one photo per listing that has none yet (or whose files are missing
 * from this storage, e.g. a fresh MEDIA_DIR): two at a time, which keeps both cores busy.
 */
async function makePhotos(db: Db, media: MediaStorage, listings: DemoListing[]): Promise<Map<string, PhotoRow>> {
  const existing = await db
    .select({ listingId: schema.listingPhotos.listingId, variants: schema.media.variants })
    .from(schema.listingPhotos)
    .innerJoin(schema.media, eq(schema.media.id, schema.listingPhotos.mediaId))
    .where(
      inArray(
        schema.listingPhotos.listingId,
        listings.map((l) => l.id),
      ),
    );
  const complete = new Set<string>();
  for (const row of existing) {
    const first = row.variants[0];
    if (first && (await media.exists(first.key))) complete.add(row.listingId);
  }
  const todo = listings.map((listing, index) => ({ listing, index })).filter((x) => !complete.has(x.listing.id));
  const photos = new Map<string, PhotoRow>();
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const item = todo[next++];
      if (!item) break;
      const bytes = await makeDemoProducePhoto({ category: item.listing.category, seed: item.index + 1 });
      const processed = await processImage(bytes);
      await storeImage(media, processed);
      photos.set(item.listing.id, {
        id: processed.hash,
        width: processed.width,
        height: processed.height,
        sourceFormat: processed.format,
        variants: processed.variants.map((v) => ({ width: v.width, height: v.height, key: v.key })),
        placeholder: processed.placeholder,
      });
    }
  };
  await Promise.all([worker(), worker()]);
  return photos;
}

/** The demo catalogue (listings, certifications, lots with their ledger, photos). Idempotent. */
export async function seedCatalogue(db: Db, options: { now: Date; media: MediaStorage }): Promise<void> {
  const { now, media } = options;
  const sellerOwners = new Map(
    (await db.select({ id: schema.sellers.id, ownerUserId: schema.sellers.ownerUserId }).from(schema.sellers)).map(
      (s) => [s.id, s.ownerUserId],
    ),
  );
  const photos = await makePhotos(db, media, DEMO_LISTINGS);

  await db.transaction(async (tx) => {
    await tx
      .insert(schema.certifications)
      .values(
        DEMO_CERTIFICATIONS.map((c) => {
          const validFrom = vnDaysAgo(now, c.validFromDaysAgo);
          return {
            id: c.id,
            sellerId: c.sellerId,
            type: c.type,
            stars: c.stars,
            certificateNumber: c.certificateNumber,
            issuer: c.issuer,
            validFrom,
            validTo: addDays(validFrom, c.validForDays),
            createdByUserId: sellerOwners.get(c.sellerId) ?? null,
            // Seeded verifications have no operator account behind them.
            verifiedAt: c.isVerified ? now : null,
            createdAt: now,
          };
        }),
      )
      .onConflictDoNothing();

    await tx
      .insert(schema.listings)
      .values(
        DEMO_LISTINGS.map((l) => ({
          id: l.id,
          sellerId: l.sellerId,
          title: l.title,
          description: l.description,
          category: l.category,
          unit: l.unit,
          priceVnd: l.priceVnd,
          // Thousandths of the unit (decision 0029).
          minOrderMilli: (l.minOrder ?? 1) * 1000,
          status: 'active' as const,
          harvestedAt: vnDaysAgo(now, Math.min(...l.lots.map((lot) => lot.harvestedDaysAgo))),
          shelfLifeDays: l.shelfLifeDays ?? null,
          createdByUserId: sellerOwners.get(l.sellerId) ?? null,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing();

    for (const [listingId, photo] of photos) {
      const listing = DEMO_LISTINGS.find((l) => l.id === listingId);
      await tx
        .insert(schema.media)
        .values({
          ...photo,
          uploadedByUserId: listing ? (sellerOwners.get(listing.sellerId) ?? null) : null,
          createdAt: now,
        })
        .onConflictDoNothing();
      // A regenerated photo replaces whatever the listing pointed at.
      await tx.delete(schema.listingPhotos).where(eq(schema.listingPhotos.listingId, listingId));
      await tx.insert(schema.listingPhotos).values({ listingId, mediaId: photo.id as string, position: 0 });
    }

    const certificationLinks = DEMO_LISTINGS.flatMap((l) =>
      (l.certificationIds ?? []).map((certificationId) => ({ listingId: l.id, certificationId })),
    );
    if (certificationLinks.length > 0) {
      await tx.insert(schema.listingCertifications).values(certificationLinks).onConflictDoNothing();
    }

    const lots = DEMO_LISTINGS.flatMap((l) =>
      l.lots.map((lot, i) => {
        const id = `${l.id.replace(/^lst_/, 'lot_')}_${i + 1}`;
        const harvestedAt = vnDaysAgo(now, lot.harvestedDaysAgo);
        return {
          id,
          listingId: l.id,
          memberId: lot.memberId ?? null,
          quantityMilli: lot.quantity * 1000,
          // Written together with its `receive` movement below: the ledger and on-hand agree.
          onHandMilli: lot.quantity * 1000,
          harvestedAt,
          expiresAt: l.shelfLifeDays ? addDays(harvestedAt, l.shelfLifeDays) : null,
          traceCode: demoTraceCode(id),
          receivedByUserId: sellerOwners.get(l.sellerId) ?? null,
          createdAt: now,
        };
      }),
    );
    await tx.insert(schema.lots).values(lots).onConflictDoNothing();
    await tx
      .insert(schema.stockMovements)
      .values(
        lots.map((lot) => ({
          id: lot.id.replace(/^lot_/, 'mov_'),
          lotId: lot.id,
          listingId: lot.listingId,
          kind: 'receive' as const,
          deltaMilli: lot.quantityMilli,
          authorUserId: lot.receivedByUserId,
          createdAt: now,
        })),
      )
      .onConflictDoNothing();
  });
}
