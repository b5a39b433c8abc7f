// The Meilisearch engine's failures, with the real client over real HTTP against a local server
// answering as Meilisearch's documentation says it does (fake-meilisearch.ts).
import { type SearchDocument, SearchQuerySchema } from '@nongsan/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMeilisearchEngine, InvalidDocumentIdError } from '../src/meilisearch/meilisearch.engine.ts';
import { MeilisearchVersionError, SearchUnavailableError } from '../src/search-unavailable.ts';
import { CATALOGUE } from './engine.contract.ts';
import {
  type FakeMeilisearch,
  meiliError,
  PROXY_ERROR_PAGE,
  startFakeMeilisearch,
  taskObject,
} from './fake-meilisearch.ts';

let fake: FakeMeilisearch;
beforeEach(async () => {
  fake = await startFakeMeilisearch();
});
afterEach(async () => {
  await fake.close();
});

const engineOn = (url: string, options: { requestTimeoutMs?: number; taskTimeoutMs?: number } = {}) =>
  createMeilisearchEngine({ url, apiKey: 'test-key', indexUid: 'listings', ...options });
const query = (q: string) => SearchQuerySchema.parse({ q });
const tea = CATALOGUE[0] as SearchDocument;

/** `count` distinct documents: more than one apply() batch of 1,000. */
const documents = (count: number): SearchDocument[] =>
  Array.from({ length: count }, (_, i) => ({ ...tea, id: `lst_many_${i}` }));

async function unavailable(promise: Promise<unknown>): Promise<SearchUnavailableError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SearchUnavailableError);
  return error as SearchUnavailableError;
}

describe('setUp checks the server version', () => {
  it('refuses a server older than v1.15, saying what is needed', async () => {
    await fake.close();
    fake = await startFakeMeilisearch({ version: '1.14.0' });
    const error = await engineOn(fake.url)
      .setUp()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeilisearchVersionError);
    expect((error as Error).message).toMatch(/v1\.14\.0.*needs v1\.15 or later.*disableOnNumbers/);
    // Nothing was changed on a server the settings do not fit.
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /version']);
  });

  it('creates the index and applies the settings on v1.15', async () => {
    await engineOn(fake.url).setUp();
    const settings = fake.requests.find((r) => r.method === 'PATCH' && r.path === '/indexes/listings/settings');
    expect(settings?.body).toMatchObject({ typoTolerance: { disableOnNumbers: true } });
  });
});

