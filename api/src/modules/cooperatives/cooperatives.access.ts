import type { DbOrTx } from '@nongsan/db';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import * as repo from './members.repo.ts';

export type CooperativeAccess = { cooperative: repo.CooperativeRow };

const notFound = () => new AppError('NOT_FOUND', { message: 'cooperative not found' });

/**
 * The first thing every cooperative route does: the caller must hold the permission in this very
 * cooperative (lib/access). Anyone else (another cooperative's manager, a plain member asking for
 * a manager's page, a farm's owner) gets 404, exactly as if it did not exist.
 */
export async function requireCooperative(
  db: DbOrTx,
  cooperativeId: string,
  user: SessionUser,
  permission: 'cooperative.write' | 'cooperative.manage',
): Promise<CooperativeAccess> {
  await requireAccess(db, user, permission, cooperativeId);
  const cooperative = await repo.findSeller(db, cooperativeId);
  if (cooperative?.kind !== 'cooperative') throw notFound();
  return { cooperative };
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
