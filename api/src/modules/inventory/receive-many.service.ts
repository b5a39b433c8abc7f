import { type LotCreate, MILLI } from '@nongsan/contracts';
import { newId, randomToken, type Tx } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import { addDays, vnDate } from '../../lib/dates.ts';
import * as repo from './inventory.repo.ts';
import { TRACE_CODE_LENGTH } from './lots.service.ts';
import * as many from './receive-many.repo.ts';

// Stock changes of many lots at once (a CSV import of thousands of rows): the same rules and the
// same ledger rows as receiveLotInTx / countLotInTx, in a handful of statements per thousand lots
// instead of several per lot, so the listing locks are held for a fraction of a second.

/** Rows per statement: ~10 parameters a lot keeps a statement far below PostgreSQL's 65 535. */
const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

const invalid = (path: string, message: string, code = 'invalid') =>
  new AppError('VALIDATION_FAILED', { message, details: [{ path, code, message }] });

export type ReceiveLotsOptions = {
  /** Quantities in thousandths (decision 0029); the caller converted them. */
  lots: readonly (Omit<LotCreate, 'quantity'> & { listingId: string; quantityMilli: number })[];
  authorUserId: string | null;
  now: Date;
};

/**
 * Receives several lots inside the caller's transaction, with receiveLotInTx's checks (dates, an
 * active member of the listing's cooperative) and its default expiry (harvest or today + the
 * listing's shelf life). Locks the listings in ascending id order first. Returns the lots in the
 * order given, each holding its quantityMilli. The caller syncs the listings' status afterwards.
 */
export async function receiveLotsInTx(tx: Tx, options: ReceiveLotsOptions): Promise<repo.LotRow[]> {
  if (options.lots.length === 0) return [];
  const today = vnDate(options.now);
  const listings = new Map<string, NonNullable<Awaited<ReturnType<typeof repo.lockListing>>>>();
  for (const listingId of [...new Set(options.lots.map((l) => l.listingId))].sort()) {
    const listing = await repo.lockListing(tx, listingId);
    if (!listing) throw new AppError('NOT_FOUND', { message: 'listing not found' });
    listings.set(listingId, listing);
  }
  const members = new Map<string, Awaited<ReturnType<typeof repo.findMember>>>();
  for (const memberId of new Set(options.lots.flatMap((l) => (l.memberId ? [l.memberId] : [])))) {
    members.set(memberId, await repo.findMember(tx, memberId));
  }
  const values = options.lots.map((lot, index) => {
    const listing = listings.get(lot.listingId)!;
    if (lot.harvestedAt && lot.harvestedAt > today) {
      throw invalid(`lots.${index}.harvestedAt`, 'harvestedAt is in the future');
    }
    if (lot.expiresAt && lot.expiresAt < today) throw invalid(`lots.${index}.expiresAt`, 'expiresAt is in the past');
    if (lot.memberId) {
      const member = members.get(lot.memberId);
      if (!member || member.cooperativeId !== listing.sellerId || member.status !== 'active') {
        throw invalid(`lots.${index}.memberId`, 'not a member of this cooperative', 'not_found');
      }
    }
    if (listing.soldBy === 'unit' && lot.quantityMilli % MILLI !== 0) {
      throw invalid(`lots.${index}.quantity`, 'sold by unit: a whole number', 'whole_units');
    }
    const harvestedAt = lot.harvestedAt ?? null;
    return {
      id: newId('lot'),
      listingId: listing.id,
      memberId: lot.memberId ?? null,
      quantityMilli: lot.quantityMilli,
      harvestedAt,
      expiresAt: lot.expiresAt ?? (listing.shelfLifeDays ? addDays(harvestedAt ?? today, listing.shelfLifeDays) : null),
      traceCode: randomToken(TRACE_CODE_LENGTH),
      receivedByUserId: options.authorUserId,
      createdAt: options.now,
    };
  });
  const inserted = new Map<string, repo.LotRow>();
  for (const chunk of chunks(values)) for (const row of await many.insertLots(tx, chunk)) inserted.set(row.id, row);
  for (const chunk of chunks(values)) {
    await repo.applyMovements(
      tx,
      chunk.map((lot) => ({
        id: newId('mov'),
        lotId: lot.id,
        listingId: lot.listingId,
        kind: 'receive' as const,
        reason: null,
        deltaMilli: lot.quantityMilli,
        authorUserId: options.authorUserId,
        orderId: null,
        createdAt: options.now,
      })),
    );
  }
  return values.map((v) => ({ ...inserted.get(v.id)!, onHandMilli: v.quantityMilli }));
}

export type CountLotsOptions = {
  counts: readonly { lotId: string; countedMilli: number }[];
  authorUserId: string | null;
  now: Date;
};

/**
 * Stock counts of several lots (each at most once) inside the caller's transaction, who holds
 * their listings' locks: one `adjustment` with reason `count` per lot whose count differs from
 * its on-hand. Returns each lot's correction (0 when the count agreed).
 */
export async function countLotsInTx(tx: Tx, options: CountLotsOptions): Promise<Map<string, number>> {
  const deltas = new Map<string, number>();
  const counted = new Map(options.counts.map((c) => [c.lotId, c.countedMilli]));
  if (counted.size !== options.counts.length) throw new Error('countLotsInTx: one count per lot');
  const movements: repo.MovementInsert[] = [];
  for (const chunk of chunks([...counted.keys()])) {
    const locked = await many.lockLotsById(tx, chunk);
    if (locked.length !== chunk.length) throw new Error('countLotsInTx: a lot does not exist');
    for (const lot of locked) {
      const deltaMilli = counted.get(lot.id)! - lot.onHandMilli;
      deltas.set(lot.id, deltaMilli);
      if (deltaMilli === 0) continue;
      movements.push({
        id: newId('mov'),
        lotId: lot.id,
        listingId: lot.listingId,
        kind: 'adjustment',
        reason: 'count',
        deltaMilli,
        authorUserId: options.authorUserId,
        orderId: null,
        createdAt: options.now,
      });
    }
  }
  for (const chunk of chunks(movements)) await repo.applyMovements(tx, chunk);
  return deltas;
}
