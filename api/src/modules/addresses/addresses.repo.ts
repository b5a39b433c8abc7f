import { type DbOrTx, schema } from '@nongsan/db';
import { and, asc, count, desc, eq, ne, sql } from 'drizzle-orm';

const { addresses } = schema;

export type AddressRow = typeof addresses.$inferSelect;
export type AddressValues = Pick<
  typeof addresses.$inferInsert,
  'label' | 'recipientName' | 'phone' | 'provinceId' | 'communeCode' | 'street'
>;

/**
 * Serialises the writes to one buyer's address book until the transaction ends: the count before
 * an insert, and which address is the default, are then read by one writer at a time. An advisory
 * lock, because the book has no row of its own to lock and `users` belongs to auth.
 */
export async function lockAddressBook(tx: DbOrTx, userId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`address-book:${userId}`}, 0))`);
}

/** The default first, then in the order they were added. */
export async function listAddressesOfUser(db: DbOrTx, userId: string): Promise<AddressRow[]> {
  return db
    .select()
    .from(addresses)
    .where(eq(addresses.userId, userId))
    .orderBy(desc(addresses.isDefault), asc(addresses.createdAt), asc(addresses.id));
}

export async function countAddressesOfUser(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(addresses).where(eq(addresses.userId, userId));
  return row?.n ?? 0;
}

/** The address if it is this user's; another user's address is as absent as an unknown id. */
export async function findOwnAddress(db: DbOrTx, userId: string, addressId: string): Promise<AddressRow | null> {
  const [row] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, addressId), eq(addresses.userId, userId)))
    .limit(1);
  return row ?? null;
}

export async function insertAddress(
  db: DbOrTx,
  values: AddressValues & { id: string; userId: string; isDefault: boolean; createdAt: Date; updatedAt: Date },
): Promise<AddressRow> {
  const [row] = await db.insert(addresses).values(values).returning();
  if (!row) throw new Error('address insert returned nothing');
  return row;
}

export async function updateAddress(
  db: DbOrTx,
  addressId: string,
  values: Partial<AddressValues> & { updatedAt: Date },
): Promise<AddressRow> {
  const [row] = await db.update(addresses).set(values).where(eq(addresses.id, addressId)).returning();
  if (!row) throw new Error('address update returned nothing');
  return row;
}

/** Clears the user's default (before another takes it: the unique index allows one). */
export async function clearDefault(db: DbOrTx, userId: string, at: Date): Promise<void> {
  await db
    .update(addresses)
    .set({ isDefault: false, updatedAt: at })
    .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true)));
}

export async function markDefault(db: DbOrTx, addressId: string, at: Date): Promise<void> {
  await db.update(addresses).set({ isDefault: true, updatedAt: at }).where(eq(addresses.id, addressId));
}

export async function deleteAddress(db: DbOrTx, addressId: string): Promise<void> {
  await db.delete(addresses).where(eq(addresses.id, addressId));
}

/** The address to make default when the default is deleted: the one used or changed last. */
export async function findLatestOtherAddress(db: DbOrTx, userId: string, exceptId: string): Promise<AddressRow | null> {
  const [row] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.userId, userId), ne(addresses.id, exceptId)))
    .orderBy(desc(addresses.updatedAt), desc(addresses.createdAt), desc(addresses.id))
    .limit(1);
  return row ?? null;
}
