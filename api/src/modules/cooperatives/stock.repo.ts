import { type DbOrTx, schema, type Tx } from '@nongsan/db';
import { and, asc, desc, eq, gt, inArray, ne, or, sql } from 'drizzle-orm';
import { isUniqueViolation } from './members.repo.ts';

const { listings, lots, stockMovements, cooperativeMembers, users, stockImportRefs } = schema;

export type CoopListingRow = Pick<
  typeof listings.$inferSelect,
  'id' | 'title' | 'status' | 'unit' | 'priceVnd' | 'lowStockThresholdMilli'
>;

const listingColumns = {
  id: listings.id,
  title: listings.title,
  status: listings.status,
  unit: listings.unit,
  priceVnd: listings.priceVnd,
  lowStockThresholdMilli: listings.lowStockThresholdMilli,
};

/** The cooperative's listings the stock console shows: every one but the archived, by title. */
export async function listConsoleListings(db: DbOrTx, cooperativeId: string): Promise<CoopListingRow[]> {
  return db
    .select(listingColumns)
    .from(listings)
    .where(and(eq(listings.sellerId, cooperativeId), ne(listings.status, 'archived')))
    .orderBy(asc(listings.title), asc(listings.id));
}

export async function findListingOfCooperative(
  db: DbOrTx,
  cooperativeId: string,
  listingId: string,
): Promise<CoopListingRow | null> {
  const [row] = await db
    .select(listingColumns)
    .from(listings)
    .where(and(eq(listings.sellerId, cooperativeId), eq(listings.id, listingId)))
    .limit(1);
  return row ?? null;
}

/** Listings of this cooperative among `listingIds` (others, and other sellers' listings, are left out). */
export async function findListingsOfCooperative(db: DbOrTx, cooperativeId: string, listingIds: readonly string[]) {
  if (listingIds.length === 0) return [];
  return db
    .select(listingColumns)
    .from(listings)
    .where(and(eq(listings.sellerId, cooperativeId), inArray(listings.id, [...listingIds])));
}

export type CoopLotRow = {
  id: string;
  listingId: string;
  listingTitle: string;
  traceCode: string;
  quantityMilli: number;
  onHandMilli: number;
  harvestedAt: string | null;
  expiresAt: string | null;
  memberId: string | null;
  memberName: string | null;
  importRef: string | null;
  createdAt: Date;
};

const lotColumns = {
  id: lots.id,
  listingId: lots.listingId,
  listingTitle: listings.title,
  traceCode: lots.traceCode,
  quantityMilli: lots.quantityMilli,
  onHandMilli: lots.onHandMilli,
  harvestedAt: lots.harvestedAt,
  expiresAt: lots.expiresAt,
  memberId: lots.memberId,
  memberName: cooperativeMembers.name,
  importRef: stockImportRefs.importRef,
  createdAt: lots.createdAt,
};

/**
 * Lots of the cooperative's listings (archived listings included, so their stock is not lost from
 * the export), FEFO order within each listing. Without `includeEmpty` only lots holding stock.
 */
export async function listLotsOfCooperative(
  db: DbOrTx,
  cooperativeId: string,
  options: { includeEmpty: boolean },
): Promise<CoopLotRow[]> {
  return db
    .select(lotColumns)
    .from(lots)
    .innerJoin(listings, eq(listings.id, lots.listingId))
    .leftJoin(cooperativeMembers, eq(cooperativeMembers.id, lots.memberId))
    .leftJoin(stockImportRefs, eq(stockImportRefs.lotId, lots.id))
    .where(and(eq(listings.sellerId, cooperativeId), options.includeEmpty ? undefined : gt(lots.onHandMilli, 0)))
    .orderBy(
      asc(listings.title),
      asc(lots.listingId),
      sql`${lots.expiresAt} ASC NULLS LAST`,
      sql`${lots.harvestedAt} ASC NULLS LAST`,
      asc(lots.id),
    );
}

/** Lots of this cooperative named by id or by trace code (a CSV may carry either). */
export async function findLotsOfCooperative(
  db: DbOrTx,
  cooperativeId: string,
  refs: { lotIds: readonly string[]; traceCodes: readonly string[] },
): Promise<CoopLotRow[]> {
  if (refs.lotIds.length === 0 && refs.traceCodes.length === 0) return [];
  return db
    .select(lotColumns)
    .from(lots)
    .innerJoin(listings, eq(listings.id, lots.listingId))
    .leftJoin(cooperativeMembers, eq(cooperativeMembers.id, lots.memberId))
    .leftJoin(stockImportRefs, eq(stockImportRefs.lotId, lots.id))
    .where(
      and(
        eq(listings.sellerId, cooperativeId),
        or(
          refs.lotIds.length > 0 ? inArray(lots.id, [...refs.lotIds]) : undefined,
          refs.traceCodes.length > 0 ? inArray(lots.traceCode, [...refs.traceCodes]) : undefined,
        ),
      ),
    );
}

