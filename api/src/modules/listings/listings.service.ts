import {
  findCategory,
  findUnit,
  fromMilli,
  type Listing,
  type ListingCreate,
  type ListingListQuery,
  type ListingPage,
  type ListingUpdate,
  MILLI,
  toMilli,
} from '@nongsan/contracts';
import { type DbOrTx, newId, type Tx } from '@nongsan/db';
import type { MediaStorage } from '@nongsan/media';
import { PROVINCES, placeWithProvince } from '@nongsan/vn/provinces';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { hasAccess, requireAccess } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import { vnDate } from '../../lib/dates.ts';
import { findMediaMap } from '../media/index.ts';
import { recordSearchChange } from '../search/index.ts';
import { getSeller, isPubliclyShown, requireSellerCertifications, toCertification } from '../sellers/index.ts';
import type { ListingNeeds } from './listing-needs.ts';
import * as repo from './listings.repo.ts';

type ListingDeps = Pick<Deps, 'db' | 'clock' | 'media'> & ListingNeeds;

/** The public sees these; drafts and archived listings exist only for the seller's team. */
const PUBLIC_STATUSES: readonly repo.ListingStatus[] = ['active', 'sold_out'];

const notFound = () => new AppError('NOT_FOUND', { message: 'listing not found' });
const invalid = (details: { path: string; code: string; message: string }[]) =>
  new AppError('VALIDATION_FAILED', { message: details[0]?.message ?? 'invalid', details });

const provinceName = (provinceId: string) => PROVINCES.find((p) => p.id === provinceId)?.name ?? provinceId;

/**
 * Builds the API view of listings with a fixed number of queries whatever their count (photos,
 * certifications and stock are fetched for all of them at once).
 */
async function toListings(
  db: DbOrTx,
  deps: ListingDeps,
  rows: readonly repo.ListingWithSeller[],
  options: { isTeam: boolean; today: string },
): Promise<Listing[]> {
  const ids = rows.map((r) => r.listing.id);
  // One after the other: `db` may be a transaction, and the embedded database is one connection.
  const photoRows = await repo.findPhotoRows(db, ids);
  const certRows = await repo.findCertificationRows(db, ids);
  const stock = await deps.listingStock.findStockOfListings(db, ids, options.today);
  const media = await findMediaMap(
    db,
    deps.media,
    photoRows.map((p) => p.mediaId),
  );
  return rows.map(({ listing, seller }) => {
    const category = findCategory(listing.category);
    const unit = findUnit(listing.unit);
    const listingStock = stock.get(listing.id) ?? { availableStock: 0, lots: [] };
    return {
      id: listing.id,
      seller: {
        id: seller.id,
        name: seller.name,
        kind: seller.kind,
        province: { id: seller.provinceId, name: provinceName(seller.provinceId) },
        // The pickup point as the cart and the seller's page say it: completed with the province
        // unless the seller wrote it (or a former name of it) already.
        pickup: {
          address: seller.pickupAddress === null ? null : placeWithProvince(seller.pickupAddress, seller.provinceId),
          hours: seller.pickupHours,
        },
        delivery: seller.offersDelivery
          ? { feeVnd: seller.deliveryFeeVnd, freeOverVnd: seller.freeDeliveryOverVnd }
          : null,
      },
      title: listing.title,
      description: listing.description,
      category: category ?? { id: listing.category, vi: listing.category, en: listing.category },
      unit: unit ?? { id: listing.unit, vi: listing.unit, en: listing.unit },
      priceVnd: listing.priceVnd,
      soldBy: listing.soldBy,
      minOrder: fromMilli(listing.minOrderMilli),
      quantityStep: fromMilli(listing.quantityStepMilli),
      pricedAtPacking: listing.pricedAtPacking,
      estimatedWeightKg: listing.estimatedWeightMilli === null ? null : fromMilli(listing.estimatedWeightMilli),
      weightTolerancePct: listing.weightTolerancePct,
      status: listing.status,
      harvestedAt: listing.harvestedAt,
      availableFrom: listing.availableFrom,
      shelfLifeDays: listing.shelfLifeDays,
      shippingWeightGrams: listing.shippingWeightGrams,
      availableStock: listingStock.availableStock,
      lots: listingStock.lots,
      photos: photoRows.flatMap((p) => {
        const photo = p.listingId === listing.id ? media.get(p.mediaId) : undefined;
        return photo ? [photo] : [];
      }),
      certifications: certRows
        .filter((c) => c.listingId === listing.id)
        .map((c) => toCertification(c.certification))
        .filter((c) => options.isTeam || isPubliclyShown(c, options.today)),
      createdAt: listing.createdAt.toISOString(),
      updatedAt: listing.updatedAt.toISOString(),
    };
  });
}

