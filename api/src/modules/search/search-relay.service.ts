import { randomUUID } from 'node:crypto';
import { findCategory, type SearchDocument } from '@nongsan/contracts';
import type { DbOrTx } from '@nongsan/db';
import type { MediaStorage } from '@nongsan/media';
import { PROVINCES } from '@nongsan/vn/provinces';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { vnDate } from '../../lib/dates.ts';
import { defineJob, enqueueJob } from '../../lib/jobs/index.ts';
import { findMediaMap } from '../media/index.ts';
import * as repo from './search-outbox.repo.ts';

/** The relay job: no payload (it reads the outbox); retried often, as a busy outbox is normal. */
export const SEARCH_RELAY = defineJob('search.relay', z.object({}), { maxAttempts: 20 });
export const SEARCH_RELAY_JOB = SEARCH_RELAY.kind;

/**
 * How long a relay may hold the outbox before another may take over (renewed before every
 * batch): long enough for a batch of 500 listings on a slow engine, short enough that a crashed
 * relay delays search by seconds, not minutes.
 */
export const RELAY_LEASE_MS = 30_000;

/** Another relay (or a reindex) is at work: this job fails and the queue retries it shortly. */
export class SearchRelayBusyError extends Error {
  constructor() {
    super('another search relay holds the outbox; retrying later');
    this.name = 'SearchRelayBusyError';
  }
}

export type SearchChange = { listingIds: readonly string[] } | { sellerId: string };

type RelayDeps = Pick<Deps, 'db' | 'clock' | 'media' | 'search'>;

/**
 * Records that listings changed in ways search shows, inside the caller's transaction: the outbox
 * rows and the relay job commit with the change or not at all. The job's dedupe key is the first
 * row's id, so a relay already running cannot swallow the trigger of a row it did not see.
 */
export async function recordSearchChange(tx: DbOrTx, change: SearchChange, now: Date): Promise<void> {
  const rows =
    'sellerId' in change ? [{ sellerId: change.sellerId }] : change.listingIds.map((listingId) => ({ listingId }));
  const ids = await repo.insertOutboxRows(tx, rows);
  if (ids.length === 0) return;
  await enqueueJob(tx, SEARCH_RELAY.job({}, { runAt: now, dedupeKey: `${SEARCH_RELAY_JOB}:${ids[0]}` }), now);
}

const provinceName = (provinceId: string) => PROVINCES.find((p) => p.id === provinceId)?.name ?? provinceId;

/**
 * The search documents of the given listings as the database holds them now; listings the public
 * cannot see (draft, archived, gone) are simply absent.
 */
export async function buildSearchDocuments(
  db: DbOrTx,
  storage: MediaStorage,
  listingIds: readonly string[],
  now: Date,
): Promise<SearchDocument[]> {
  // One after the other: the embedded database is one connection.
  const rows = (await repo.findListingsWithSellers(db, listingIds)).filter(
    (r) => r.listing.status === 'active' || r.listing.status === 'sold_out',
  );
  const ids = rows.map((r) => r.listing.id);
  const covers = await repo.findCoverMediaIds(db, ids);
  const certRows = await repo.findVerifiedCertificationTypes(db, ids, vnDate(now));
  const media = await findMediaMap(db, storage, [...covers.values()]);
  const certs = new Map<string, Set<SearchDocument['certifications'][number]>>();
  for (const row of certRows) {
    const set = certs.get(row.listingId) ?? new Set();
    set.add(row.type);
    certs.set(row.listingId, set);
  }
  return rows.map(({ listing, seller }) => {
    const coverId = covers.get(listing.id);
    return {
      id: listing.id,
      title: listing.title,
      description: listing.description ?? '',
      category: listing.category,
      categoryName: findCategory(listing.category)?.vi ?? listing.category,
      unit: listing.unit,
      priceVnd: listing.priceVnd,
      sellerId: seller.id,
      sellerName: seller.name,
      sellerKind: seller.kind,
      provinceId: seller.provinceId,
      provinceName: provinceName(seller.provinceId),
      certifications: [...(certs.get(listing.id) ?? [])].sort(),
      // syncListingStockStatus keeps status in step with sellable stock, so status is the stock flag.
      inStock: listing.status === 'active',
      status: listing.status as SearchDocument['status'],
      location: seller.lat !== null && seller.lng !== null ? { lat: seller.lat, lng: seller.lng } : null,
      harvestedAt: listing.harvestedAt,
      createdAt: listing.createdAt.toISOString(),
      photo: coverId ? (media.get(coverId) ?? null) : null,
      delivery: seller.offersDelivery
        ? { feeVnd: seller.deliveryFeeVnd, freeOverVnd: seller.freeDeliveryOverVnd }
        : null,
    };
  });
}

