import { SearchQuerySchema } from '@nongsan/contracts';
import { schema } from '@nongsan/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { createFarm, createListing } from '../../../test/listing-factories.ts';
import {
  buildSearchDocuments,
  RELAY_LEASE_MS,
  reindexSearch,
  relaySearchOutbox,
  SearchRelayBusyError,
} from './index.ts';

const OPERATOR_PHONE = '+84919990002';

let t: TestApp;
let operator: { token: string };
beforeAll(async () => {
  t = await createTestApp({ env: { ADMIN_PHONES: '0919 990 002' } });
  operator = await t.signIn(OPERATOR_PHONE);
});
afterAll(async () => {
  await t.close();
});

const search = (query: Record<string, unknown>) => t.deps.search.search(SearchQuerySchema.parse(query));

/** Runs every due job (the relay among them) until none is left. */
async function drainJobs() {
  while ((await t.jobs.runDue()) > 0) {}
}

async function pendingOutbox() {
  const rows = await t.db.select().from(schema.searchOutbox);
  return rows.filter((r) => r.processedAt === null).length;
}

describe('search outbox relay', () => {
  it('indexes a new listing only once the relay ran, and writes the outbox row with it', async () => {
    const { owner, sellerId } = await createFarm(t, { name: 'Vườn Bưởi Đoan Hùng' });
    const listing = await createListing(t, owner.token, sellerId, {
      title: 'Bưởi Đoan Hùng quả to',
      category: 'fruit',
      status: 'active',
      stock: 10,
    });
    expect(await pendingOutbox()).toBeGreaterThan(0);
    expect((await search({ q: 'buoi doan hung' })).total).toBe(0);
    await drainJobs();
    const found = await search({ q: 'buoi doan hung' });
    expect(found.hits.map((h) => h.id)).toEqual([listing.id]);
    expect(found.hits[0]).toMatchObject({ sellerName: 'Vườn Bưởi Đoan Hùng', inStock: true, status: 'active' });
    expect(await pendingOutbox()).toBe(0);
  });

  it('retries a failing engine call with the queue backoff and loses nothing', async () => {
    const { owner, sellerId } = await createFarm(t);
    const listing = await createListing(t, owner.token, sellerId, {
      title: 'Mật ong hoa nhãn Hưng Yên',
      category: 'honey',
      status: 'active',
      stock: 5,
    });
    const apply = vi.spyOn(t.deps.search, 'apply').mockRejectedValueOnce(new Error('engine down'));
    await drainJobs();
    expect(apply).toHaveBeenCalledTimes(1);
    // Not marked processed: the row waits for the retry.
    expect(await pendingOutbox()).toBeGreaterThan(0);
    expect((await search({ q: 'mat ong hoa nhan' })).total).toBe(0);
    // Before the backoff nothing runs; after it the retry applies the listing.
    expect(await t.jobs.runDue()).toBe(0);
    t.clock.advance(5_000);
    await drainJobs();
    apply.mockRestore();
    expect((await search({ q: 'mat ong hoa nhan' })).hits.map((h) => h.id)).toEqual([listing.id]);
    expect(await pendingOutbox()).toBe(0);
  });

  it('keeps the final state when a listing is edited twice before the relay runs', async () => {
    const { owner, sellerId } = await createFarm(t);
    const listing = await createListing(t, owner.token, sellerId, {
      title: 'Gạo ST25 Sóc Trăng',
      category: 'rice',
      status: 'active',
      stock: 50,
      priceVnd: 40_000,
    });
    for (const priceVnd of [45_000, 47_000]) {
      const res = await t.call('PATCH', `/api/v1/listings/${listing.id}`, { token: owner.token, json: { priceVnd } });
      expect(res.status).toBe(200);
    }
    await drainJobs();
    const [hit] = (await search({ q: 'gao st25' })).hits;
    expect(hit).toMatchObject({ id: listing.id, priceVnd: 47_000 });
  });

  it('shows a sold-out listing as out of stock after the relay runs', async () => {
    const { owner, sellerId } = await createFarm(t);
    const listing = await createListing(t, owner.token, sellerId, {
      title: 'Nấm hương rừng Bắc Kạn',
      category: 'mushrooms',
      status: 'active',
      stock: 3,
    });
    await drainJobs();
    expect((await search({ q: 'nam huong rung' })).hits[0]).toMatchObject({ id: listing.id, inStock: true });
    const sold = await t.call('POST', `/api/v1/listings/${listing.id}/adjustments`, {
      token: owner.token,
      json: { delta: -3, reason: 'spoilage' },
    });
    expect(sold.status).toBe(200);
    await drainJobs();
    const [hit] = (await search({ q: 'nam huong rung' })).hits;
    expect(hit).toMatchObject({ id: listing.id, inStock: false, status: 'sold_out' });
    expect((await search({ q: 'nam huong rung', inStock: true })).total).toBe(0);
  });

  it('propagates a seller rename to every listing of the seller', async () => {
    const { owner, sellerId } = await createFarm(t, { name: 'Trang trại Cam Vinh' });
    const first = await createListing(t, owner.token, sellerId, {
      title: 'Cam Vinh xã Đoài',
      category: 'fruit',
      status: 'active',
      stock: 4,
    });
    const second = await createListing(t, owner.token, sellerId, {
      title: 'Cam Vinh loại 2',
      category: 'fruit',
      status: 'active',
      stock: 4,
    });
    await drainJobs();
    const renamed = await t.call('PATCH', `/api/v1/sellers/${sellerId}`, {
      token: owner.token,
      json: { name: 'HTX Cam Xã Đoài' },
    });
    expect(renamed.status).toBe(200);
    await drainJobs();
    const hits = (await search({ q: 'cam vinh' })).hits.filter((h) => h.sellerId === sellerId);
    expect(hits.map((h) => h.id).sort()).toEqual([first.id, second.id].sort());
    expect(hits.every((h) => h.sellerName === 'HTX Cam Xã Đoài')).toBe(true);
  });

  it('propagates a seller’s delivery terms: on the hits, and to the "Giao tận nơi" filter (issue 21)', async () => {
    const { owner, sellerId } = await createFarm(t, { name: 'Vườn Ổi Găng Hưng Hà' });
    const listing = await createListing(t, owner.token, sellerId, {
      title: 'Ổi găng Hưng Hà',
      category: 'fruit',
      status: 'active',
      stock: 6,
    });
    await drainJobs();
    const before = await search({ q: 'oi gang hung ha' });
    expect(before.hits[0]).toMatchObject({ id: listing.id, delivery: null });
    expect((await search({ q: 'oi gang hung ha', delivers: true })).total).toBe(0);

    const changed = await t.call('PATCH', `/api/v1/sellers/${sellerId}`, {
      token: owner.token,
      json: { offersDelivery: true, deliveryFeeVnd: 25_000, freeDeliveryOverVnd: 400_000 },
    });
    expect(changed.status).toBe(200);
    await drainJobs();
    const delivering = await search({ q: 'oi gang hung ha', delivers: true });
    expect(delivering.hits.map((h) => h.id)).toEqual([listing.id]);
    expect(delivering.hits[0]?.delivery).toEqual({ feeVnd: 25_000, freeOverVnd: 400_000 });

    // And through the API, with the listing page's view of the same terms.
    const page = await t.call('GET', '/api/v1/search?q=oi%20gang%20hung%20ha&delivers=true');
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(1);
    expect((await t.call('GET', '/api/v1/search?delivers=no')).status).toBe(422);
    const shown = await t.call('GET', `/api/v1/listings/${listing.id}`);
    expect(shown.body.seller).toMatchObject({ delivery: { feeVnd: 25_000, freeOverVnd: 400_000 } });
  });

  it('removes an archived listing from search', async () => {
    const { owner, sellerId } = await createFarm(t);
    const listing = await createListing(t, owner.token, sellerId, {
      title: 'Vải thiều Lục Ngạn',
      category: 'fruit',
      status: 'active',
      stock: 8,
    });
    await drainJobs();
    expect((await search({ q: 'vai thieu luc ngan' })).total).toBe(1);
    const archived = await t.call('DELETE', `/api/v1/listings/${listing.id}`, { token: owner.token });
    expect(archived.status).toBe(200);
    await drainJobs();
    expect((await search({ q: 'vai thieu luc ngan' })).total).toBe(0);
  });

  it('makes a verified certification a badge and a facet', async () => {
    const { owner, sellerId } = await createFarm(t);
    const cert = await t.call('POST', `/api/v1/sellers/${sellerId}/certifications`, {
      token: owner.token,
      json: {
        type: 'vietgap',
        certificateNumber: 'VG-777',
        issuer: 'QUACERT',
        validFrom: '2026-01-01',
        validTo: '2028-12-31',
      },
    });
    expect(cert.status).toBe(201);
    const listing = await createListing(t, owner.token, sellerId, {
      title: 'Rau cải ngọt Đà Lạt',
      category: 'vegetables',
      status: 'active',
      stock: 20,
      certificationIds: [cert.body.id],
    });
    await drainJobs();
    // Unverified: neither badge nor facet.
    let result = await search({ q: 'cai ngot da lat' });
    expect(result.hits[0]).toMatchObject({ id: listing.id, certifications: [] });
    expect(result.facets.certification.vietgap ?? 0).toBe(0);
    const verified = await t.call('POST', `/api/v1/certifications/${cert.body.id}/verify`, { token: operator.token });
    expect(verified.status).toBe(200);
    await drainJobs();
    result = await search({ q: 'cai ngot da lat' });
    expect(result.hits[0]).toMatchObject({ id: listing.id, certifications: ['vietgap'] });
    expect(result.facets.certification.vietgap).toBe(1);
    expect((await search({ q: 'cai ngot', certification: 'vietgap' })).total).toBe(1);
  });

  it('re-applies idempotently and a reindex rebuilds exactly the visible listings', async () => {
    await drainJobs();
    const before = await search({ perPage: 50 });
    // Rows already applied, applied again (a crash after the engine call, before marking): no change.
    await t.db.update(schema.searchOutbox).set({ processedAt: null });
    expect(await relaySearchOutbox(t.deps)).toBeGreaterThan(0);
    const again = await search({ perPage: 50 });
    expect(again.total).toBe(before.total);
    await t.deps.search.clear();
    expect((await search({})).total).toBe(0);
    const indexed = await reindexSearch(t.deps);
    expect(indexed).toBe(before.total);
    const rebuilt = await search({ perPage: 50 });
    expect(rebuilt.hits.map((h) => h.id).sort()).toEqual(before.hits.map((h) => h.id).sort());

    // Without clearing: an index that missed an archive (a lost outbox, an engine restored from an
    // old backup) is put right, and what is visible stays searchable all along.
    const [archived] = await t.db
      .select({ id: schema.listings.id })
      .from(schema.listings)
      .where(eq(schema.listings.status, 'archived'))
      .limit(1);
    expect(archived).toBeDefined();
    const stale = await buildSearchDocuments(
      t.db,
      t.deps.media,
      rebuilt.hits.slice(0, 1).map((h) => h.id),
      t.clock.now(),
    );
    await t.deps.search.apply([{ ...stale[0]!, id: archived!.id, status: 'active', inStock: true }]);
    expect((await search({ perPage: 50 })).total).toBe(before.total + 1);
    expect(await reindexSearch(t.deps)).toBe(before.total);
    const repaired = await search({ perPage: 50 });
    expect(repaired.hits.map((h) => h.id).sort()).toEqual(before.hits.map((h) => h.id).sort());
  });

  it('lets one relay at a time apply the outbox; the other retries, and a crashed holder’s lease runs out', async () => {
    const { owner, sellerId } = await createFarm(t);
    const listing = await createListing(t, owner.token, sellerId, {
      title: 'Cam Cao Phong',
      category: 'fruit',
      status: 'active',
      stock: 8,
      priceVnd: 35_000,
    });
    // The first relay reads the listing, then stalls in the engine call (a slow engine).
    let resume!: () => void;
    const stalled = new Promise<void>((resolve) => {
      resume = resolve;
    });
    const realApply = t.deps.search.apply.bind(t.deps.search);
    const apply = vi.spyOn(t.deps.search, 'apply').mockImplementationOnce(async (documents) => {
      await stalled;
      await realApply(documents);
    });
    const first = relaySearchOutbox(t.deps);
    await vi.waitFor(() => expect(apply).toHaveBeenCalledTimes(1));

    // Meanwhile the price changes and a second relay (another instance) runs: it must not apply
    // its newer read first and let the stalled, older one land after it.
    const edited = await t.call('PATCH', `/api/v1/listings/${listing.id}`, {
      token: owner.token,
      json: { priceVnd: 39_000 },
    });
    expect(edited.status).toBe(200);
    await expect(relaySearchOutbox(t.deps)).rejects.toBeInstanceOf(SearchRelayBusyError);

    resume();
    await first;
    apply.mockRestore();
    // The stalled relay read its rows before the edit; the edit's row was still pending when it
    // looked again, so it applied that too, from the database as it is now.
    expect(await pendingOutbox()).toBe(0);
    expect((await search({ q: 'cam cao phong' })).hits.map((h) => h.priceVnd)).toEqual([39_000]);
    await expect(relaySearchOutbox(t.deps)).resolves.toBe(0);

    // A relay that died holding the lease blocks others only until the lease runs out.
    await t.db
      .insert(schema.searchRelayLease)
      .values({ id: 1, holder: 'crashed', expiresAt: t.clock.now() })
      .onConflictDoUpdate({
        target: schema.searchRelayLease.id,
        set: { holder: 'crashed', expiresAt: new Date(t.clock.now().getTime() + RELAY_LEASE_MS) },
      });
    await expect(relaySearchOutbox(t.deps)).rejects.toBeInstanceOf(SearchRelayBusyError);
    await expect(reindexSearch(t.deps)).rejects.toBeInstanceOf(SearchRelayBusyError);
    t.clock.advance(RELAY_LEASE_MS + 1);
    await expect(relaySearchOutbox(t.deps)).resolves.toBe(0);
  });
});
