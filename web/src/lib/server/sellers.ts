// The seller profiles a signed-in person can list produce for, and the one a page works on.
import { isSellerWriter, type Me } from '@nongsan/contracts';

export type WritableSeller = { sellerId: string; name: string; kind: 'farmer' | 'cooperative' };

export function writableSellers(me: Me): WritableSeller[] {
  return me.sellers.filter((s) => isSellerWriter(s.role)).map(({ sellerId, name, kind }) => ({ sellerId, name, kind }));
}

/** The seller named in the URL if the person writes for it, else their first one. */
export function chooseSeller(sellers: readonly WritableSeller[], wanted: string | null): WritableSeller | null {
  return sellers.find((s) => s.sellerId === wanted) ?? sellers[0] ?? null;
}
