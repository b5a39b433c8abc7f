import { newId, type Tx } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import { vnDate } from '../../lib/dates.ts';
import * as repo from './inventory.repo.ts';
import { applyStockStates, type StockState } from './stock-status.service.ts';

// The FEFO allocator: orders take stock from the lots that expire first, and give it back to the
// same lots when they are cancelled.

export type Allocation = { lotId: string; quantityMilli: number; memberId: string | null; onHandMilli: number };

export type AllocateFefoOptions = {
  listingId: string;
  /** Units to take, > 0. */
  quantityMilli: number;
  /**
   * `sale` takes only from lots still sellable today (not expired); `adjustment` (a write-off) may
   * take from any lot with stock, expired ones first since they expire first.
   */
  kind: 'sale' | 'adjustment';
  /** Required for adjustments. */
  reason?: repo.AdjustmentReason;
  authorUserId: string | null;
  orderId?: string | null;
  now: Date;
};

export type AllocateFefoResult =
  | { ok: true; allocations: Allocation[]; status: repo.ListingStatus; availableStock: number }
  | { ok: false; available: number; requested: number };

/**
 * Takes `quantityMilli` units from one listing's lots, first expiring first (FEFO): allocateFefoMany
 * with one item. Not enough stock is an outcome (`{ ok: false, available }`), with nothing written.
 */
export async function allocateFefo(tx: Tx, options: AllocateFefoOptions): Promise<AllocateFefoResult> {
  const { listingId, quantityMilli, ...rest } = options;
  const result = await allocateFefoMany(tx, { ...rest, items: [{ listingId, quantityMilli }] });
  if (!result.ok) {
    const short = result.short[0] ?? { available: 0, requested: quantityMilli };
    return { ok: false, available: short.available, requested: short.requested };
  }
  const taken = result.listings.get(listingId);
  if (!taken) throw new Error('allocateFefo: the listing was not allocated');
  return { ok: true, allocations: taken.allocations, status: taken.status, availableStock: taken.availableStock };
}

export type AllocateFefoManyOptions = Omit<AllocateFefoOptions, 'listingId' | 'quantityMilli'> & {
  /** Each listing at most once; quantities > 0. */
  items: readonly { listingId: string; quantityMilli: number }[];
};

/** What one listing gave: the lots taken from, and the listing's state afterwards. */
export type ListingAllocation = { listingId: string; allocations: Allocation[] } & StockState;

export type ShortItem = { listingId: string; requested: number; available: number };

export type AllocateFefoManyResult =
  | { ok: true; listings: Map<string, ListingAllocation> }
  | { ok: false; short: ShortItem[] };

/**
 * Takes units from several listings' lots in one go (an order), first expiring first within each
 * listing, across lots if needed, writing one ledger row per lot touched, in the caller's
 * transaction. The one allocator: allocateFefo is this with one item.
 *
 * Locks: the listings in ascending id order, then all their lots with stock `FOR UPDATE` in
 * (listing id, expires_at NULLS LAST, harvested_at NULLS LAST, id) order, so what it checks cannot
 * change before it writes, and any two allocations take their locks in the same order (two carts
 * with the same listings in opposite order never deadlock). A lot is only ever locked by a
 * transaction holding its listing, so the lot locks cannot close a wait cycle either.
 *
 * Statements, however many items and lots: lock listings and lock lots (sent together), then one
 * statement updating the lots and inserting the ledger rows (+1 per listing whose status flips).
 * Not enough stock for any item (or a listing that does not exist) is an outcome, not an error:
 * `{ ok: false, short }` names every short item, with nothing written.
 */
