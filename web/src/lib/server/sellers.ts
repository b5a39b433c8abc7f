// The seller profiles a signed-in person can list produce for, and the one a page works on.
import type { Me } from '@nongsan/contracts';

/** Roles that list produce and manage stock for a seller (the API's SELLER_WRITERS). */
const WRITER_ROLES = new Set(['owner', 'manager', 'staff']);

export type WritableSeller = { sellerId: string; name: string; kind: 'farmer' | 'cooperative' };

export function writableSellers(me: Me): WritableSeller[] {
  return me.sellers
    .filter((s) => WRITER_ROLES.has(s.role))
    .map(({ sellerId, name, kind }) => ({ sellerId, name, kind }));
}

/** The seller named in the URL if the person writes for it, else their first one. */
export function chooseSeller(sellers: readonly WritableSeller[], wanted: string | null): WritableSeller | null {
  return sellers.find((s) => s.sellerId === wanted) ?? sellers[0] ?? null;
}
