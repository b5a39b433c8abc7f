import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { createFarm, createListing } from '../../../test/listing-factories.ts';
import { queryRows } from '../../../test/sql-rows.ts';
import { addDays, vnDate } from '../../lib/dates.ts';
import { LOT_EXPIRY_JOB, scheduleLotExpiry } from './index.ts';

// The clock moves in this file (days at a time), so it has a test app of its own.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const day = (n: number) => addDays(vnDate(t.clock.now()), n);
const statusOf = async (listingId: string, token?: string) =>
  (await t.call('GET', `/api/v1/listings/${listingId}`, { token })).body.status as string;
const pendingExpiryJobs = () =>
  queryRows<{ run_at: Date | string; dedupe_key: string }>(
    t.db,
    sql`SELECT run_at, dedupe_key FROM jobs
        WHERE kind = ${LOT_EXPIRY_JOB} AND done_at IS NULL AND failed_at IS NULL ORDER BY run_at`,
  );
const movementCount = async (listingId: string) =>
  (
    await queryRows<{ n: number }>(
      t.db,
      sql`SELECT count(*)::int AS n FROM stock_movements WHERE listing_id = ${listingId}`,
    )
  )[0]?.n;

describe(`${LOT_EXPIRY_JOB} job`, () => {
  it('unlists a listing at the Vietnam midnight after its last lot expires, and a new lot brings it back', async () => {
    const farm = await createFarm(t);
    const expiring = await createListing(t, farm.owner.token, farm.sellerId, { status: 'active', title: 'Rau cải' });
    const keeping = await createListing(t, farm.owner.token, farm.sellerId, { status: 'active', title: 'Chè khô' });
    const lot = (listingId: string, json: Record<string, unknown>) =>
      t.call('POST', `/api/v1/listings/${listingId}/lots`, { token: farm.owner.token, json });
    expect((await lot(expiring.id, { quantity: 5, expiresAt: day(0) })).status).toBe(201);
    expect((await lot(expiring.id, { quantity: 3, expiresAt: day(1) })).status).toBe(201);
    expect((await lot(keeping.id, { quantity: 2, expiresAt: day(1) })).status).toBe(201);
    expect((await lot(keeping.id, { quantity: 2 })).status).toBe(201);
    const movementsBefore = await movementCount(expiring.id);

    // The listing and lot writes queued search relay jobs: run them first, so only the sweep counts below.
    while ((await t.jobs.runDue()) > 0) {}
    // Start-up: a sweep now, which schedules the next one for the coming Vietnam midnight.
    await scheduleLotExpiry(t.deps);
    await scheduleLotExpiry(t.deps); // idempotent: several instances start at once
    expect(await t.jobs.runDue()).toBe(1);
    expect(await statusOf(expiring.id)).toBe('active');
    const tomorrow = day(1);
    expect(await pendingExpiryJobs()).toEqual([
      { run_at: expect.anything(), dedupe_key: `${LOT_EXPIRY_JOB}:${tomorrow}` },
    ]);
    const [next] = await pendingExpiryJobs();
    expect(new Date(next!.run_at).toISOString()).toBe(new Date(`${tomorrow}T00:00:00+07:00`).toISOString());

    // Not due a minute before midnight in Vietnam.
    t.clock.advance(new Date(`${tomorrow}T00:00:00+07:00`).getTime() - t.clock.now().getTime() - 60_000);
    expect(await t.jobs.runDue()).toBe(0);

    // Day 1: the first lot expired, the second still sells.
    t.clock.advance(2 * 60_000);
    expect(await t.jobs.runDue()).toBe(1);
    expect(await statusOf(expiring.id)).toBe('active');
    expect((await t.call('GET', `/api/v1/listings/${expiring.id}`)).body.availableStock).toBe(3);

    // Day 2: every lot of `expiring` is past its last day; `keeping` has a lot that keeps.
    t.clock.advance(24 * 3600_000);
    expect(await t.jobs.runDue()).toBe(1);
    expect(await statusOf(expiring.id)).toBe('sold_out');
    expect(await statusOf(keeping.id)).toBe('active');
    // Unlisting is a status change, not a stock movement: the expired units stay for a write-off.
    expect(await movementCount(expiring.id)).toBe(movementsBefore);
    expect(await pendingExpiryJobs()).toEqual([
      { run_at: expect.anything(), dedupe_key: `${LOT_EXPIRY_JOB}:${day(1)}` },
    ]);

    // Not archived: fresh stock lists it again.
    expect((await lot(expiring.id, { quantity: 4, expiresAt: day(3) })).status).toBe(201);
    expect(await statusOf(expiring.id)).toBe('active');
  });

  it('leaves drafts and archived listings alone', async () => {
    const farm = await createFarm(t);
    const draft = await createListing(t, farm.owner.token, farm.sellerId, { status: 'draft' });
    const archived = await createListing(t, farm.owner.token, farm.sellerId, { status: 'active' });
    for (const listing of [draft, archived]) {
      const res = await t.call('POST', `/api/v1/listings/${listing.id}/lots`, {
        token: farm.owner.token,
        json: { quantity: 1, expiresAt: day(0) },
      });
      expect(res.status).toBe(201);
    }
    await t.call('DELETE', `/api/v1/listings/${archived.id}`, { token: farm.owner.token });
    await scheduleLotExpiry(t.deps);
    t.clock.advance(3 * 24 * 3600_000);
    expect(await t.jobs.runDue()).toBeGreaterThan(0);
    expect(await statusOf(draft.id, farm.owner.token)).toBe('draft');
    expect(await statusOf(archived.id, farm.owner.token)).toBe('archived');
  });
});