async function loadListing(deps: ListingDeps, db: DbOrTx, listingId: string, isTeam: boolean): Promise<Listing> {
  const row = await repo.findListing(db, listingId);
  if (!row) throw notFound();
  const [listing] = await toListings(db, deps, [row], { isTeam, today: vnDate(deps.clock.now()) });
  if (!listing) throw notFound();
  return listing;
}

/** Every photo must have been uploaded (POST /media) before a listing can show it. */
async function requireMedia(db: DbOrTx, storage: MediaStorage, mediaIds: readonly string[]): Promise<void> {
  const found = await findMediaMap(db, storage, mediaIds);
  const missing = mediaIds.flatMap((id, i) =>
    found.has(id) ? [] : [{ path: `mediaIds.${i}`, code: 'not_found', message: `no uploaded photo ${id}` }],
  );
  if (missing.length > 0) throw invalid(missing);
}

function requireHarvestNotFuture(harvestedAt: string | null | undefined, today: string): void {
  if (harvestedAt && harvestedAt > today) {
    throw invalid([
      {
        path: 'harvestedAt',
        code: 'too_big',
        message: 'harvestedAt is in the future; use availableFrom for pre-orders',
      },
    ]);
  }
}

type SaleRules = Pick<
  repo.ListingRow,
  'unit' | 'soldBy' | 'minOrderMilli' | 'quantityStepMilli' | 'pricedAtPacking' | 'estimatedWeightMilli'
>;

/**
 * How a listing is sold must hold together (the database CHECKs say the same, this names the
 * field): whole units go up by 1; a measure is a weight or volume whose minimum is on its step;
 * a listing priced at packing is sold by the piece with an estimated weight per piece.
 */
function requireSaleRules(rules: SaleRules): void {
  const issues: { path: string; code: string; message: string }[] = [];
  if (rules.soldBy === 'unit') {
    if (rules.quantityStepMilli !== MILLI) {
      issues.push({ path: 'quantityStep', code: 'whole_units', message: 'sold by unit: the step is 1' });
    } else if (rules.minOrderMilli % MILLI !== 0) {
      issues.push({ path: 'minOrder', code: 'whole_units', message: 'sold by unit: the minimum is a whole number' });
    }
  } else {
    if (rules.unit !== 'kg' && rules.unit !== 'litre') {
      issues.push({
        path: 'unit',
        code: 'not_a_measure',
        message: 'sold by weight or volume: the unit is kg or litre',
      });
    }
    if (rules.minOrderMilli % rules.quantityStepMilli !== 0) {
      issues.push({ path: 'minOrder', code: 'off_step', message: 'the minimum must be a multiple of the step' });
    }
    if (rules.pricedAtPacking) {
      issues.push({ path: 'pricedAtPacking', code: 'not_a_piece', message: 'priced at packing is sold by the piece' });
    }
  }
  if (rules.pricedAtPacking && rules.estimatedWeightMilli === null) {
    issues.push({ path: 'estimatedWeightKg', code: 'required', message: 'priced at packing needs a weight per piece' });
  }
  if (issues.length > 0) throw invalid(issues);
}

/** A unit listing's stock is whole units too. */
function requireWholeStock(rules: SaleRules, stockMilli: number | null): void {
  if (rules.soldBy === 'unit' && stockMilli !== null && stockMilli % MILLI !== 0) {
    throw invalid([{ path: 'stock', code: 'whole_units', message: 'sold by unit: stock is a whole number' }]);
  }
}

