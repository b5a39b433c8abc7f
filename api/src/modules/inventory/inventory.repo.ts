import { type DbOrTx, schema, type Tx } from '@nongsan/db';
import { and, asc, eq, gt, gte, inArray, isNull, or, sql } from 'drizzle-orm';

const { listings, lots, stockMovements, cooperativeMembers, sellers, certifications, listingCertifications } = schema;

export type LotRow = typeof lots.$inferSelect;
export type MovementKind = (typeof stockMovements.$inferSelect)['kind'];
export type AdjustmentReason = NonNullable<(typeof stockMovements.$inferSelect)['reason']>;
export type ListingStatus = (typeof listings.$inferSelect)['status'];

/** Sellable lots only: not past their last day (a null expiry keeps). */
const notExpired = (today: string) => or(isNull(lots.expiresAt), gte(lots.expiresAt, today));

/**
 * Locks the listing row for the rest of the transaction. Every stock change of a listing takes
 * this lock first (then its lots, in FEFO order), so two changes of one listing cannot interleave
 * their sold-out checks, and the lock order is the same everywhere (no deadlocks).
 */
export async function lockListing(tx: Tx, listingId: string) {
  const [row] = await tx
    .select({
      id: listings.id,
      sellerId: listings.sellerId,
      status: listings.status,
      shelfLifeDays: listings.shelfLifeDays,
      soldBy: listings.soldBy,
    })
    .from(listings)
    .where(eq(listings.id, listingId))
    .for('update');
  return row ?? null;
}

export async function findMember(db: DbOrTx, memberId: string) {
  const [row] = await db
    .select({
      id: cooperativeMembers.id,
      cooperativeId: cooperativeMembers.cooperativeId,
      status: cooperativeMembers.status,
      name: cooperativeMembers.name,
    })
    .from(cooperativeMembers)
    .where(eq(cooperativeMembers.id, memberId))
    .limit(1);
  return row ?? null;
}

/** A new lot starts empty: its stock arrives with the `receive` movement, like every other change. */
export async function insertLot(tx: Tx, values: Omit<typeof lots.$inferInsert, 'onHandMilli'>): Promise<LotRow> {
  const [row] = await tx
    .insert(lots)
    .values({ ...values, onHandMilli: 0 })
    .returning();
  if (!row) throw new Error('lot insert returned nothing');
  return row;
}

export type MovementInsert = {
  id: string;
  lotId: string;
  listingId: string;
  kind: MovementKind;
  reason: AdjustmentReason | null;
  deltaMilli: number;
  authorUserId: string | null;
  orderId: string | null;
  createdAt: Date;
};

/**
 * The only way stock changes: the ledger row and the lot's on-hand move together, in the caller's
 * transaction. The CHECK (on_hand_milli >= 0) refuses a change that would go below zero even if a caller
 * skipped its own check; the lot row must already be locked by the caller.
 */
export async function applyMovement(tx: Tx, movement: MovementInsert): Promise<number> {
  const [lot] = await tx
    .update(lots)
    .set({ onHandMilli: sql`${lots.onHandMilli} + ${movement.deltaMilli}` })
    .where(and(eq(lots.id, movement.lotId), eq(lots.listingId, movement.listingId)))
    .returning({ onHandMilli: lots.onHandMilli });
  if (!lot) throw new Error(`movement for lot ${movement.lotId} of another listing`);
  await tx.insert(stockMovements).values(movement);
  return lot.onHandMilli;
}

/**
 * Movements of several lots in one statement (an UPDATE of every lot's on-hand and an INSERT of
 * every ledger row, as two parts of one WITH), for commands that touch many lots at once (an
 * order). Same contract as applyMovement: the caller holds the locks; each lot appears at most
 * once. Returns each lot's on-hand after.
 */
export async function applyMovements(tx: Tx, movements: readonly MovementInsert[]): Promise<Map<string, number>> {
  if (movements.length === 0) return new Map();
  if (new Set(movements.map((m) => m.lotId)).size !== movements.length) {
    throw new Error('applyMovements: one movement per lot');
  }
  const values = sql.join(
    movements.map((m) => sql`(${m.lotId}, ${m.listingId}, ${m.deltaMilli}::int)`),
    sql`, `,
  );
  const update = tx
    .update(lots)
    .set({ onHandMilli: sql`${lots.onHandMilli} + v.delta_milli` })
    .from(sql`(VALUES ${values}) AS v(lot_id, listing_id, delta_milli)`)
    .where(and(eq(lots.id, sql`v.lot_id`), eq(lots.listingId, sql`v.listing_id`)))
    .returning({ id: lots.id, onHandMilli: lots.onHandMilli });
  const insert = tx.insert(stockMovements).values([...movements]);
  const rows = rowsOf<{ id: string; on_hand_milli: number }>(
    await tx.execute(
      sql`WITH moved AS (${update.getSQL()}), ledger AS (${insert.getSQL()}) SELECT id, on_hand_milli FROM moved`,
    ),
  );
  if (rows.length !== movements.length) throw new Error('applyMovements: a movement names a lot of another listing');
  return new Map(rows.map((r) => [r.id, Number(r.on_hand_milli)]));
}

/** postgres.js returns an array, PGlite an object with `rows`. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * Locks several listings in ascending id order: the order every multi-listing stock change takes
 * them in, so two of them (two carts with the same items in opposite order) never deadlock.
 */
