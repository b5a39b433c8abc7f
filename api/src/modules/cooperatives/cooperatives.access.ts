import type { SellerRole } from '@nongsan/contracts';
import type { DbOrTx } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import { requireSellerRole } from '../sellers/index.ts';
import * as repo from './members.repo.ts';

export type CooperativeAccess = { cooperative: repo.CooperativeRow; role: SellerRole };

const notFound = () => new AppError('NOT_FOUND', { message: 'cooperative not found' });

/**
 * The first thing every cooperative route does: the caller must hold one of `allowed` roles in
 * this very cooperative. Anyone else (another cooperative's manager, a plain member asking for a
 * manager's page, a farm's owner) gets 404, exactly as if it did not exist.
 */
export async function requireCooperative(
  db: DbOrTx,
  cooperativeId: string,
  user: SessionUser,
  allowed: readonly SellerRole[],
): Promise<CooperativeAccess> {
  let role: SellerRole;
  try {
    role = await requireSellerRole(db, cooperativeId, user, allowed);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound();
    throw error;
  }
  const cooperative = await repo.findSeller(db, cooperativeId);
  if (cooperative?.kind !== 'cooperative') throw notFound();
  return { cooperative, role };
}

/**
 * The caller's own active membership: what a member sees of their own lots and sales. The owner
 * and managers have one too (the founder's is made with the cooperative).
 */
export async function requireOwnMembership(db: DbOrTx, cooperativeId: string, user: SessionUser) {
  const cooperative = await repo.findSeller(db, cooperativeId);
  if (cooperative?.kind !== 'cooperative') throw notFound();
  const member = await repo.findActiveMembershipOfUser(db, cooperativeId, user.userId);
  if (!member) throw notFound();
  return { cooperative, member };
}
