import { type DbOrTx, schema } from '@nongsan/db';
import { and, count, eq } from 'drizzle-orm';

const { sellers, cooperativeMembers } = schema;

export type SellerRow = typeof sellers.$inferSelect;
export type MemberRow = typeof cooperativeMembers.$inferSelect;

export async function insertSeller(db: DbOrTx, values: typeof sellers.$inferInsert): Promise<SellerRow> {
  const [row] = await db.insert(sellers).values(values).returning();
  if (!row) throw new Error('seller insert returned nothing');
  return row;
}

export async function updateSeller(
  db: DbOrTx,
  sellerId: string,
  values: Partial<typeof sellers.$inferInsert>,
): Promise<SellerRow | null> {
  const [row] = await db.update(sellers).set(values).where(eq(sellers.id, sellerId)).returning();
  return row ?? null;
}

export async function findSeller(db: DbOrTx, sellerId: string): Promise<SellerRow | null> {
  const [row] = await db.select().from(sellers).where(eq(sellers.id, sellerId)).limit(1);
  return row ?? null;
}

export async function findFarmerOwnedBy(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ id: sellers.id })
    .from(sellers)
    .where(and(eq(sellers.ownerUserId, userId), eq(sellers.kind, 'farmer')))
    .limit(1);
  return row ?? null;
}

export async function countActiveMembers(db: DbOrTx, cooperativeId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(cooperativeMembers)
    .where(and(eq(cooperativeMembers.cooperativeId, cooperativeId), eq(cooperativeMembers.status, 'active')));
  return row?.n ?? 0;
}
