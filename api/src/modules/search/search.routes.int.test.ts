import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createFarm, createListing } from '../../../test/listing-factories.ts';

let t: TestApp;
let teaId: string;
let riceId: string;
beforeAll(async () => {
  t = await createTestApp();
  const farm = await createFarm(t, { name: 'Chè La Bằng nhà anh Hưng', province: 'Thái Nguyên' });
  await t.call('PATCH', `/api/v1/sellers/${farm.sellerId}`, {
    token: farm.owner.token,
    json: { location: { lat: 21.59, lng: 105.85 } },
  });
  teaId = (
    await createListing(t, farm.owner.token, farm.sellerId, {
      title: 'Chè Tân Cương móc câu',
      status: 'active',
      stock: 9,
    })
  ).id;
  const south = await createFarm(t, { name: 'Ruộng lúa Sóc Trăng', province: 'Sóc Trăng' });
  riceId = (
    await createListing(t, south.owner.token, south.sellerId, {
      title: 'Gạo ST25 thơm',
      category: 'rice',
      priceVnd: 38_000,
      status: 'active',
      stock: 100,
    })
  ).id;
  while ((await t.jobs.runDue()) > 0) {}
});
afterAll(async () => {
  await t.close();
});

describe('GET /search', () => {
  it('finds listings without diacritics and answers what a card needs, with facets', async () => {
    const res = await t.call('GET', '/api/v1/search?q=che+tan+cuong');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, page: 1, perPage: 20 });
    expect(typeof res.body.tookMs).toBe('number');
    expect(res.body.hits[0]).toMatchObject({
      id: teaId,
      title: 'Chè Tân Cương móc câu',
      priceVnd: 800_000,
      unit: { id: 'kg', vi: 'kg', en: 'kg' },
      category: { id: 'tea', vi: 'Chè, trà', en: 'Tea' },
      sellerName: 'Chè La Bằng nhà anh Hưng',
      provinceName: expect.stringContaining('Thái Nguyên'),
      certifications: [],
      inStock: true,
      distanceKm: null,
    });
    expect(res.body.hits[0]).not.toHaveProperty('description');
    expect(res.body.facets.category).toEqual({ tea: 1 });
  });

  it('filters by category and by a province typed as a buyer types it, and sorts by price', async () => {
    const byCategory = await t.call('GET', '/api/v1/search?category=rice');
    expect(byCategory.body.hits.map((h: { id: string }) => h.id)).toEqual([riceId]);
    const byProvince = await t.call('GET', `/api/v1/search?province=${encodeURIComponent('thai nguyen')}`);
    expect(byProvince.status).toBe(200);
    expect(byProvince.body.hits.map((h: { id: string }) => h.id)).toEqual([teaId]);
    const cheapest = await t.call('GET', '/api/v1/search?sort=price_asc');
    expect(cheapest.body.hits.map((h: { id: string }) => h.id)).toEqual([riceId, teaId]);
    const affordable = await t.call('GET', '/api/v1/search?maxPrice=100000');
    expect(affordable.body.total).toBe(1);
  });

  it('measures distance from near and sorts by it', async () => {
    const res = await t.call('GET', '/api/v1/search?near=21.6,105.8&sort=distance&radiusKm=50');
    expect(res.status).toBe(200);
    expect(res.body.hits.map((h: { id: string }) => h.id)).toEqual([teaId]);
    expect(res.body.hits[0].distanceKm).toBeGreaterThan(0);
    expect(res.body.hits[0].distanceKm).toBeLessThan(10);
  });

  it.each([
    ['an unknown parameter', 'colour=red', 'colour'],
    ['a text page', 'page=two', 'page'],
    ['page 0', 'page=0', 'page'],
    ['perPage over 50', 'perPage=51', 'perPage'],
    ['an unknown category', 'category=cars', 'category'],
    ['an unknown province', 'province=Atlantis', 'province'],
    ['an unknown certification', 'certification=iso9001', 'certification'],
    ['a negative price', 'minPrice=-1', 'minPrice'],
    ['a text price', 'maxPrice=cheap', 'maxPrice'],
    ['minPrice above maxPrice', 'minPrice=10&maxPrice=5', 'maxPrice'],
    ['inStock not a boolean', 'inStock=maybe', 'inStock'],
    ['a malformed near', 'near=hanoi', 'near'],
    ['near off the globe', 'near=91,200', 'near'],
    ['radiusKm without near', 'radiusKm=10', 'near'],
    ['sort=distance without near', 'sort=distance', 'near'],
    ['an unknown sort', 'sort=random', 'sort'],
    ['a page past the search window', 'page=201&perPage=50', 'page'],
    ['a too long q', `q=${'a'.repeat(201)}`, 'q'],
  ])('refuses %s with 422', async (_name, query, path) => {
    const res = await t.call('GET', `/api/v1/search?${query}`);
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});

describe('GET /search/suggest', () => {
  it('completes the word being typed, at most the limit', async () => {
    const res = await t.call('GET', '/api/v1/search/suggest?q=che+tan+cuo');
    expect(res.status).toBe(200);
    expect(res.body.suggestions).toEqual([{ text: 'Chè Tân Cương móc câu', category: 'tea' }]);
    const limited = await t.call('GET', '/api/v1/search/suggest?q=g&limit=1');
    expect(limited.status).toBe(200);
    expect(limited.body.suggestions.length).toBeLessThanOrEqual(1);
  });

  it.each([
    ['a missing q', '', 'q'],
    ['an empty q', 'q=', 'q'],
    ['a limit over 10', 'q=che&limit=11', 'limit'],
    ['a text limit', 'q=che&limit=all', 'limit'],
    ['an unknown parameter', 'q=che&page=2', 'page'],
  ])('refuses %s with 422', async (_name, query, path) => {
    const res = await t.call('GET', `/api/v1/search/suggest?${query}`);
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});
