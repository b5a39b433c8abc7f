import type { Tx } from '@nongsan/db';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access/index.ts';
import type { SessionUser } from '../../lib/context.ts';
import * as repo from './inventory.repo.ts';

// What every stock command checks first: who may touch a listing's stock, and how a refused
// field is said.

export type InventoryDeps = Pick<Deps, 'db' | 'clock'>;

export const invalid = (path: string, message: string, code = 'invalid') =>
  new AppError('VALIDATION_FAILED', { message, details: [{ path, code, message }] });

/**
 * Locks the listing and checks that the user works for its seller (owner, manager or staff; a
 * cooperative's plain members may not change stock). Anyone else gets 404, as if it did not exist.
 */
export async function requireStockWriter(tx: Tx, listingId: string, user: SessionUser) {
  await requireAccess(tx, user, 'listing.stock', listingId);
  const listing = await repo.lockListing(tx, listingId);
  if (!listing) throw new AppError('NOT_FOUND', { message: 'listing not found' });
  return listing;
}
