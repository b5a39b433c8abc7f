// Who in a seller does what, written once: the API enforces it, the storefront uses it only to
// leave out pages and buttons the API would refuse anyway.
import type { SellerRole } from './auth.ts';

/** Roles that act for a seller in its day-to-day work: listings, stock, receiving, orders. */
export const SELLER_WRITERS: readonly SellerRole[] = ['owner', 'manager', 'staff'];

/** Roles that manage a cooperative itself (members, reports) and give money back. */
export const SELLER_MANAGERS: readonly SellerRole[] = ['owner', 'manager'];

export const isSellerWriter = (role: SellerRole | null | undefined): boolean =>
  role != null && SELLER_WRITERS.includes(role);

export const isSellerManager = (role: SellerRole | null | undefined): boolean =>
  role != null && SELLER_MANAGERS.includes(role);