export async function lockListings(tx: Tx, listingIds: readonly string[]) {
  if (listingIds.length === 0) return [];
  return tx
    .select({ id: listings.id, sellerId: listings.sellerId, status: listings.status })
    .from(listings)
    .where(inArray(listings.id, [...listingIds]))
    .orderBy(asc(listings.id))
    .for('update');
}

/**
 * Locks the lots holding stock of several listings in one statement: by listing id (the order the
 * listings were locked in), then FEFO within each listing. Only ever called with those listings
 * already locked, so the lot locks add no new wait cycle. With `sellableOn`, expired lots are left out.
 */
export async function lockLotsFefo(tx: Tx, listingIds: readonly string[], sellableOn: string | null) {
  if (listingIds.length === 0) return [];
  return tx
    .select({
      id: lots.id,
      listingId: lots.listingId,
      onHandMilli: lots.onHandMilli,
      memberId: lots.memberId,
      expiresAt: lots.expiresAt,
    })
    .from(lots)
    .where(
      and(
        inArray(lots.listingId, [...listingIds]),
        gt(lots.onHandMilli, 0),
        sellableOn === null ? undefined : notExpired(sellableOn),
      ),
    )
    .orderBy(
      asc(lots.listingId),
      sql`${lots.expiresAt} ASC NULLS LAST`,
      sql`${lots.harvestedAt} ASC NULLS LAST`,
      asc(lots.id),
    )
    .for('update');
}

/** Locks one lot of a listing. */
export async function lockLot(tx: Tx, listingId: string, lotId: string) {
  const [row] = await tx
    .select()
    .from(lots)
    .where(and(eq(lots.id, lotId), eq(lots.listingId, listingId)))
    .for('update');
  return row ?? null;
}

export async function sumOnHand(db: DbOrTx, listingId: string, sellableOn: string | null): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${lots.onHandMilli}), 0)::bigint`.mapWith(Number) })
    .from(lots)
    .where(and(eq(lots.listingId, listingId), sellableOn === null ? undefined : notExpired(sellableOn)));
  return row?.total ?? 0;
}

/** Sellable on-hand of several listings (0 for a listing without lots). */
export async function sumOnHandOfListings(db: DbOrTx, listingIds: readonly string[], sellableOn: string) {
  if (listingIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({
      listingId: lots.listingId,
      total: sql<number>`coalesce(sum(${lots.onHandMilli}), 0)::bigint`.mapWith(Number),
    })
    .from(lots)
    .where(and(inArray(lots.listingId, [...listingIds]), notExpired(sellableOn)))
    .groupBy(lots.listingId);
  const totals = new Map<string, number>(listingIds.map((id) => [id, 0]));
  for (const row of rows) totals.set(row.listingId, row.total);
  return totals;
}

/** Sellable lots with stock of several listings, soonest expiry first. */
export async function findSellableLots(db: DbOrTx, listingIds: readonly string[], today: string) {
  if (listingIds.length === 0) return [];
  return db
    .select({
      listingId: lots.listingId,
      harvestedAt: lots.harvestedAt,
      expiresAt: lots.expiresAt,
      onHandMilli: lots.onHandMilli,
    })
    .from(lots)
    .where(and(inArray(lots.listingId, [...listingIds]), gt(lots.onHandMilli, 0), notExpired(today)))
    .orderBy(sql`${lots.expiresAt} ASC NULLS LAST`, sql`${lots.harvestedAt} ASC NULLS LAST`, asc(lots.id));
}

export async function listLotsOfListing(db: DbOrTx, listingId: string) {
  return db
    .select({ lot: lots, memberName: cooperativeMembers.name })
    .from(lots)
    .leftJoin(cooperativeMembers, eq(cooperativeMembers.id, lots.memberId))
    .where(eq(lots.listingId, listingId))
    .orderBy(sql`${lots.expiresAt} ASC NULLS LAST`, sql`${lots.harvestedAt} ASC NULLS LAST`, asc(lots.id));
}

/**
 * A lot's public story. Columns are listed one by one on purpose: nothing with a phone number
 * (members' phones, users) or a buyer is selected, so nothing of the kind can leak from here.
 */
export async function findTrace(db: DbOrTx, traceCode: string) {
  const [row] = await db
    .select({
      traceCode: lots.traceCode,
      harvestedAt: lots.harvestedAt,
      expiresAt: lots.expiresAt,
      receivedAt: lots.createdAt,
      listingId: listings.id,
      title: listings.title,
      category: listings.category,
      unit: listings.unit,
      sellerId: sellers.id,
      sellerName: sellers.name,
      sellerKind: sellers.kind,
      provinceId: sellers.provinceId,
      commune: sellers.commune,
      memberName: cooperativeMembers.name,
      /** The member's choice of full name, initials or nothing: applied before anything leaves. */
      memberDisplayPreference: cooperativeMembers.displayPreference,
    })
    .from(lots)
    .innerJoin(listings, eq(listings.id, lots.listingId))
    .innerJoin(sellers, eq(sellers.id, listings.sellerId))
    .leftJoin(cooperativeMembers, eq(cooperativeMembers.id, lots.memberId))
    .where(eq(lots.traceCode, traceCode))
    .limit(1);
  return row ?? null;
}

export async function findListingCertificationRows(db: DbOrTx, listingId: string) {
  return db
    .select({ certification: certifications })
    .from(listingCertifications)
    .innerJoin(certifications, eq(certifications.id, listingCertifications.certificationId))
    .where(eq(listingCertifications.listingId, listingId))
    .orderBy(asc(certifications.createdAt), asc(certifications.id));
}
