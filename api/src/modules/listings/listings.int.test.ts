import { CATEGORY_IDS } from '@nongsan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createCoop, createFarm, createListing, listingBody, uploadPhoto } from '../../../test/listing-factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Every listing of a seller, as its owner sees them (so "nothing was written" can be checked). */
async function teamListingCount(sellerId: string, token: string): Promise<number> {
  const res = await t.call('GET', `/api/v1/sellers/${sellerId}/listings`, { token });
  expect(res.status).toBe(200);
  return res.body.total;
}

describe('GET /categories and /units', () => {
  it('serves the fixed taxonomy with Vietnamese and English names', async () => {
    const categories = await t.call('GET', '/api/v1/categories');
    expect(categories.status).toBe(200);
    expect(categories.body.categories.map((c: { id: string }) => c.id)).toEqual([
      'tea',
      'rice',
      'vegetables',
      'fruit',
      'mushrooms',
      'honey',
      'dried',
      'meat_eggs',
      'seafood',
      'herbs_spices',
      'plants',
      'other',
    ]);
    expect(categories.body.categories[0]).toEqual({ id: 'tea', vi: 'Chè, trà', en: 'Tea' });
    const units = await t.call('GET', '/api/v1/units');
    expect(units.body.units).toEqual(expect.arrayContaining([{ id: 'kg', vi: 'kg', en: 'kg' }]));
    expect(units.body.units.map((u: { vi: string }) => u.vi)).toEqual(
      expect.arrayContaining(['bó', 'quả', 'hộp', 'lít', 'chai']),
    );
  });
});

