import { type SearchDocument, SearchQuerySchema, type SearchResult } from '@nongsan/contracts';
import { describe, expect, it } from 'vitest';
import { withFallback } from './fallback.engine.ts';
import type { SearchEngine } from './search-engine.ts';
import { MeilisearchVersionError, SearchUnavailableError } from './search-unavailable.ts';

const result = (total: number): SearchResult => ({
  hits: [],
  total,
  totalIsExact: true,
  page: 1,
  perPage: 20,
  facets: { category: {}, province: {}, certification: {} },
  facetsAreExact: true,
  tookMs: 1,
  degraded: false,
});

/** An engine that records its calls and fails while `down` holds an error. */
function stub(kind: SearchEngine['kind'], total: number) {
  const calls: string[] = [];
  const state: { down: Error | null } = { down: null };
  const run = async <T>(call: string, value: T): Promise<T> => {
    calls.push(call);
    if (state.down) throw state.down;
    return value;
  };
  const engine: SearchEngine = {
    kind,
    setUp: () => run('setUp', undefined),
    apply: (documents) => run(`apply ${documents.length}`, undefined),
    delete: (ids) => run(`delete ${ids.length}`, undefined),
    clear: () => run('clear', undefined),
    search: () => run('search', result(total)),
    suggest: () => run('suggest', [{ text: kind, category: 'tea' as const }]),
  };
  return { engine, calls, state };
}

const query = SearchQuerySchema.parse({ q: 'chè' });

function setUpPair() {
  const primary = stub('meilisearch', 1);
  const fallback = stub('postgres', 2);
  let clock = 0;
  const seen: string[] = [];
  const engine = withFallback(primary.engine, fallback.engine, {
    now: () => clock,
    retryAfterMs: 1000,
    onFallback: (error, during) => seen.push(`${during}: ${error.message}`),
  });
  return { primary, fallback, engine, seen, advance: (ms: number) => (clock += ms) };
}

describe('withFallback', () => {
  it('reads the primary while it answers, and writes to both, the fallback first', async () => {
    const { primary, fallback, engine } = setUpPair();
    await engine.setUp();
    expect(await engine.search(query)).toMatchObject({ total: 1, degraded: false });
    await engine.apply([{ id: 'lst_a' } as SearchDocument]);
    await engine.delete(['lst_a']);
    expect(fallback.calls).toEqual(['setUp', 'apply 1', 'delete 1']);
    expect(primary.calls).toEqual(['setUp', 'search', 'apply 1', 'delete 1']);
  });

  it('answers from the fallback, marked degraded, while the primary is down; then tries it again', async () => {
    const { primary, engine, seen, advance } = setUpPair();
    await engine.setUp();
    primary.state.down = new SearchUnavailableError('meilisearch search failed (HTTP 502)');
    expect(await engine.search(query)).toMatchObject({ total: 2, degraded: true });
    expect(seen).toEqual(['search: meilisearch search failed (HTTP 502)']);
    // Within retryAfterMs the primary is not asked at all: an outage costs one timeout, not one per search.
    primary.calls.length = 0;
    expect(await engine.suggest({ q: 'che', limit: 5 })).toEqual([{ text: 'postgres', category: 'tea' }]);
    expect(primary.calls).toEqual([]);
    primary.state.down = null;
    advance(1000);
    expect(await engine.search(query)).toMatchObject({ total: 1, degraded: false });
  });

  it('starts degraded when the primary is down at start-up, and sets it up on its first read back', async () => {
    const { primary, engine, advance } = setUpPair();
    primary.state.down = new SearchUnavailableError('meilisearch set up failed');
    await engine.setUp();
    expect(await engine.search(query)).toMatchObject({ degraded: true });
    primary.state.down = null;
    advance(1000);
    primary.calls.length = 0;
    expect(await engine.search(query)).toMatchObject({ degraded: false });
    expect(primary.calls).toEqual(['setUp', 'search']);
  });

  it('stops the start on a server too old, and fails a write the primary cannot take', async () => {
    const { primary, fallback, engine } = setUpPair();
    primary.state.down = new MeilisearchVersionError('server is v1.10.0; needs v1.15 or later');
    await expect(engine.setUp()).rejects.toThrow(MeilisearchVersionError);
    primary.state.down = new SearchUnavailableError('down');
    await expect(engine.apply([{ id: 'lst_a' } as SearchDocument])).rejects.toThrow(SearchUnavailableError);
    // The fallback took it: it holds every listing whatever the primary's state.
    expect(fallback.calls).toContain('apply 1');
  });

  it('is SearchUnavailableError when the fallback fails too; a bug in the primary is not hidden', async () => {
    const { primary, fallback, engine } = setUpPair();
    await engine.setUp();
    primary.state.down = new SearchUnavailableError('down');
    fallback.state.down = new Error('connection terminated');
    await expect(engine.search(query)).rejects.toThrow(SearchUnavailableError);
    const other = setUpPair();
    await other.engine.setUp();
    other.primary.state.down = new TypeError('a bug');
    await expect(other.engine.search(query)).rejects.toThrow(TypeError);
  });
});
