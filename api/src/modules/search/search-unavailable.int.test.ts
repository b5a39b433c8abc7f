// GET /search while Meilisearch is down: answered from the PostgreSQL engine and marked degraded,
// or 503 SEARCH_UNAVAILABLE in the error envelope when there is no fallback. Meilisearch is a local
// HTTP server answering as its documentation says (the real client, real HTTP).
import { createSearchEngine } from '@nongsan/search';
import {
  type FakeMeilisearch,
  meiliError,
  PROXY_ERROR_PAGE,
  startFakeMeilisearch,
} from '@nongsan/search/fake-meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, errorCode, type TestApp } from '../../../test/harness.ts';
import { createFarm, createListing } from '../../../test/listing-factories.ts';

let fake: FakeMeilisearch;
beforeAll(async () => {
  fake = await startFakeMeilisearch();
});
afterAll(async () => {
  await fake.close();
});

describe('with the PostgreSQL fallback', () => {
  let t: TestApp;
  let teaId: string;
  beforeAll(async () => {
    t = await createTestApp({
      search: (db) =>
        createSearchEngine({
          engine: 'meilisearch',
          url: fake.url,
          indexUid: 'listings',
          requestTimeoutMs: 500,
          fallback: { db, retryAfterMs: 0 },
        }),
    });
    const farm = await createFarm(t, { name: 'Chè La Bằng nhà anh Hưng', province: 'Thái Nguyên' });
    teaId = (
      await createListing(t, farm.owner.token, farm.sellerId, { title: 'Chè Tân Cương móc câu', status: 'active' })
    ).id;
    // The relay writes the document to PostgreSQL and to Meilisearch.
    while ((await t.jobs.runDue()) > 0) {}
  });
  afterAll(async () => {
    await t.close();
  });

  it('sent the listing to Meilisearch too', () => {
    const sent = fake.requests.filter((r) => r.method === 'POST' && r.path === '/indexes/listings/documents');
    expect(sent.flatMap((r) => (r.body as { id: string }[]).map((document) => document.id))).toContain(teaId);
  });

  it('answers from Meilisearch while it is up, not degraded', async () => {
    const res = await t.call('GET', '/api/v1/search?q=che+tan+cuong');
    expect(res.status).toBe(200);
    // The fake's index is empty: this answer came from Meilisearch.
    expect(res.body).toMatchObject({ total: 0, degraded: false, totalIsExact: true });
  });

  it('answers from PostgreSQL, marked degraded, when Meilisearch errs, times out or a proxy answers', async () => {
    for (const answer of [
      meiliError(503, 'internal', 'internal', 'Service unavailable'),
      PROXY_ERROR_PAGE,
      'hang' as const,
    ]) {
      fake.on('POST', /^\/multi-search$/, answer, 1);
      const res = await t.call('GET', '/api/v1/search?q=che+tan+cuong');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 1, degraded: true });
      expect(res.body.hits[0]).toMatchObject({ id: teaId, category: { id: 'tea', vi: 'Chè, trà', en: 'Tea' } });
    }
    fake.on('POST', /^\/indexes\/listings\/search$/, PROXY_ERROR_PAGE, 1);
    const suggest = await t.call('GET', '/api/v1/search/suggest?q=che+tan');
    expect(suggest.status).toBe(200);
    expect(suggest.body.suggestions).toEqual([{ text: 'Chè Tân Cương móc câu', category: 'tea' }]);
  });
});

describe('without a fallback', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      search: () => createSearchEngine({ engine: 'meilisearch', url: fake.url, indexUid: 'listings' }),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is 503 SEARCH_UNAVAILABLE in the error envelope, for search and suggestions', async () => {
    fake.on('POST', /^\/multi-search$/, PROXY_ERROR_PAGE, 1);
    const res = await t.call('GET', '/api/v1/search?q=che');
    expect(res.status).toBe(503);
    expect(errorCode(res)).toBe('SEARCH_UNAVAILABLE');
    expect(res.body.error).toEqual({
      code: 'SEARCH_UNAVAILABLE',
      message: 'search is not answering; try again shortly',
      requestId: expect.any(String),
    });
    fake.on(
      'POST',
      /^\/indexes\/listings\/search$/,
      meiliError(401, 'invalid_api_key', 'auth', 'The provided API key is invalid.'),
      1,
    );
    const suggest = await t.call('GET', '/api/v1/search/suggest?q=che');
    expect(suggest.status).toBe(503);
    expect(errorCode(suggest)).toBe('SEARCH_UNAVAILABLE');
  });

  it('still refuses a bad query with 422, not 503', async () => {
    const res = await t.call('GET', '/api/v1/search?perPage=500');
    expect(res.status).toBe(422);
  });
});
