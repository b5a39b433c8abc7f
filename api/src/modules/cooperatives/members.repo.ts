import { type DbOrTx, schema } from '@nongsan/db';
import { and, eq, isNull } from 'drizzle-orm';

const { sellers, cooperativeMembers, users } = schema;

export type MemberRow = typeof cooperativeMembers.$inferSelect;
export type CooperativeRow = Pick<typeof sellers.$inferSelect, 'id' | 'kind' | 'name' | 'ownerUserId' | 'provinceId'>;

/** PostgreSQL's unique_violation, whichever driver (postgres.js, PGlite) and wrapper (drizzle) raised it. */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export async function findSeller(db: DbOrTx, sellerId: string): Promise<CooperativeRow | null> {
  const [row] = await db
    .select({
      id: sellers.id,
      kind: sellers.kind,
      name: sellers.name,
      ownerUserId: sellers.ownerUserId,
      provinceId: sellers.provinceId,
    })
    .from(sellers)
    .where(eq(sellers.id, sellerId))
    .limit(1);
  return row ?? null;
}

export async function findMember(db: DbOrTx, cooperativeId: string, memberId: string): Promise<MemberRow | null> {
  const [row] = await db
    .select()
    .from(cooperativeMembers)
    .where(and(eq(cooperativeMembers.cooperativeId, cooperativeId), eq(cooperativeMembers.id, memberId)))
    .limit(1);
  return row ?? null;
}

/** Locks one member row for an edit, so two managers' edits of one member apply one after the other. */
export async function lockMember(db: DbOrTx, cooperativeId: string, memberId: string): Promise<MemberRow | null> {
  const [row] = await db
    .select()
    .from(cooperativeMembers)
    .where(and(eq(cooperativeMembers.cooperativeId, cooperativeId), eq(cooperativeMembers.id, memberId)))
    .for('update');
  return row ?? null;
}

/** The active membership of a user in a cooperative, if any. */
export async function findActiveMembershipOfUser(
  db: DbOrTx,
  cooperativeId: string,
  userId: string,
): Promise<MemberRow | null> {
  const [row] = await db
    .select()
    .from(cooperativeMembers)
    .where(
      and(
        eq(cooperativeMembers.cooperativeId, cooperativeId),
        eq(cooperativeMembers.userId, userId),
        eq(cooperativeMembers.status, 'active'),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function findMemberByPhone(db: DbOrTx, cooperativeId: string, phone: string) {
  const [row] = await db
    .select({ id: cooperativeMembers.id })
    .from(cooperativeMembers)
    .where(and(eq(cooperativeMembers.cooperativeId, cooperativeId), eq(cooperativeMembers.phone, phone)))
    .limit(1);
  return row ?? null;
}

export async function findUserIdByPhone(db: DbOrTx, phone: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.phone, phone)).limit(1);
  return row?.id ?? null;
}

/** Null when the phone is already a member's (a concurrent add won the unique index). */
export async function insertMember(
  db: DbOrTx,
  values: typeof cooperativeMembers.$inferInsert,
): Promise<MemberRow | null> {
  try {
    const [row] = await db.insert(cooperativeMembers).values(values).returning();
    if (!row) throw new Error('member insert returned nothing');
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Null when the new phone is already another member's (unique index). */
export async function updateMember(
  db: DbOrTx,
  memberId: string,
  values: Partial<typeof cooperativeMembers.$inferInsert>,
): Promise<MemberRow | null> {
  try {
    const [row] = await db
      .update(cooperativeMembers)
      .set(values)
      .where(eq(cooperativeMembers.id, memberId))
      .returning();
    if (!row) throw new Error('member update returned nothing');
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function listMembers(db: DbOrTx, cooperativeId: string): Promise<MemberRow[]> {
  return db
    .select()
    .from(cooperativeMembers)
    .where(eq(cooperativeMembers.cooperativeId, cooperativeId))
    .orderBy(cooperativeMembers.createdAt, cooperativeMembers.id);
}

/** Memberships added by phone before the person had an account become theirs when they sign in. */
export async function linkMembershipsByPhone(tx: DbOrTx, userId: string, phone: string): Promise<void> {
  await tx
    .update(cooperativeMembers)
    .set({ userId })
    .where(and(eq(cooperativeMembers.phone, phone), isNull(cooperativeMembers.userId)));
}
