import type { SellerRole } from '@nongsan/contracts';
import { type DbOrTx, schema } from '@nongsan/db';
import { and, eq } from 'drizzle-orm';

const { sellers, cooperativeMembers } = schema;

const ROLE_STRENGTH: Record<SellerRole, number> = { owner: 3, manager: 2, staff: 1, member: 0 };

/** Sellers a user owns or belongs to (active memberships), each once with the strongest role. */
export async function listSellerRolesOfUser(db: DbOrTx, userId: string) {
  const owned = await db
    .select({ sellerId: sellers.id, kind: sellers.kind, name: sellers.name })
    .from(sellers)
    .where(eq(sellers.ownerUserId, userId));
  const memberships = await db
    .select({
      sellerId: sellers.id,
      kind: sellers.kind,
      name: sellers.name,
      role: cooperativeMembers.role,
      memberId: cooperativeMembers.id,
    })
    .from(cooperativeMembers)
    .innerJoin(sellers, eq(sellers.id, cooperativeMembers.cooperativeId))
    .where(and(eq(cooperativeMembers.userId, userId), eq(cooperativeMembers.status, 'active')));

  const bySeller = new Map<
    string,
    { sellerId: string; kind: 'farmer' | 'cooperative'; name: string; role: SellerRole; memberId: string | null }
  >();
  for (const s of owned) bySeller.set(s.sellerId, { ...s, role: 'owner', memberId: null });
  for (const m of memberships) {
    const existing = bySeller.get(m.sellerId);
    if (!existing) bySeller.set(m.sellerId, m);
    else {
      existing.memberId ??= m.memberId;
      if (ROLE_STRENGTH[m.role] > ROLE_STRENGTH[existing.role]) existing.role = m.role;
    }
  }
  return [...bySeller.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