/** Locks the listing for an edit and checks the user writes for its seller; anyone else gets 404. */
async function requireWritableListing(tx: Tx, listingId: string, user: SessionUser): Promise<repo.ListingRow> {
  await requireAccess(tx, user, 'listing.edit', listingId);
  const listing = await repo.lockListing(tx, listingId);
  if (!listing) throw notFound();
  return listing;
}

/**
 * Creates a listing for a seller the user writes for (owner, or a cooperative's managers and
 * staff). Photos, certifications and the first lot (`stock`) are written in the same transaction;
 * an `active` listing with nothing in stock is stored as `sold_out` at once.
 */
export async function createListing(deps: ListingDeps, user: SessionUser, input: ListingCreate): Promise<Listing> {
  const now = deps.clock.now();
  const today = vnDate(now);
  return deps.db.transaction(async (tx) => {
    await requireAccess(tx, user, 'seller.write', input.sellerId);
    requireHarvestNotFuture(input.harvestedAt, today);
    await requireMedia(tx, deps.media, input.mediaIds);
    await requireSellerCertifications(tx, input.sellerId, input.certificationIds);
    const rules: SaleRules = {
      unit: input.unit,
      soldBy: input.soldBy,
      minOrderMilli: toMilli(input.minOrder),
      quantityStepMilli: toMilli(input.quantityStep),
      pricedAtPacking: input.pricedAtPacking,
      estimatedWeightMilli: input.estimatedWeightKg === undefined ? null : toMilli(input.estimatedWeightKg),
    };
    requireSaleRules(rules);
    const stockMilli = input.stock === undefined ? null : toMilli(input.stock);
    requireWholeStock(rules, stockMilli);
    const listing = await repo.insertListing(tx, {
      id: newId('lst'),
      sellerId: input.sellerId,
      title: input.title,
      description: input.description ?? null,
      category: input.category,
      priceVnd: input.priceVnd,
      ...rules,
      weightTolerancePct: input.weightTolerancePct,
      status: input.status,
      harvestedAt: input.harvestedAt ?? null,
      availableFrom: input.availableFrom ?? null,
      shelfLifeDays: input.shelfLifeDays ?? null,
      shippingWeightGrams: input.shippingWeightGrams ?? null,
      createdByUserId: user.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replacePhotos(tx, listing.id, input.mediaIds);
    await repo.replaceCertifications(tx, listing.id, input.certificationIds);
    if (stockMilli !== null) {
      await deps.listingStock.receiveLotInTx(tx, {
        listingId: listing.id,
        quantityMilli: stockMilli,
        harvestedAt: input.harvestedAt,
        authorUserId: user.userId,
        now,
      });
    }
    await deps.listingStock.syncListingStockStatus(tx, listing.id, now);
    await recordSearchChange(tx, { listingIds: [listing.id] }, now);
    return loadListing(deps, tx, listing.id, true);
  });
}

/** Public for active and sold-out listings; drafts and archived ones only for the seller's team (else 404). */
export async function getListing(deps: ListingDeps, viewer: SessionUser | null, listingId: string): Promise<Listing> {
  const row = await repo.findListing(deps.db, listingId);
  if (!row) throw notFound();
  const isTeam = await hasAccess(deps.db, viewer, 'seller.team', row.listing.sellerId);
  if (!isTeam && !PUBLIC_STATUSES.includes(row.listing.status)) throw notFound();
  const [listing] = await toListings(deps.db, deps, [row], { isTeam, today: vnDate(deps.clock.now()) });
  if (!listing) throw notFound();
  return listing;
}

/**
 * A partial edit. `status: active` on a listing with no sellable stock lands on `sold_out`
 * (the status always tells the truth about stock); archiving records when.
 */
export async function updateListing(
  deps: ListingDeps,
  user: SessionUser,
  listingId: string,
  input: ListingUpdate,
): Promise<Listing> {
  const now = deps.clock.now();
  const today = vnDate(now);
  return deps.db.transaction(async (tx) => {
    const current = await requireWritableListing(tx, listingId, user);
    requireHarvestNotFuture(input.harvestedAt, today);
    if (input.mediaIds) await requireMedia(tx, deps.media, input.mediaIds);
    if (input.certificationIds) await requireSellerCertifications(tx, current.sellerId, input.certificationIds);
    const { mediaIds, certificationIds, status, minOrder, quantityStep, estimatedWeightKg, ...fields } = input;
    const values: Parameters<typeof repo.updateListing>[2] = { updatedAt: now };
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) Object.assign(values, { [key]: value });
    }
    if (minOrder !== undefined) values.minOrderMilli = toMilli(minOrder);
    if (quantityStep !== undefined) values.quantityStepMilli = toMilli(quantityStep);
    if (estimatedWeightKg !== undefined) {
      values.estimatedWeightMilli = estimatedWeightKg === null ? null : toMilli(estimatedWeightKg);
    }
    // Switching to whole units without a step says the step is 1 again.
    if (input.soldBy === 'unit' && quantityStep === undefined) values.quantityStepMilli = MILLI;
    requireSaleRules({
      unit: values.unit ?? current.unit,
      soldBy: values.soldBy ?? current.soldBy,
      minOrderMilli: values.minOrderMilli ?? current.minOrderMilli,
      quantityStepMilli: values.quantityStepMilli ?? current.quantityStepMilli,
      pricedAtPacking: values.pricedAtPacking ?? current.pricedAtPacking,
      estimatedWeightMilli:
        values.estimatedWeightMilli === undefined ? current.estimatedWeightMilli : values.estimatedWeightMilli,
    });
    if (status !== undefined && status !== current.status) {
      // Asking for `active` on a sold-out listing changes nothing: it is active as soon as stock arrives.
      if (!(status === 'active' && current.status === 'sold_out')) values.status = status;
      values.archivedAt = status === 'archived' ? now : null;
    }
    await repo.updateListing(tx, listingId, values);
    if (mediaIds) await repo.replacePhotos(tx, listingId, mediaIds);
    if (certificationIds) await repo.replaceCertifications(tx, listingId, certificationIds);
    await deps.listingStock.syncListingStockStatus(tx, listingId, now);
    await recordSearchChange(tx, { listingIds: [listingId] }, now);
    return loadListing(deps, tx, listingId, true);
  });
}