export async function allocateFefoMany(tx: Tx, options: AllocateFefoManyOptions): Promise<AllocateFefoManyResult> {
  for (const item of options.items) {
    if (!Number.isSafeInteger(item.quantityMilli) || item.quantityMilli <= 0) {
      throw new Error(`allocateFefo: quantityMilli must be a positive integer, got ${item.quantityMilli}`);
    }
  }
  const listingIds = options.items.map((i) => i.listingId);
  if (new Set(listingIds).size !== listingIds.length) throw new Error('allocateFefo: each listing once');
  if (options.kind === 'adjustment' && !options.reason) throw new Error('allocateFefo: an adjustment needs a reason');

  const today = vnDate(options.now);
  // Sent together, run in this order by the server (one connection runs its statements one after
  // the other): listings locked before their lots, in one round trip instead of two.
  const [lockedRows, lockedLots] = await Promise.all([
    repo.lockListings(tx, listingIds),
    repo.lockLotsFefo(tx, listingIds, options.kind === 'sale' ? today : null),
  ]);
  const locked = new Map(lockedRows.map((l) => [l.id, l]));
  const lotsByListing = new Map<string, typeof lockedLots>();
  for (const lot of lockedLots) {
    const list = lotsByListing.get(lot.listingId) ?? [];
    list.push(lot);
    lotsByListing.set(lot.listingId, list);
  }

  const short: ShortItem[] = [];
  const movements: repo.MovementInsert[] = [];
  const taken = new Map<string, { lot: { id: string; memberId: string | null }; quantityMilli: number }[]>();
  for (const item of [...options.items].sort((a, b) => compareIds(a.listingId, b.listingId))) {
    const lots = locked.has(item.listingId) ? (lotsByListing.get(item.listingId) ?? []) : [];
    const available = lots.reduce((sum, lot) => sum + lot.onHandMilli, 0);
    if (available < item.quantityMilli) {
      short.push({ listingId: item.listingId, requested: item.quantityMilli, available });
      continue;
    }
    let remaining = item.quantityMilli;
    const takes: { lot: { id: string; memberId: string | null }; quantityMilli: number }[] = [];
    for (const lot of lots) {
      if (remaining === 0) break;
      const take = Math.min(lot.onHandMilli, remaining);
      takes.push({ lot, quantityMilli: take });
      movements.push({
        id: newId('mov'),
        lotId: lot.id,
        listingId: item.listingId,
        kind: options.kind,
        reason: options.kind === 'adjustment' ? (options.reason ?? null) : null,
        deltaMilli: -take,
        authorUserId: options.authorUserId,
        orderId: options.orderId ?? null,
        createdAt: options.now,
      });
      remaining -= take;
    }
    taken.set(item.listingId, takes);
  }
  if (short.length > 0) return { ok: false, short };

  const onHandAfter = await repo.applyMovements(tx, movements);
  // Every lot with stock of these listings is locked and known, so sellable stock afterwards is
  // computed here rather than summed again: lots not past their last day, with what they now hold.
  const states = [...taken.keys()].map((listingId) => {
    const availableStock = (lotsByListing.get(listingId) ?? [])
      .filter((lot) => lot.expiresAt === null || lot.expiresAt >= today)
      .reduce((sum, lot) => sum + (onHandAfter.get(lot.id) ?? lot.onHandMilli), 0);
    return { listingId, status: (locked.get(listingId) as { status: repo.ListingStatus }).status, availableStock };
  });
  const settled = await applyStockStates(tx, states, options.now);
  const listings = new Map<string, ListingAllocation>();
  for (const [listingId, takes] of taken) {
    listings.set(listingId, {
      listingId,
      allocations: takes.map(({ lot, quantityMilli }) => ({
        lotId: lot.id,
        quantityMilli,
        memberId: lot.memberId,
        onHandMilli: onHandAfter.get(lot.id) ?? 0,
      })),
      ...(settled.get(listingId) as StockState),
    });
  }
  return { ok: true, listings };
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Puts units back into the lots they were taken from (an order cancelled or unpaid in time), one
 * `release` movement per lot. Inside the caller's transaction; flips sold_out back to active.
 */
export async function releaseAllocations(
  tx: Tx,
  options: {
    listingId: string;
    allocations: readonly { lotId: string; quantityMilli: number }[];
    authorUserId: string | null;
    orderId?: string | null;
    now: Date;
  },
): Promise<StockState> {
  const { listingId, allocations, ...rest } = options;
  const settled = await releaseAllocationsMany(tx, { ...rest, releases: [{ listingId, allocations }] });
  return settled.get(listingId) as StockState;
}

/**
 * releaseAllocations for several listings at once (a cancelled order): listings locked in
 * ascending id order like every multi-listing change, then one UPDATE and one INSERT for all lots.
 */
export async function releaseAllocationsMany(
  tx: Tx,
  options: {
    releases: readonly { listingId: string; allocations: readonly { lotId: string; quantityMilli: number }[] }[];
    authorUserId: string | null;
    orderId?: string | null;
    now: Date;
  },
): Promise<Map<string, StockState>> {
  const listingIds = [...new Set(options.releases.map((r) => r.listingId))];
  const locked = new Map((await repo.lockListings(tx, listingIds)).map((l) => [l.id, l]));
  const missing = listingIds.find((id) => !locked.has(id));
  if (missing) throw new AppError('NOT_FOUND', { message: 'listing not found' });
  // One movement per lot, even if the caller names a lot twice (two items from one lot).
  const perLot = new Map<string, { listingId: string; quantityMilli: number }>();
  for (const release of options.releases) {
    for (const allocation of release.allocations) {
      if (allocation.quantityMilli <= 0) continue;
      const entry = perLot.get(allocation.lotId) ?? { listingId: release.listingId, quantityMilli: 0 };
      entry.quantityMilli += allocation.quantityMilli;
      perLot.set(allocation.lotId, entry);
    }
  }
  const movements = [...perLot.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([lotId, { listingId, quantityMilli }]) => ({
      id: newId('mov'),
      lotId,
      listingId,
      kind: 'release' as const,
      reason: null,
      deltaMilli: quantityMilli,
      authorUserId: options.authorUserId,
      orderId: options.orderId ?? null,
      createdAt: options.now,
    }));
  await repo.applyMovements(tx, movements);
  const totals = await repo.sumOnHandOfListings(tx, listingIds, vnDate(options.now));
  const states = listingIds.map((listingId) => ({
    listingId,
    status: (locked.get(listingId) as { status: repo.ListingStatus }).status,
    availableStock: totals.get(listingId) ?? 0,
  }));
  return applyStockStates(tx, states, options.now);
}
