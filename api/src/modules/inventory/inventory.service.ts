import {
  type AdjustmentCreate,
  type AdjustmentResult,
  findCategory,
  findUnit,
  type Lot,
  type LotCreate,
  type Trace,
} from '@nongsan/contracts';
import { type DbOrTx, newId, randomToken, type Tx } from '@nongsan/db';
import { displayedName, type NameDisplay } from '@nongsan/vn/names';
import { PROVINCES } from '@nongsan/vn/provinces';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import { addDays, vnDate } from '../../lib/dates.ts';
import { type ListingStock, type ListingStockKeeper, setListingStatus } from '../listings/index.ts';
import { recordSearchChange } from '../search/index.ts';
import { isPubliclyShown, toCertification } from '../sellers/index.ts';
import * as repo from './inventory.repo.ts';

type InventoryDeps = Pick<Deps, 'db' | 'clock'>;

/** Trace codes: 10 characters of the Crockford alphabet, 50 random bits; short enough to type from a label. */
export const TRACE_CODE_LENGTH = 10;

const invalid = (path: string, message: string, code = 'invalid') =>
  new AppError('VALIDATION_FAILED', { message, details: [{ path, code, message }] });

/**
 * Locks the listing and checks that the user works for its seller (owner, manager or staff; a
 * cooperative's plain members may not change stock). Anyone else gets 404, as if it did not exist.
 */
async function requireStockWriter(tx: Tx, listingId: string, user: SessionUser) {
  await requireAccess(tx, user, 'listing.stock', listingId);
  const listing = await repo.lockListing(tx, listingId);
  if (!listing) throw new AppError('NOT_FOUND', { message: 'listing not found' });
  return listing;
}

export type StockState = { status: repo.ListingStatus; availableStock: number };

/** The status a listing takes for its stock: active ↔ sold_out; drafts and archived ones keep theirs. */
export function statusForStock(status: repo.ListingStatus, availableStock: number): repo.ListingStatus {
  if (status === 'active' && availableStock === 0) return 'sold_out';
  if (status === 'sold_out' && availableStock > 0) return 'active';
  return status;
}

/**
 * Where every stock change ends: given each changed listing's status (read under its lock) and its
 * sellable stock after the change, flips active ↔ sold_out. Anything that must follow every stock
 * change (the search outbox write) belongs here, so single and multi-listing changes both get it.
 */
export async function applyStockStates(
  tx: Tx,
  states: readonly ({ listingId: string } & StockState)[],
  now: Date,
): Promise<Map<string, StockState>> {
  const settled = new Map<string, StockState>();
  const flipped: string[] = [];
  for (const state of states) {
    const status = statusForStock(state.status, state.availableStock);
    if (status !== state.status) {
      await setListingStatus(tx, state.listingId, status, now);
      flipped.push(state.listingId);
    }
    settled.set(state.listingId, { status, availableStock: state.availableStock });
  }
  // In stock ↔ sold out is what search shows; quantity changes that keep the status are not.
  if (flipped.length > 0) await recordSearchChange(tx, { listingIds: flipped }, now);
  return settled;
}

/**
 * After any stock change: an active listing with nothing sellable becomes sold_out, and a sold_out
 * one with stock again becomes active. Drafts and archived listings keep their status. The caller
 * holds the listing lock (every stock change takes it first).
 */
export async function syncListingStockStatus(tx: Tx, listingId: string, now: Date): Promise<StockState> {
  const listing = await repo.lockListing(tx, listingId);
  if (!listing) throw new AppError('NOT_FOUND', { message: 'listing not found' });
  const availableStock = await repo.sumOnHand(tx, listingId, vnDate(now));
  const settled = await applyStockStates(tx, [{ listingId, status: listing.status, availableStock }], now);
  return settled.get(listingId) as StockState;
}

export type ReceiveLotOptions = LotCreate & { listingId: string; authorUserId: string | null; now: Date };

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
    quantity: options.quantity,
    harvestedAt,
    expiresAt,
    traceCode: randomToken(TRACE_CODE_LENGTH),
    receivedByUserId: options.authorUserId,
    createdAt: options.now,
  });
  const onHand = await repo.applyMovement(tx, {
    id: newId('mov'),
    lotId: lot.id,
    listingId: listing.id,
    kind: 'receive',
    reason: null,
    delta: options.quantity,
    authorUserId: options.authorUserId,
    orderId: null,
    createdAt: options.now,
  });
  return { ...lot, onHand };
}

