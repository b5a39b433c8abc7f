import { fromMilli, type Lot, type LotCreate, MILLI, toMilli } from '@nongsan/contracts';
import { newId, randomToken, type Tx } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import { addDays, vnDate } from '../../lib/dates.ts';
import * as repo from './inventory.repo.ts';
import { type InventoryDeps, invalid, requireStockWriter } from './stock-checks.ts';
import { syncListingStockStatus } from './stock-status.service.ts';

// Lots: receiving stock (one lot, with its trace code and `receive` movement) and listing a
// listing's lots for its seller's team.

/** Trace codes: 10 characters of the Crockford alphabet, 50 random bits; short enough to type from a label. */
export const TRACE_CODE_LENGTH = 10;

/** `quantityMilli`: thousandths of the listing's unit (decision 0029). */
export type ReceiveLotOptions = Omit<LotCreate, 'quantity'> & {
  quantityMilli: number;
  listingId: string;
  authorUserId: string | null;
  now: Date;
};

/**
 * Receives a lot inside the caller's transaction (POST /listings with `stock` uses it too): checks
 * the dates and the member, inserts the lot and its `receive` movement. Without an expiry, a listing
 * with a shelf life gets harvest (or today) + shelf life days.
 */
export async function receiveLotInTx(tx: Tx, options: ReceiveLotOptions): Promise<repo.LotRow> {
  const listing = await repo.lockListing(tx, options.listingId);
  if (!listing) throw new AppError('NOT_FOUND', { message: 'listing not found' });
  const today = vnDate(options.now);
  if (options.harvestedAt && options.harvestedAt > today) {
    throw invalid('harvestedAt', 'harvestedAt is in the future');
  }
  if (options.expiresAt && options.expiresAt < today) throw invalid('expiresAt', 'expiresAt is in the past');
  if (listing.soldBy === 'unit' && options.quantityMilli % MILLI !== 0) {
    throw invalid('quantity', 'sold by unit: a whole number', 'whole_units');
  }
  if (options.memberId) {
    const member = await repo.findMember(tx, options.memberId);
    // Only a member of this very cooperative (and still active) can have grown its lot.
    if (!member || member.cooperativeId !== listing.sellerId || member.status !== 'active') {
      throw invalid('memberId', 'not a member of this cooperative', 'not_found');
    }
  }
  const harvestedAt = options.harvestedAt ?? null;
  const expiresAt =
    options.expiresAt ?? (listing.shelfLifeDays ? addDays(harvestedAt ?? today, listing.shelfLifeDays) : null);
  // 50 random bits: a collision needs ~30 million lots before it is even likely; the unique index
  // would refuse one (and the request would fail cleanly) rather than mix two lots' stories.
  const lot = await repo.insertLot(tx, {
    id: newId('lot'),
    listingId: listing.id,
    memberId: options.memberId ?? null,
    quantityMilli: options.quantityMilli,
    harvestedAt,
    expiresAt,
    traceCode: randomToken(TRACE_CODE_LENGTH),
    receivedByUserId: options.authorUserId,
    createdAt: options.now,
  });
  const onHandMilli = await repo.applyMovement(tx, {
    id: newId('mov'),
    lotId: lot.id,
    listingId: listing.id,
    kind: 'receive',
    reason: null,
    deltaMilli: options.quantityMilli,
    authorUserId: options.authorUserId,
    orderId: null,
    createdAt: options.now,
  });
  return { ...lot, onHandMilli };
}

export function toLot(row: repo.LotRow, memberName: string | null, today: string): Lot {
  return {
    id: row.id,
    listingId: row.listingId,
    traceCode: row.traceCode,
    quantity: fromMilli(row.quantityMilli),
    onHand: fromMilli(row.onHandMilli),
    harvestedAt: row.harvestedAt,
    expiresAt: row.expiresAt,
    isExpired: row.expiresAt !== null && row.expiresAt < today,
    member: row.memberId && memberName !== null ? { id: row.memberId, name: memberName } : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function receiveLot(
  deps: InventoryDeps,
  user: SessionUser,
  listingId: string,
  input: LotCreate,
): Promise<Lot> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const listing = await requireStockWriter(tx, listingId, user);
    if (listing.status === 'archived') {
      throw new AppError('CONFLICT', { message: 'the listing is archived; restore it before receiving stock' });
    }
    const { quantity, ...rest } = input;
    const lot = await receiveLotInTx(tx, {
      ...rest,
      quantityMilli: toMilli(quantity),
      listingId,
      authorUserId: user.userId,
      now,
    });
    await syncListingStockStatus(tx, listingId, now);
    const member = lot.memberId ? await repo.findMember(tx, lot.memberId) : null;
    return toLot(lot, member?.name ?? null, vnDate(now));
  });
}

/** A listing's lots with trace codes and members, for its seller's team. */
export async function listLots(deps: InventoryDeps, user: SessionUser, listingId: string): Promise<Lot[]> {
  await requireAccess(deps.db, user, 'listing.stock', listingId);
  const today = vnDate(deps.clock.now());
  return (await repo.listLotsOfListing(deps.db, listingId)).map((r) => toLot(r.lot, r.memberName, today));
}
