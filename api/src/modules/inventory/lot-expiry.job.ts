import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { addDays, vnDate, vnDayStart } from '../../lib/dates.ts';
import { defineJob } from '../../lib/jobs/index.ts';
import * as repo from './lot-expiry.repo.ts';
import { syncListingStockStatus } from './stock-status.service.ts';

/**
 * Lot expiry (docs/decisions/0008-cooperatives-stock-and-reports.md). A lot is sellable through its `expiresAt`
 * day in Vietnam; at the next Vietnam midnight it stops selling, which no stock movement records.
 * So once a day, just after midnight in Vietnam, this job flips every active listing whose lots
 * have all expired (or run out) to `sold_out` through syncListingStockStatus, the same status
 * change every stock movement goes through (so search and anything else hooked there follow).
 * Not `archived`: a new lot brings the listing back to `active` by itself.
 *
 * The job schedules its own next run before it works, with a dedupe key per Vietnam date, so
 * several API instances (or a restart) never leave two runs pending for one night, and a sweep
 * that fails is retried by the queue without breaking the daily chain.
 */
export const LOT_EXPIRY = defineJob('lots.expire', z.object({}));
export const LOT_EXPIRY_JOB = LOT_EXPIRY.kind;

type ExpiryDeps = Pick<Deps, 'db' | 'clock' | 'jobs' | 'logger'>;

const dedupeKey = (date: string) => `${LOT_EXPIRY_JOB}:${date}`;

/** Flips listings without sellable stock to sold_out; one short transaction per listing. Returns their ids. */
export async function unlistExpiredListings(deps: Pick<Deps, 'db'>, now: Date): Promise<string[]> {
  const today = vnDate(now);
  const unlisted: string[] = [];
  for (const listingId of await repo.findActiveListingsWithoutSellableStock(deps.db, today)) {
    // Re-checked under the listing lock: a lot received since the query keeps it active.
    const state = await deps.db.transaction((tx) => syncListingStockStatus(tx, listingId, now));
    if (state.status === 'sold_out') unlisted.push(listingId);
  }
  return unlisted;
}

/** Makes sure a sweep is pending: one now (at start-up) keyed by today's date. Idempotent. */
export async function scheduleLotExpiry(deps: ExpiryDeps): Promise<void> {
  const now = deps.clock.now();
  await deps.jobs.enqueue(deps.db, LOT_EXPIRY.job({}, { runAt: now, dedupeKey: dedupeKey(vnDate(now)) }));
}

export function registerLotExpiryJob(deps: ExpiryDeps): void {
  deps.jobs.register(LOT_EXPIRY, async (_payload, { now }) => {
    const tomorrow = addDays(vnDate(now), 1);
    await deps.jobs.enqueue(
      deps.db,
      LOT_EXPIRY.job({}, { runAt: vnDayStart(tomorrow), dedupeKey: dedupeKey(tomorrow) }),
    );
    const unlisted = await unlistExpiredListings(deps, now);
    if (unlisted.length > 0) deps.logger.info({ count: unlisted.length }, 'listings unlisted: every lot expired');
  });
}