describe('every client failure is SearchUnavailableError', () => {
  it("an API error in Meilisearch's documented shape", async () => {
    fake.on('POST', /^\/multi-search$/, meiliError(500, 'internal', 'internal', 'Internal error'));
    const error = await unavailable(engineOn(fake.url).search(query('chè')));
    expect(error.message).toMatch(/HTTP 500.*Internal error/);
    fake.on(
      'POST',
      /^\/indexes\/listings\/search$/,
      meiliError(401, 'missing_authorization_header', 'auth', 'The Authorization header is missing.'),
    );
    await unavailable(engineOn(fake.url).suggest({ q: 'che', limit: 5 }));
  });

  it("a proxy's HTML error page (a SyntaxError inside the client)", async () => {
    fake.on('POST', /^\/multi-search$/, PROXY_ERROR_PAGE);
    const error = await unavailable(engineOn(fake.url).search(query('chè')));
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('a server that never answers, after the request timeout', async () => {
    fake.on('POST', /^\/multi-search$/, 'hang');
    const error = await unavailable(engineOn(fake.url, { requestTimeoutMs: 150 }).search(query('chè')));
    expect(error.message).toMatch(/timed out after 150ms/);
  });

  it('a dropped connection, and nothing listening', async () => {
    fake.on('POST', /^\/indexes\/listings\/search$/, 'drop');
    await unavailable(engineOn(fake.url).search(SearchQuerySchema.parse({ sort: 'newest' })));
    const url = fake.url;
    await fake.close();
    await unavailable(engineOn(url).search(query('chè')));
    fake = await startFakeMeilisearch();
  });

  it('a task that never finishes, after the task timeout', async () => {
    fake.on('GET', /^\/tasks\/\d+$/, (r) => ({
      status: 200,
      json: taskObject(
        Number(r.path.split('/')[2]),
        { indexUid: 'listings', type: 'documentAdditionOrUpdate' },
        'processing',
      ),
    }));
    const error = await unavailable(engineOn(fake.url, { taskTimeoutMs: 200 }).apply([tea]));
    expect(error.message).toMatch(/timeout/i);
  });

  it('a task that failed', async () => {
    fake.on('GET', /^\/tasks\/\d+$/, (r) => ({
      status: 200,
      json: taskObject(
        Number(r.path.split('/')[2]),
        { indexUid: 'listings', type: 'documentAdditionOrUpdate' },
        'failed',
        {
          message: 'Document identifier `"a b"` is invalid.',
          code: 'invalid_document_id',
          type: 'invalid_request',
          link: 'https://docs.meilisearch.com/errors#invalid_document_id',
        },
      ),
    }));
    const error = await unavailable(engineOn(fake.url).apply([tea]));
    expect(error.message).toMatch(/failed: invalid_document_id/);
  });
});

describe('apply()', () => {
  it('sends batches in order, and a later batch failing is a rejection of apply(), not of the process', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // The first batch's task takes a while; the second batch's request meets a proxy error page.
      let polls = 0;
      fake.on('GET', /^\/tasks\/0$/, () => ({
        status: 200,
        json: taskObject(
          0,
          { indexUid: 'listings', type: 'documentAdditionOrUpdate' },
          ++polls < 4 ? 'processing' : 'succeeded',
        ),
      }));
      let batches = 0;
      fake.on('POST', /^\/indexes\/listings\/documents$/, () =>
        ++batches === 2
          ? PROXY_ERROR_PAGE
          : {
              status: 202,
              json: {
                taskUid: 0,
                indexUid: 'listings',
                status: 'enqueued',
                type: 'documentAdditionOrUpdate',
                enqueuedAt: new Date().toISOString(),
              },
            },
      );
      await unavailable(engineOn(fake.url).apply(documents(2500)));
      // Let anything left pending settle before looking.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(unhandled).toEqual([]);
      const sent = fake.requests.filter((r) => r.path === '/indexes/listings/documents');
      // The third batch is never sent after the second failed.
      const batchesSent = sent.map((r) => r.body as { id: string }[]);
      expect(batchesSent.map((batch) => batch.length)).toEqual([1000, 1000]);
      expect(batchesSent.map((batch) => batch[0]?.id)).toEqual(['lst_many_0', 'lst_many_1000']);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('waits for every batch', async () => {
    await engineOn(fake.url).apply(documents(2500));
    const order = fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(order.filter((r) => r === 'POST /indexes/listings/documents')).toHaveLength(3);
    for (const uid of [0, 1, 2]) expect(order).toContain(`GET /tasks/${uid}`);
  });

  it('refuses ids Meilisearch would refuse, naming them, and sends nothing', async () => {
    const bad = [tea, { ...tea, id: 'lst bad' }, { ...tea, id: 'lst/ô' }];
    const error = await engineOn(fake.url)
      .apply(bad)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDocumentIdError);
    expect((error as InvalidDocumentIdError).ids).toEqual(['lst bad', 'lst/ô']);
    expect((error as Error).message).toContain('"lst bad"');
    expect(fake.requests).toEqual([]);
  });

  it('skips deleting ids that can never have been indexed', async () => {
    await engineOn(fake.url).delete(['lst bad']);
    expect(fake.requests).toEqual([]);
    await engineOn(fake.url).delete(['lst_ok', 'lst bad']);
    expect(fake.requests[0]?.body).toEqual(['lst_ok']);
  });
});

describe('totals past maxTotalHits', () => {
  it("says the total is not exact when a count reached the cap, and takes the category facets' sum", async () => {
    fake.on('POST', /^\/multi-search$/, (r) => {
      const queries = (r.body as { queries: { page?: number; hitsPerPage?: number }[] }).queries;
      return {
        status: 200,
        json: {
          results: queries.map((q, i) => ({
            indexUid: 'listings',
            hits: [],
            query: 'che',
            processingTimeMs: 1,
            hitsPerPage: q.hitsPerPage ?? 20,
            page: q.page ?? 1,
            totalPages: 500,
            totalHits: i === 0 ? 10_000 : 200,
            facetDistribution: {
              category: i === 0 ? { tea: 11_000, vegetables: 900 } : { tea: 200 },
              provinceId: {},
              certifications: {},
            },
          })),
        },
      };
    });
    const result = await engineOn(fake.url).search(query('chè'));
    // 'chè' is three tiers: 11,900 + 200 + 200 by category, above the capped 10,000 + 200 + 200.
    expect(result).toMatchObject({ total: 12_300, totalIsExact: false, degraded: false });
  });

  it('an ordinary total is exact', async () => {
    const result = await engineOn(fake.url).search(query('chè'));
    expect(result).toMatchObject({ total: 0, totalIsExact: true });
  });
});