export type AdjustmentRow = {
  id: string;
  listingId: string;
  lotId: string;
  deltaMilli: number;
  reason: 'spoilage' | 'count' | 'other';
  createdAt: Date;
  authorUserId: string | null;
  authorName: string | null;
  authorMemberName: string | null;
};

/**
 * The latest `perListing` adjustments of each of the cooperative's listings, newest first, with
 * who made them: the person's own name, else the name the cooperative knows them by.
 */
export async function listRecentAdjustments(
  db: DbOrTx,
  cooperativeId: string,
  perListing: number,
): Promise<AdjustmentRow[]> {
  const ranked = db
    .select({
      id: stockMovements.id,
      listingId: stockMovements.listingId,
      lotId: stockMovements.lotId,
      deltaMilli: stockMovements.deltaMilli,
      reason: stockMovements.reason,
      createdAt: stockMovements.createdAt,
      authorUserId: stockMovements.authorUserId,
      rank: sql<number>`row_number() over (partition by ${stockMovements.listingId} order by ${stockMovements.createdAt} desc, ${stockMovements.id} desc)`.as(
        'rank',
      ),
    })
    .from(stockMovements)
    .innerJoin(listings, eq(listings.id, stockMovements.listingId))
    .where(and(eq(listings.sellerId, cooperativeId), eq(stockMovements.kind, 'adjustment')))
    .as('ranked');
  const rows = await db
    .select({
      id: ranked.id,
      listingId: ranked.listingId,
      lotId: ranked.lotId,
      deltaMilli: ranked.deltaMilli,
      reason: ranked.reason,
      createdAt: ranked.createdAt,
      authorUserId: ranked.authorUserId,
      authorName: users.name,
      authorMemberName: cooperativeMembers.name,
    })
    .from(ranked)
    .leftJoin(users, eq(users.id, ranked.authorUserId))
    .leftJoin(
      cooperativeMembers,
      and(eq(cooperativeMembers.userId, ranked.authorUserId), eq(cooperativeMembers.cooperativeId, cooperativeId)),
    )
    .where(sql`${ranked.rank} <= ${perListing}`)
    .orderBy(asc(ranked.listingId), desc(ranked.createdAt), desc(ranked.id));
  return rows.map((r) => ({ ...r, reason: r.reason ?? 'other' }));
}

export type MemberNameRow = { id: string; name: string; status: 'active' | 'inactive' };

export async function listMemberNames(db: DbOrTx, cooperativeId: string): Promise<MemberNameRow[]> {
  return db
    .select({ id: cooperativeMembers.id, name: cooperativeMembers.name, status: cooperativeMembers.status })
    .from(cooperativeMembers)
    .where(eq(cooperativeMembers.cooperativeId, cooperativeId));
}

/** Import references of this cooperative already applied, among `importRefs`. */
export async function findImportRefs(db: DbOrTx, cooperativeId: string, importRefs: readonly string[]) {
  if (importRefs.length === 0) return [];
  return db
    .select({ importRef: stockImportRefs.importRef, lotId: stockImportRefs.lotId })
    .from(stockImportRefs)
    .where(and(eq(stockImportRefs.cooperativeId, cooperativeId), inArray(stockImportRefs.importRef, [...importRefs])));
}

/**
 * Records the import references of new lots. False when one was taken meanwhile (a concurrent
 * import of the same file); the caller must then abandon its transaction.
 */
export async function insertImportRefs(
  tx: Tx,
  values: readonly (typeof stockImportRefs.$inferInsert)[],
): Promise<boolean> {
  try {
    for (let i = 0; i < values.length; i += 1000) await tx.insert(stockImportRefs).values(values.slice(i, i + 1000));
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Locks listings in ascending id order, the order every multi-listing stock command uses, so an
 * import never deadlocks with an order or another import.
 */
export async function lockListingsInOrder(tx: Tx, listingIds: readonly string[]): Promise<void> {
  if (listingIds.length === 0) return;
  await tx
    .select({ id: listings.id })
    .from(listings)
    .where(inArray(listings.id, [...listingIds]))
    .orderBy(asc(listings.id))
    .for('update');
}

/**
 * What a printed label needs of each lot of this cooperative among `lotIds`. No phone, no buyer:
 * the member's name comes with their display choice, applied before anything leaves the service.
 */
export async function findLabelLots(db: DbOrTx, cooperativeId: string, lotIds: readonly string[]) {
  if (lotIds.length === 0) return [];
  return db
    .select({
      lotId: lots.id,
      traceCode: lots.traceCode,
      harvestedAt: lots.harvestedAt,
      expiresAt: lots.expiresAt,
      listingId: listings.id,
      title: listings.title,
      unit: listings.unit,
      memberName: cooperativeMembers.name,
      memberDisplayPreference: cooperativeMembers.displayPreference,
    })
    .from(lots)
    .innerJoin(listings, eq(listings.id, lots.listingId))
    .leftJoin(cooperativeMembers, eq(cooperativeMembers.id, lots.memberId))
    .where(and(eq(listings.sellerId, cooperativeId), inArray(lots.id, [...lotIds])));
}
