// The cooperative console (/hop-tac-xa/[sellerId]/…): who may open which page, and what a page
// does when an API call fails. The API decides every access for real (anyone without the role
// gets 404 there); these checks only keep a page from rendering half of itself before that.
import { isSellerManager, isSellerWriter, type SellerRole } from '@nongsan/contracts';
import { error, redirect } from '@sveltejs/kit';
import type { ApiFailure } from './api.ts';
import { signInUrl } from './redirect.ts';
import { requireMe } from './session.ts';

export type CoopAccess = {
  sellerId: string;
  name: string;
  role: SellerRole;
  /** The person's own membership (the owner and staff have one too); null if none. */
  memberId: string | null;
  /** Owner, manager, staff: stock, receiving, labels, CSV, packing list, members (read-only for staff). */
  canWork: boolean;
  /** Owner, manager: members' changes and sales reports. */
  canManage: boolean;
};

/** What a page needs: any role (a member's own page), the day-to-day team, or the managers. */
export type CoopNeed = 'member' | 'worker' | 'manager';

/**
 * The signed-in person's access to this cooperative, or 404: someone outside it, or a plain
 * member opening a manager's page, sees the same "not found" the API would answer.
 */
export async function requireCoop(locals: App.Locals, url: URL, sellerId: string, need: CoopNeed): Promise<CoopAccess> {
  const me = await requireMe(locals, url);
  const seller = me.sellers.find((s) => s.sellerId === sellerId && s.kind === 'cooperative');
  if (!seller) error(404, { message: 'cooperative not found' });
  const access: CoopAccess = {
    sellerId: seller.sellerId,
    name: seller.name,
    role: seller.role,
    memberId: seller.memberId,
    canWork: isSellerWriter(seller.role),
    canManage: isSellerManager(seller.role),
  };
  const allowed = need === 'member' ? true : need === 'worker' ? access.canWork : access.canManage;
  if (!allowed) error(404, { message: 'cooperative page not found' });
  return access;
}

/**
 * A load whose API call failed: a lost session signs in again and comes back, a cooperative or
 * thing that is not (or no longer) the person's is not found, an unreachable API is "try again
 * shortly"; anything else is a bug, logged by handleError.
 */
export function failLoad(failure: ApiFailure, url: URL, what: string): never {
  if (failure.code === 'UNAUTHENTICATED') redirect(303, signInUrl(url));
  if (failure.code === 'NOT_FOUND') error(404, { message: `${what} not found` });
  if (failure.code === 'NETWORK' || failure.code === 'SERVICE_UNAVAILABLE') error(503, { message: 'api unavailable' });
  throw new Error(`${what}: ${failure.code} ${failure.message}`);
}
