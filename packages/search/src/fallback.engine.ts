import type { SearchResult, SearchSuggestion } from '@nongsan/contracts';
import type { SearchEngine } from './search-engine.ts';
import { MeilisearchVersionError, SearchUnavailableError } from './search-unavailable.ts';

export type FallbackOptions = {
  /** Told of every failure of the primary that the fallback covered (for the log). */
  onFallback?: ((error: SearchUnavailableError, during: 'set up' | 'search' | 'suggest') => void) | undefined;
  /** After a failure, reads go straight to the fallback for this long; default 10 s. */
  retryAfterMs?: number | undefined;
  /** Milliseconds now (tests move it). */
  now?: (() => number) | undefined;
};

/**
 * The primary engine (Meilisearch) with the PostgreSQL engine behind it. Every write goes to both,
 * the fallback first, so the fallback always holds every visible listing; a write the primary cannot
 * take fails (the outbox relay retries it, and both writes are idempotent). Reads go to the primary;
 * while it is unavailable they are answered by the fallback and marked `degraded`. After a failure
 * the primary is left alone for `retryAfterMs`, so an outage costs one request timeout, not one per
 * search. Only SearchUnavailableError falls back: a bug in a query is not hidden behind the other engine.
 */
export function withFallback(
  primary: SearchEngine,
  fallback: SearchEngine,
  options: FallbackOptions = {},
): SearchEngine {
  const retryAfterMs = options.retryAfterMs ?? 10_000;
  const now = options.now ?? Date.now;
  /** setUp() of the primary has succeeded: its index and settings are in place. */
  let primaryReady = false;
  let downUntil = 0;

  /** The primary, set up first if the API started while it was down (its index and settings). */
  async function readyPrimary(): Promise<SearchEngine> {
    if (!primaryReady) {
      await primary.setUp();
      primaryReady = true;
    }
    return primary;
  }

  /** Runs a read on the primary unless it is known to be down; null when the fallback must answer. */
  async function fromPrimary<T>(
    during: 'search' | 'suggest',
    read: (engine: SearchEngine) => Promise<T>,
  ): Promise<T | null> {
    if (now() < downUntil) return null;
    try {
      return await read(await readyPrimary());
    } catch (error) {
      const unavailable =
        error instanceof SearchUnavailableError
          ? error
          : error instanceof MeilisearchVersionError
            ? new SearchUnavailableError(error.message, { cause: error })
            : null;
      if (!unavailable) throw error;
      downUntil = now() + retryAfterMs;
      options.onFallback?.(unavailable, during);
      return null;
    }
  }

  /** With the primary down, a fallback failure too means search cannot answer at all. */
  async function fromFallback<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw new SearchUnavailableError('the search engine is down and its PostgreSQL fallback failed', {
        cause: error,
      });
    }
  }

  return {
    kind: primary.kind,
    setUp: async () => {
      await fallback.setUp();
      try {
        await primary.setUp();
        primaryReady = true;
      } catch (error) {
        // An outage at start-up must not keep the marketplace down: search starts degraded and the
        // primary is set up on its first read once it answers. A server too old is a configuration
        // fault and stops the start.
        if (!(error instanceof SearchUnavailableError)) throw error;
        downUntil = now() + retryAfterMs;
        options.onFallback?.(error, 'set up');
      }
    },
    apply: async (documents) => {
      await fallback.apply(documents);
      await (await readyPrimary()).apply(documents);
    },
    delete: async (listingIds) => {
      await fallback.delete(listingIds);
      await (await readyPrimary()).delete(listingIds);
    },
    clear: async () => {
      await fallback.clear();
      await (await readyPrimary()).clear();
    },
    search: async (query): Promise<SearchResult> => {
      const answer = await fromPrimary('search', (engine) => engine.search(query));
      if (answer) return answer;
      return { ...(await fromFallback(() => fallback.search(query))), degraded: true };
    },
    suggest: async (query): Promise<SearchSuggestion[]> => {
      const answer = await fromPrimary('suggest', (engine) => engine.suggest(query));
      return answer ?? fromFallback(() => fallback.suggest(query));
    },
  };
}
