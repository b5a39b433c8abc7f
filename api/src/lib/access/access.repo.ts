import type { SellerRole } from '@nongsan/contracts';
import { type DbOrTx, schema } from '@nongsan/db';
import { and, eq, inArray } from 'drizzle-orm';

const { cooperativeMembers, fulfilments, listings, sellers } = schema;

// The one place outside the owning modules that reads sellers, listings, fulfilments and
// cooperative_members: only the columns that say who a thing belongs to, and never writes
// (decision 0016). Everything else about these tables goes through their modules.

/** Something access is asked about, named by its id. */
export type Resource = 'seller' | 'cooperative' | 'listing' | 'fulfilment';

/** Where a thing stands for one user: the seller it belongs to and the user's role in it (null: none). */
export type Standing = { sellerId: string; role: SellerRole | null };

type SellerOf = { id: string; sellerId: string; sellerKind: 'farmer' | 'cooperative'; ownerUserId: string };

/** The seller each existing id belongs to; ids that do not exist are left out. */
async function sellersOf(db: DbOrTx, resource: Resource, ids: readonly string[]): Promise<SellerOf[]> {
  const seller = { sellerKind: sellers.kind, ownerUserId: sellers.ownerUserId };
  switch (resource) {
    case 'seller':
    case 'cooperative': {
      const rows = await db
        .select({ id: sellers.id, sellerId: sellers.id, ...seller })
        .from(sellers)
        .where(inArray(sellers.id, [...ids]));
      // A farm is no cooperative: asked as one, it does not exist.
      return resource === 'cooperative' ? rows.filter((r) => r.sellerKind === 'cooperative') : rows;
    }
    case 'listing':
      return db
        .select({ id: listings.id, sellerId: listings.sellerId, ...seller })
        .from(listings)
        .innerJoin(sellers, eq(sellers.id, listings.sellerId))
        .where(inArray(listings.id, [...ids]));
    case 'fulfilment':
      return db
        .select({ id: fulfilments.id, sellerId: fulfilments.sellerId, ...seller })
        .from(fulfilments)
        .innerJoin(sellers, eq(sellers.id, fulfilments.sellerId))
        .where(inArray(fulfilments.id, [...ids]));
  }
}

/** The stronger of two roles a user might hold twice in one cooperative (two memberships by mistake). */
const RANK: Record<SellerRole, number> = { owner: 3, manager: 2, staff: 1, member: 0 };

/**
 * For each existing id, the user's standing: the seller's owner is `owner`; in a cooperative, an
 * active membership gives its role; anything else is no role. Two queries whatever the count.
 */
export async function standingsOf(
  db: DbOrTx,
  resource: Resource,
  userId: string,
  ids: readonly string[],
): Promise<Map<string, Standing>> {
  const found = ids.length === 0 ? [] : await sellersOf(db, resource, ids);
  const cooperativeIds = [...new Set(found.filter((r) => r.sellerKind === 'cooperative').map((r) => r.sellerId))];
  const memberships =
    cooperativeIds.length === 0
      ? []
      : await db
          .select({ cooperativeId: cooperativeMembers.cooperativeId, role: cooperativeMembers.role })
          .from(cooperativeMembers)
          .where(
            and(
              inArray(cooperativeMembers.cooperativeId, cooperativeIds),
              eq(cooperativeMembers.userId, userId),
              eq(cooperativeMembers.status, 'active'),
            ),
          );
  const memberRole = new Map<string, SellerRole>();
  for (const m of memberships) {
    const held = memberRole.get(m.cooperativeId);
    if (!held || RANK[m.role] > RANK[held]) memberRole.set(m.cooperativeId, m.role);
  }
  return new Map(
    found.map((r) => [
      r.id,
      { sellerId: r.sellerId, role: r.ownerUserId === userId ? 'owner' : (memberRole.get(r.sellerId) ?? null) },
    ]),
  );
}