/** Soft delete: the listing leaves the storefront but its lots, ledger and orders keep pointing at it. */
export async function archiveListing(deps: ListingDeps, user: SessionUser, listingId: string): Promise<Listing> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const current = await requireWritableListing(tx, listingId, user);
    if (current.status !== 'archived') {
      await repo.updateListing(tx, listingId, { status: 'archived', archivedAt: now, updatedAt: now });
      await recordSearchChange(tx, { listingIds: [listingId] }, now);
    }
    return loadListing(deps, tx, listingId, true);
  });
}

/** A seller's listings, newest first: the public sees active and sold-out ones, the team every status. */
export async function listSellerListings(
  deps: ListingDeps,
  viewer: SessionUser | null,
  sellerId: string,
  query: ListingListQuery,
): Promise<ListingPage> {
  await getSeller(deps, sellerId);
  const isTeam = await hasAccess(deps.db, viewer, 'seller.team', sellerId);
  const visible = isTeam ? repo.LISTING_STATUSES : PUBLIC_STATUSES;
  const statuses = query.status ? visible.filter((s) => s === query.status) : visible;
  const { rows, total } = await repo.listListingsOfSeller(deps.db, {
    sellerId,
    statuses,
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  const listings = await toListings(deps.db, deps, rows, { isTeam, today: vnDate(deps.clock.now()) });
  return { listings, total, page: query.page, perPage: query.perPage };
}

// ---- for the modules that change a listing on its seller's behalf ------------------------------

/** Inventory's stock-driven flip (active ↔ sold_out); the caller holds the listing lock. */
export async function setListingStatus(tx: Tx, listingId: string, status: repo.ListingStatus, now: Date) {
  await repo.updateListing(tx, listingId, { status, updatedAt: now });
}

/** A cooperative's low-stock alert level for one of its listings (null: no alert). */
export async function setLowStockThreshold(
  db: DbOrTx,
  listingId: string,
  lowStockThresholdMilli: number | null,
  now: Date,
) {
  await repo.updateListing(db, listingId, { lowStockThresholdMilli, updatedAt: now });
}