describe('POST /listings', () => {
  it('creates an active listing with stock, photos and certifications, in one go', async () => {
    const { owner, sellerId } = await createFarm(t);
    const photo = await uploadPhoto(t, owner.token);
    expect(photo.status).toBe(201);
    const cert = await t.call('POST', `/api/v1/sellers/${sellerId}/certifications`, {
      token: owner.token,
      json: {
        type: 'vietgap',
        certificateNumber: 'VG-001',
        issuer: 'QUACERT',
        validFrom: '2026-01-01',
        validTo: '2028-12-31',
      },
    });
    expect(cert.status).toBe(201);
    const res = await t.call('POST', '/api/v1/listings', {
      token: owner.token,
      json: listingBody(sellerId, {
        status: 'active',
        stock: 25,
        minOrder: 2,
        harvestedAt: '2026-11-25',
        shelfLifeDays: 180,
        mediaIds: [photo.body.mediaId],
        certificationIds: [cert.body.id],
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^lst_/),
      seller: {
        id: sellerId,
        name: 'Chè La Bằng nhà anh Hưng',
        kind: 'farmer',
        province: { id: 'thai-nguyen', name: 'Thái Nguyên' },
      },
      title: 'Chè Tân Cương loại đặc biệt',
      category: { id: 'tea', vi: 'Chè, trà', en: 'Tea' },
      unit: { id: 'kg', vi: 'kg', en: 'kg' },
      priceVnd: 800_000,
      minOrder: 2,
      status: 'active',
      availableStock: 25,
      lots: [{ harvestedAt: '2026-11-25', expiresAt: '2027-05-24', available: 25 }],
      photos: [photo.body],
      // The team sees its certificate awaiting verification; the public does not (below).
      certifications: [{ id: cert.body.id, isVerified: false }],
    });
    const publicView = await t.call('GET', `/api/v1/listings/${res.body.id}`);
    expect(publicView.status).toBe(200);
    expect(publicView.body.certifications).toEqual([]);
    expect(publicView.body.photos[0].variants[0]).toEqual({
      width: 400,
      format: 'webp',
      url: expect.stringMatching(/^\/api\/v1\/media\/files\//),
    });
  });

  it('makes a draft by default, and an active listing with no stock is sold out', async () => {
    const { owner, sellerId } = await createFarm(t);
    const draft = await createListing(t, owner.token, sellerId);
    expect(draft).toMatchObject({ status: 'draft', availableStock: 0, lots: [], photos: [], certifications: [] });
    const empty = await createListing(t, owner.token, sellerId, { status: 'active' });
    expect(empty.status).toBe('sold_out');
  });

  it("lets a cooperative's owner, managers and staff list, but not its plain members", async () => {
    const coop = await createCoop(t);
    for (const actor of [coop.owner, coop.manager, coop.staff]) {
      const res = await t.call('POST', '/api/v1/listings', { token: actor.token, json: listingBody(coop.sellerId) });
      expect(res.status).toBe(201);
    }
    const byMember = await t.call('POST', '/api/v1/listings', {
      token: coop.member.token,
      json: listingBody(coop.sellerId),
    });
    expect(byMember.status).toBe(404);
    expect(errorCode(byMember)).toBe('NOT_FOUND');
    expect(await teamListingCount(coop.sellerId, coop.owner.token)).toBe(3);
  });

  it('refuses another farmer (404) and anonymous callers (401), writing nothing', async () => {
    const { owner, sellerId } = await createFarm(t);
    const stranger = await createFarm(t);
    const res = await t.call('POST', '/api/v1/listings', {
      token: stranger.owner.token,
      json: listingBody(sellerId, { stock: 5 }),
    });
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
    const anonymous = await t.call('POST', '/api/v1/listings', { json: listingBody(sellerId) });
    expect(anonymous.status).toBe(401);
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
    expect(await teamListingCount(sellerId, owner.token)).toBe(0);
  });

  it.each([
    ['price of zero', { priceVnd: 0 }, 'priceVnd'],
    ['negative price', { priceVnd: -5000 }, 'priceVnd'],
    ['fractional đồng', { priceVnd: 1500.5 }, 'priceVnd'],
    ['price as a string', { priceVnd: '800000' }, 'priceVnd'],
    ['unknown category', { category: 'flowers' }, 'category'],
    ['unknown unit', { unit: 'tấn' }, 'unit'],
    ['empty title', { title: '  ' }, 'title'],
    ['status set to sold_out', { status: 'sold_out' }, 'status'],
    ['zero stock', { stock: 0 }, 'stock'],
    ['fractional minimum order', { minOrder: 1.5 }, 'minOrder'],
    ['impossible date', { harvestedAt: '2026-02-30' }, 'harvestedAt'],
    ['harvest in the future', { harvestedAt: '2026-12-30' }, 'harvestedAt'],
    ['unknown field', { verified: true }, 'verified'],
    ['a photo never uploaded', { mediaIds: ['0123456789abcdef0123456789abcdef'] }, 'mediaIds.0'],
    ['a malformed photo id', { mediaIds: ['../../etc/passwd'] }, 'mediaIds.0'],
    ['an unknown certification', { certificationIds: ['crt_nope'] }, 'certificationIds.0'],
  ])('refuses %s with 422 naming the field, writing nothing', async (_label, overrides, path) => {
    const { owner, sellerId } = await createFarm(t);
    const res = await t.call('POST', '/api/v1/listings', {
      token: owner.token,
      json: listingBody(sellerId, { stock: 3, ...overrides }),
    });
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(await teamListingCount(sellerId, owner.token)).toBe(0);
  });

  it("refuses another seller's certification", async () => {
    const mine = await createFarm(t);
    const other = await createFarm(t);
    const cert = await t.call('POST', `/api/v1/sellers/${other.sellerId}/certifications`, {
      token: other.owner.token,
      json: {
        type: 'organic',
        certificateNumber: 'ORG-9',
        issuer: 'Control Union',
        validFrom: '2026-01-01',
        validTo: '2027-01-01',
      },
    });
    const res = await t.call('POST', '/api/v1/listings', {
      token: mine.owner.token,
      json: listingBody(mine.sellerId, { certificationIds: [cert.body.id] }),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe('certificationIds.0');
  });

  it('refuses missing fields, a non-JSON body and an oversized body', async () => {
    const { owner, sellerId } = await createFarm(t);
    const { priceVnd: _p, ...noPrice } = listingBody(sellerId);
    const missing = await t.call('POST', '/api/v1/listings', { token: owner.token, json: noPrice });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'priceVnd' })]));
    const notJson = await t.call('POST', '/api/v1/listings', {
      token: owner.token,
      body: 'title=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(notJson.status).toBe(415);
    expect(errorCode(notJson)).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await t.call('POST', '/api/v1/listings', {
      token: owner.token,
      json: listingBody(sellerId, { description: 'x'.repeat(70_000) }),
    });
    expect(big.status).toBe(413);
    expect(errorCode(big)).toBe('PAYLOAD_TOO_LARGE');
    expect(await teamListingCount(sellerId, owner.token)).toBe(0);
  });
});

describe('GET /listings/:listingId', () => {
  it('shows drafts and archived listings to the team only', async () => {
    const coop = await createCoop(t);
    const stranger = await t.signIn();
    const draft = await createListing(t, coop.staff.token, coop.sellerId);
    for (const token of [undefined, stranger.token, coop.member.token]) {
      const res = await t.call('GET', `/api/v1/listings/${draft.id}`, { token });
      expect(res.status).toBe(404);
      expect(errorCode(res)).toBe('NOT_FOUND');
    }
    for (const actor of [coop.owner, coop.manager, coop.staff]) {
      expect((await t.call('GET', `/api/v1/listings/${draft.id}`, { token: actor.token })).body.status).toBe('draft');
    }
    await t.call('DELETE', `/api/v1/listings/${draft.id}`, { token: coop.owner.token });
    expect((await t.call('GET', `/api/v1/listings/${draft.id}`)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/listings/${draft.id}`, { token: coop.manager.token })).body.status).toBe(
      'archived',
    );
  });

  it('shows harvest dates of lots but never who grew them or their trace codes', async () => {
    const coop = await createCoop(t);
    const listing = await createListing(t, coop.owner.token, coop.sellerId, { status: 'active' });
    const lot = await t.call('POST', `/api/v1/listings/${listing.id}/lots`, {
      token: coop.manager.token,
      json: { quantity: 10, harvestedAt: '2026-11-20', memberId: coop.noPhoneMemberId },
    });
    expect(lot.status).toBe(201);
    const res = await t.call('GET', `/api/v1/listings/${listing.id}`);
    expect(res.body).toMatchObject({
      status: 'active',
      availableStock: 10,
      lots: [{ harvestedAt: '2026-11-20', available: 10 }],
    });
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(lot.body.traceCode);
    expect(text).not.toMatch(/mem_|Tám|\+84/);
  });

  it('gives the pickup point with its province, once, as the cart does', async () => {
    const bare = await createFarm(t, { pickupAddress: 'Xóm 3, xã Phú Lương', pickupHours: '7:00–17:00' });
    const named = await createFarm(t, { pickupAddress: 'Xóm Đồng Tiến, xã La Bằng, thai nguyen' });
    const none = await createFarm(t);
    const pickupOf = async (farm: { owner: { token: string }; sellerId: string }) => {
      const listing = await createListing(t, farm.owner.token, farm.sellerId, { status: 'active' });
      return (await t.call('GET', `/api/v1/listings/${listing.id}`)).body.seller.pickup;
    };
    expect(await pickupOf(bare)).toEqual({ address: 'Xóm 3, xã Phú Lương, Thái Nguyên', hours: '7:00–17:00' });
    // Written already (without diacritics): not said twice.
    expect((await pickupOf(named)).address).toBe('Xóm Đồng Tiến, xã La Bằng, thai nguyen');
    expect((await pickupOf(none)).address).toBeNull();
  });

  it('is 404 for an unknown id', async () => {
    const res = await t.call('GET', '/api/v1/listings/lst_nope');
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe('NOT_FOUND');
  });
});

describe('PATCH /listings/:listingId', () => {
  it('edits what is sent, clears nulls and replaces the photo list in order', async () => {
    const { owner, sellerId } = await createFarm(t);
    const [a, b] = [await uploadPhoto(t, owner.token), await uploadPhoto(t, owner.token)];
    const listing = await createListing(t, owner.token, sellerId, { mediaIds: [a.body.mediaId], shelfLifeDays: 30 });
    const res = await t.call('PATCH', `/api/v1/listings/${listing.id}`, {
      token: owner.token,
      json: { priceVnd: 750_000, description: null, shelfLifeDays: null, mediaIds: [b.body.mediaId, a.body.mediaId] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ priceVnd: 750_000, description: null, shelfLifeDays: null, title: listing.title });
    expect(res.body.photos.map((p: { mediaId: string }) => p.mediaId)).toEqual([b.body.mediaId, a.body.mediaId]);
    expect(Date.parse(res.body.updatedAt)).toBe(t.clock.now().getTime());
  });

  it('publishes as sold out while there is no stock, and flips to active when a lot arrives', async () => {
    const { owner, sellerId } = await createFarm(t);
    const listing = await createListing(t, owner.token, sellerId);
    const published = await t.call('PATCH', `/api/v1/listings/${listing.id}`, {
      token: owner.token,
      json: { status: 'active' },
    });
    expect(published.body.status).toBe('sold_out');
    await t.call('POST', `/api/v1/listings/${listing.id}/lots`, { token: owner.token, json: { quantity: 4 } });
    expect((await t.call('GET', `/api/v1/listings/${listing.id}`)).body).toMatchObject({
      status: 'active',
      availableStock: 4,
    });
  });

  it.each([
    ['sellerId', { sellerId: 'sel_other' }, 'sellerId'],
    ['an unknown field', { stock: 5 }, 'stock'],
    ['a price of zero', { priceVnd: 0 }, 'priceVnd'],
    ['status sold_out', { status: 'sold_out' }, 'status'],
    ['a wrong type', { title: 42 }, 'title'],
  ])('refuses %s with 422 and changes nothing', async (_label, body, path) => {
    const { owner, sellerId } = await createFarm(t);
    const listing = await createListing(t, owner.token, sellerId);
    const res = await t.call('PATCH', `/api/v1/listings/${listing.id}`, { token: owner.token, json: body });
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    const after = await t.call('GET', `/api/v1/listings/${listing.id}`, { token: owner.token });
    expect(after.body).toEqual(listing);
  });

  it('refuses an empty edit', async () => {
    const { owner, sellerId } = await createFarm(t);
    const listing = await createListing(t, owner.token, sellerId);
    const res = await t.call('PATCH', `/api/v1/listings/${listing.id}`, { token: owner.token, json: {} });
    expect(res.status).toBe(422);
  });

  it('lets staff edit; members, strangers and anonymous callers cannot', async () => {
    const coop = await createCoop(t);
    const stranger = await createFarm(t);
    const listing = await createListing(t, coop.owner.token, coop.sellerId, { priceVnd: 100_000 });
    for (const [token, status] of [
      [coop.member.token, 404],
      [stranger.owner.token, 404],
      [undefined, 401],
    ] as const) {
      const res = await t.call('PATCH', `/api/v1/listings/${listing.id}`, { token, json: { priceVnd: 1000 } });
      expect(res.status).toBe(status);
    }
    const byStaff = await t.call('PATCH', `/api/v1/listings/${listing.id}`, {
      token: coop.staff.token,
      json: { priceVnd: 120_000 },
    });
    expect(byStaff.body.priceVnd).toBe(120_000);
  });
});

describe('DELETE /listings/:listingId', () => {
  it('archives (200 with the listing), hides it from the public and can be repeated', async () => {
    const { owner, sellerId } = await createFarm(t);
    const listing = await createListing(t, owner.token, sellerId, { status: 'active', stock: 3 });
    const res = await t.call('DELETE', `/api/v1/listings/${listing.id}`, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: listing.id, status: 'archived', availableStock: 3 });
    expect((await t.call('GET', `/api/v1/listings/${listing.id}`)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/sellers/${sellerId}/listings`)).body.total).toBe(0);
    expect((await t.call('DELETE', `/api/v1/listings/${listing.id}`, { token: owner.token })).body.status).toBe(
      'archived',
    );
    const restored = await t.call('PATCH', `/api/v1/listings/${listing.id}`, {
      token: owner.token,
      json: { status: 'active' },
    });
    expect(restored.body.status).toBe('active');
  });

  it('refuses strangers, plain members and anonymous callers', async () => {
    const coop = await createCoop(t);
    const stranger = await t.signIn();
    const listing = await createListing(t, coop.owner.token, coop.sellerId, { status: 'active', stock: 1 });
    for (const [token, status] of [
      [stranger.token, 404],
      [coop.member.token, 404],
      [undefined, 401],
    ] as const) {
      expect((await t.call('DELETE', `/api/v1/listings/${listing.id}`, { token })).status).toBe(status);
    }
    expect((await t.call('GET', `/api/v1/listings/${listing.id}`)).body.status).toBe('active');
  });
});