/** Makes the engine hold exactly the current documents of these listings. Idempotent. */
async function syncListings(deps: RelayDeps, listingIds: readonly string[]): Promise<void> {
  const documents = await buildSearchDocuments(deps.db, deps.media, listingIds, deps.clock.now());
  const present = new Set(documents.map((d) => d.id));
  if (documents.length > 0) await deps.search.apply(documents);
  const gone = listingIds.filter((id) => !present.has(id));
  if (gone.length > 0) await deps.search.delete(gone);
}

/**
 * Runs `work` while holding the relay lease, renewed by each `renew()` call; throws
 * SearchRelayBusyError when another relay holds it. One relay at a time is what keeps the index
 * from going back in time: each batch is built from the database as it is when read, so only a
 * second relay applying an older read after a newer one could undo a change.
 */
async function withRelayLease<T>(deps: RelayDeps, work: (renew: () => Promise<void>) => Promise<T>): Promise<T> {
  const holder = randomUUID();
  const renew = async () => {
    const now = deps.clock.now();
    const taken = await repo.takeRelayLease(deps.db, holder, now, new Date(now.getTime() + RELAY_LEASE_MS));
    if (!taken) throw new SearchRelayBusyError();
  };
  await renew();
  try {
    return await work(renew);
  } finally {
    await repo.releaseRelayLease(deps.db, holder);
  }
}

/**
 * Applies pending outbox rows in id order, a batch at a time: the rows of a batch coalesce into one
 * apply/delete per listing, built from the database as it is NOW, so no order of rows can make the
 * index older than the database. Rows are marked processed only after the engine call succeeded;
 * an error leaves them pending for the job's retry (a crash in between re-applies: idempotent).
 * One relay at a time (the lease). Returns how many rows it processed.
 */
export async function relaySearchOutbox(deps: RelayDeps, batchSize = 500): Promise<number> {
  return withRelayLease(deps, async (renew) => {
    let processed = 0;
    for (;;) {
      const rows = await repo.findPendingOutbox(deps.db, batchSize);
      if (rows.length === 0) return processed;
      const listingIds = new Set(rows.flatMap((r) => (r.listingId ? [r.listingId] : [])));
      const sellerIds = rows.flatMap((r) => (r.sellerId ? [r.sellerId] : []));
      for (const id of await repo.findListingIdsOfSellers(deps.db, sellerIds)) listingIds.add(id);
      await syncListings(deps, [...listingIds].sort());
      await repo.markOutboxProcessed(
        deps.db,
        rows.map((r) => r.id),
        deps.clock.now(),
      );
      processed += rows.length;
      await renew();
    }
  });
}

/**
 * Rebuilds the engine from the database without taking search away: every visible listing is
 * applied again (a replace), then every listing the public cannot see is removed, so buyers keep
 * finding things throughout. `clear` empties the index first, for an index that may hold documents
 * of listings this database never had (another database's, or a test's). Holds the relay lease, so
 * no relay interleaves with the rebuild. Pending outbox rows are left for the relay (re-applying
 * them is harmless). Returns how many listings it indexed.
 */
export async function reindexSearch(
  deps: RelayDeps,
  options: { batchSize?: number; clear?: boolean } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  return withRelayLease(deps, async (renew) => {
    await deps.search.setUp();
    if (options.clear) await deps.search.clear();
    const ids = await repo.findVisibleListingIds(deps.db);
    for (let i = 0; i < ids.length; i += batchSize) {
      const documents = await buildSearchDocuments(deps.db, deps.media, ids.slice(i, i + batchSize), deps.clock.now());
      await deps.search.apply(documents);
      await renew();
    }
    const hidden = await repo.findHiddenListingIds(deps.db);
    for (let i = 0; i < hidden.length; i += batchSize) {
      await deps.search.delete(hidden.slice(i, i + batchSize));
      await renew();
    }
    return ids.length;
  });
}

export function registerSearchRelay(deps: RelayDeps & Pick<Deps, 'jobs'>): void {
  deps.jobs.register(SEARCH_RELAY, async () => {
    await relaySearchOutbox(deps);
  });
}
