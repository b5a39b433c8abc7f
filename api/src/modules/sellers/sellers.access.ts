import type { SellerRole } from '@nongsan/contracts';
import type { DbOrTx } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import * as repo from './sellers.repo.ts';

/** The role a user holds in a seller: owner, or their active cooperative membership's role. */
export async function findSellerRole(db: DbOrTx, sellerId: string, userId: string): Promise<SellerRole | null> {
  const seller = await repo.findSeller(db, sellerId);
  if (!seller) return null;
  if (seller.ownerUserId === userId) return 'owner';
  if (seller.kind !== 'cooperative') return null;
  const membership = await repo.findMembershipOfUser(db, sellerId, userId);
  return membership?.role ?? null;
}

/** The role sets live in contracts, so the storefront hides exactly what the API refuses. */
export { SELLER_MANAGERS, SELLER_WRITERS } from '@nongsan/contracts';

/**
 * Access check before anything else: a caller without one of `allowed` roles gets 404, exactly as
 * if the seller did not exist, so private resources never confirm their existence.
 */
export async function requireSellerRole(
  db: DbOrTx,
  sellerId: string,
  user: SessionUser,
  allowed: readonly SellerRole[],
): Promise<SellerRole> {
  const role = await findSellerRole(db, sellerId, user.userId);
  if (!role || !allowed.includes(role)) throw new AppError('NOT_FOUND', { message: 'seller not found' });
  return role;
}