function toLot(row: repo.LotRow, memberName: string | null, today: string): Lot {
  return {
    id: row.id,
    listingId: row.listingId,
    traceCode: row.traceCode,
    quantity: row.quantity,
    onHand: row.onHand,
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
    const lot = await receiveLotInTx(tx, { ...input, listingId, authorUserId: user.userId, now });
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

export type Allocation = { lotId: string; quantity: number; memberId: string | null; onHand: number };

export type AllocateFefoOptions = {
  listingId: string;
  /** Units to take, > 0. */
  quantity: number;
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
 * Takes `quantity` units from one listing's lots, first expiring first (FEFO): allocateFefoMany
 * with one item. Not enough stock is an outcome (`{ ok: false, available }`), with nothing written.
 */
export async function allocateFefo(tx: Tx, options: AllocateFefoOptions): Promise<AllocateFefoResult> {
  const { listingId, quantity, ...rest } = options;
  const result = await allocateFefoMany(tx, { ...rest, items: [{ listingId, quantity }] });
  if (!result.ok) {
    const short = result.short[0] ?? { available: 0, requested: quantity };
    return { ok: false, available: short.available, requested: short.requested };
  }
  const taken = result.listings.get(listingId);
  if (!taken) throw new Error('allocateFefo: the listing was not allocated');
  return { ok: true, allocations: taken.allocations, status: taken.status, availableStock: taken.availableStock };
}

export type AllocateFefoManyOptions = Omit<AllocateFefoOptions, 'listingId' | 'quantity'> & {
  /** Each listing at most once; quantities > 0. */
  items: readonly { listingId: string; quantity: number }[];
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
    if (!Number.isSafeInteger(item.quantity) || item.quantity <= 0) {
      throw new Error(`allocateFefo: quantity must be a positive integer, got ${item.quantity}`);
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
  const taken = new Map<string, { lot: { id: string; memberId: string | null }; quantity: number }[]>();
  for (const item of [...options.items].sort((a, b) => compareIds(a.listingId, b.listingId))) {
    const lots = locked.has(item.listingId) ? (lotsByListing.get(item.listingId) ?? []) : [];
    const available = lots.reduce((sum, lot) => sum + lot.onHand, 0);
    if (available < item.quantity) {
      short.push({ listingId: item.listingId, requested: item.quantity, available });
      continue;
    }
    let remaining = item.quantity;
    const takes: { lot: { id: string; memberId: string | null }; quantity: number }[] = [];
    for (const lot of lots) {
      if (remaining === 0) break;
      const take = Math.min(lot.onHand, remaining);
      takes.push({ lot, quantity: take });
      movements.push({
        id: newId('mov'),
        lotId: lot.id,
        listingId: item.listingId,
        kind: options.kind,
        reason: options.kind === 'adjustment' ? (options.reason ?? null) : null,
        delta: -take,
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
      .reduce((sum, lot) => sum + (onHandAfter.get(lot.id) ?? lot.onHand), 0);
    return { listingId, status: (locked.get(listingId) as { status: repo.ListingStatus }).status, availableStock };
  });
  const settled = await applyStockStates(tx, states, options.now);
  const listings = new Map<string, ListingAllocation>();
  for (const [listingId, takes] of taken) {
    listings.set(listingId, {
      listingId,
      allocations: takes.map(({ lot, quantity }) => ({
        lotId: lot.id,
        quantity,
        memberId: lot.memberId,
        onHand: onHandAfter.get(lot.id) ?? 0,
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
    allocations: readonly { lotId: string; quantity: number }[];
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
    releases: readonly { listingId: string; allocations: readonly { lotId: string; quantity: number }[] }[];
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
  const perLot = new Map<string, { listingId: string; quantity: number }>();
  for (const release of options.releases) {
    for (const allocation of release.allocations) {
      if (allocation.quantity <= 0) continue;
      const entry = perLot.get(allocation.lotId) ?? { listingId: release.listingId, quantity: 0 };
      entry.quantity += allocation.quantity;
      perLot.set(allocation.lotId, entry);
    }
  }
  const movements = [...perLot.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([lotId, { listingId, quantity }]) => ({
      id: newId('mov'),
      lotId,
      listingId,
      kind: 'release' as const,
      reason: null,
      delta: quantity,
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

/**
 * A stock correction by the seller's team. With `lotId`: that lot, which must not go below zero.
 * Without: a positive delta is refused (stock must arrive in a lot), a negative one is written off
 * FEFO across lots. Refusals write nothing: the whole command is one transaction and every check
 * comes before the first write.
 */
export async function adjustStock(
  deps: InventoryDeps,
  user: SessionUser,
  listingId: string,
  input: AdjustmentCreate,
): Promise<AdjustmentResult> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await requireStockWriter(tx, listingId, user);
    const movements: AdjustmentResult['movements'] = [];
    if (input.lotId) {
      const lot = await repo.lockLot(tx, listingId, input.lotId);
      if (!lot) throw invalid('lotId', 'no such lot in this listing', 'not_found');
      if (lot.onHand + input.delta < 0) {
        throw new AppError('INSUFFICIENT_STOCK', {
          message: `the lot holds ${lot.onHand}; cannot take ${-input.delta}`,
          details: { lotId: lot.id, available: lot.onHand, requested: -input.delta },
        });
      }
      const onHand = await repo.applyMovement(tx, {
        id: newId('mov'),
        lotId: lot.id,
        listingId,
        kind: 'adjustment',
        reason: input.reason,
        delta: input.delta,
        authorUserId: user.userId,
        orderId: null,
        createdAt: now,
      });
      movements.push({ lotId: lot.id, delta: input.delta, onHand });
      const state = await syncListingStockStatus(tx, listingId, now);
      return { listingId, delta: input.delta, reason: input.reason, movements, ...state };
    }
    if (input.delta > 0) throw invalid('lotId', 'a positive adjustment must name its lot', 'required');
    const result = await allocateFefo(tx, {
      listingId,
      quantity: -input.delta,
      kind: 'adjustment',
      reason: input.reason,
      authorUserId: user.userId,
      now,
    });
    if (!result.ok) {
      throw new AppError('INSUFFICIENT_STOCK', {
        message: `the listing's lots hold ${result.available}; cannot take ${result.requested}`,
        details: { listingId, available: result.available, requested: result.requested },
      });
    }
    for (const a of result.allocations) movements.push({ lotId: a.lotId, delta: -a.quantity, onHand: a.onHand });
    return {
      listingId,
      delta: input.delta,
      reason: input.reason,
      movements,
      status: result.status,
      availableStock: result.availableStock,
    };
  });
}

/** Sellable stock of several listings at `today` (Vietnam date): on-hand of lots not past their last day. */
export async function findStockOfListings(
  db: DbOrTx,
  listingIds: readonly string[],
  today: string,
): Promise<Map<string, ListingStock>> {
  const stock = new Map<string, ListingStock>(listingIds.map((id) => [id, { availableStock: 0, lots: [] }]));
  for (const lot of await repo.findSellableLots(db, listingIds, today)) {
    const entry = stock.get(lot.listingId);
    if (!entry) continue;
    entry.availableStock += lot.onHand;
    entry.lots.push({ harvestedAt: lot.harvestedAt, expiresAt: lot.expiresAt, available: lot.onHand });
  }
  return stock;
}

/** Codes are typed from labels: case does not matter, and Crockford's look-alikes (I, L, O) are read as 1 and 0. */
export function normaliseTraceCode(typed: string): string | null {
  const code = typed.trim().toLowerCase().replaceAll(/[il]/g, '1').replaceAll('o', '0').replaceAll('-', '');
  return /^[0-9a-hjkmnp-tv-z]{10}$/.test(code) ? code : null;
}

const provinceName = (provinceId: string) => PROVINCES.find((p) => p.id === provinceId)?.name ?? provinceId;

/**
 * A cooperative member as the public may see them (trace page, printed labels): full name,
 * initials or nothing, as the member chose (default initials). Never a phone or an id.
 */
export function publicMember(name: string | null, display: NameDisplay | null): { name: string } | null {
  const shown = name === null ? null : displayedName(name, display ?? 'initials');
  return shown === null ? null : { name: shown };
}

/** Public: the story of the lot behind a trace code. Buyers and phone numbers are never part of it. */
export async function getTrace(deps: InventoryDeps, typedCode: string): Promise<Trace> {
  const traceCode = normaliseTraceCode(typedCode);
  const row = traceCode ? await repo.findTrace(deps.db, traceCode) : null;
  if (!row) throw new AppError('NOT_FOUND', { message: 'no lot with this trace code' });
  const today = vnDate(deps.clock.now());
  const certifications = (await repo.findListingCertificationRows(deps.db, row.listingId))
    .map((r) => toCertification(r.certification))
    .filter((c) => isPubliclyShown(c, today));
  const category = findCategory(row.category);
  const unit = findUnit(row.unit);
  return {
    traceCode: row.traceCode,
    product: {
      listingId: row.listingId,
      title: row.title,
      category: category ?? { id: row.category, vi: row.category, en: row.category },
      unit: unit ?? { id: row.unit, vi: row.unit, en: row.unit },
    },
    seller: {
      id: row.sellerId,
      name: row.sellerName,
      kind: row.sellerKind,
      province: { id: row.provinceId, name: provinceName(row.provinceId) },
      commune: row.commune,
    },
    member: publicMember(row.memberName, row.memberDisplayPreference),
    harvestedAt: row.harvestedAt,
    expiresAt: row.expiresAt,
    receivedAt: row.receivedAt.toISOString(),
    certifications,
  };
}

/** What the listings module asks of inventory (ListingNeeds, wired in app-deps.ts). */
export const listingStock: ListingStockKeeper = { findStockOfListings, receiveLotInTx, syncListingStockStatus };