describe('GET /sellers/:sellerId/listings', () => {
  it('shows the public active and sold-out listings, the team every status, newest first, paged', async () => {
    const { owner, sellerId } = await createFarm(t);
    const active = await createListing(t, owner.token, sellerId, { status: 'active', stock: 2, title: 'Chè A' });
    t.clock.advance(1000);
    const soldOut = await createListing(t, owner.token, sellerId, { status: 'active', title: 'Chè B' });
    t.clock.advance(1000);
    const draft = await createListing(t, owner.token, sellerId, { title: 'Chè C' });
    const publicPage = await t.call('GET', `/api/v1/sellers/${sellerId}/listings`);
    expect(publicPage.body).toMatchObject({ total: 2, page: 1, perPage: 20 });
    expect(publicPage.body.listings.map((l: { id: string }) => l.id)).toEqual([soldOut.id, active.id]);
    const drafts = await t.call('GET', `/api/v1/sellers/${sellerId}/listings?status=draft`);
    expect(drafts.body).toMatchObject({ total: 0, listings: [] });
    const team = await t.call('GET', `/api/v1/sellers/${sellerId}/listings?perPage=2&page=2`, { token: owner.token });
    expect(team.body).toMatchObject({ total: 3, page: 2, perPage: 2 });
    expect(team.body.listings.map((l: { id: string }) => l.id)).toEqual([active.id]);
    const teamDrafts = await t.call('GET', `/api/v1/sellers/${sellerId}/listings?status=draft`, { token: owner.token });
    expect(teamDrafts.body.listings.map((l: { id: string }) => l.id)).toEqual([draft.id]);
  });

  it.each([['perPage=1000'], ['page=0'], ['status=deleted'], ['sort=price']])('refuses ?%s with 422', async (query) => {
    const { sellerId } = await createFarm(t);
    const res = await t.call('GET', `/api/v1/sellers/${sellerId}/listings?${query}`);
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
  });

  it('is 404 for an unknown seller', async () => {
    expect((await t.call('GET', '/api/v1/sellers/sel_nope/listings')).status).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents every catalogue route with strict request bodies', async () => {
    const doc = await t.call('GET', '/api/v1/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/categories',
        '/api/v1/units',
        '/api/v1/media',
        '/api/v1/media/files/{hash}/{file}',
        '/api/v1/listings',
        '/api/v1/listings/{listingId}',
        '/api/v1/listings/{listingId}/lots',
        '/api/v1/listings/{listingId}/adjustments',
        '/api/v1/sellers/{sellerId}/listings',
        '/api/v1/sellers/{sellerId}/certifications',
        '/api/v1/certifications/{certificationId}/verify',
        '/api/v1/trace/{traceCode}',
      ]),
    );
    const create = doc.body.paths['/api/v1/listings'].post.requestBody.content['application/json'].schema;
    expect(create.additionalProperties).toBe(false);
    expect(create.properties.category.enum).toEqual(CATEGORY_IDS);
    const patch = doc.body.paths['/api/v1/listings/{listingId}'].patch.requestBody.content['application/json'].schema;
    expect(Object.keys(patch.properties)).not.toContain('sellerId');
    const upload = doc.body.paths['/api/v1/media'].post.requestBody.content['multipart/form-data'].schema;
    expect(upload.properties.file).toMatchObject({ type: 'string' });
  });
});
