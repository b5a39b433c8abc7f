import type { SearchDocument, SearchQuery, SearchResult, SearchSuggestion, SuggestQuery } from '@nongsan/contracts';
import type { Db } from '@nongsan/db';
import { createMeilisearchEngine, type MeilisearchEngineOptions } from './meilisearch.engine.ts';
import { createPostgresEngine } from './postgres.engine.ts';

/**
 * A search index of listings. The outbox relay keeps it in step with the listings (apply the
 * current document of a changed listing, delete one that is archived or back to draft); the API's
 * search routes read it. Every write is idempotent and keyed by listing id, so a change applied twice
 * (a relay retry) changes nothing.
 */
export type SearchEngine = {
  readonly kind: 'postgres' | 'meilisearch';
  /** Creates what the engine needs (index, settings); safe to call on every start. */
  setUp(): Promise<void>;
  /** Inserts or replaces documents, by id. Resolves once they are searchable. */
  apply(documents: readonly SearchDocument[]): Promise<void>;
  /** Removes documents by listing id; unknown ids are ignored. Resolves once they are gone from results. */
  delete(listingIds: readonly string[]): Promise<void>;
  /** Removes every document: the first step of a full reindex. */
  clear(): Promise<void>;
  /** A page of hits, the total and facet counts. Takes a query already parsed with SearchQuerySchema. */
  search(query: SearchQuery): Promise<SearchResult>;
  /** Title completions for a search box. Takes a query parsed with SuggestQuerySchema. */
  suggest(query: SuggestQuery): Promise<SearchSuggestion[]>;
};

export type SearchEngineConfig =
  /** The default: a table in the application's own database (PostgreSQL or the embedded PGlite). */
  { engine: 'postgres'; db: Db } | ({ engine: 'meilisearch' } & MeilisearchEngineOptions);

export function createSearchEngine(config: SearchEngineConfig): SearchEngine {
  switch (config.engine) {
    case 'postgres':
      return createPostgresEngine(config.db);
    case 'meilisearch':
      return createMeilisearchEngine(config);
    default: {
      const unknown: never = config;
      throw new Error(`unknown search engine ${JSON.stringify(unknown)}`);
    }
  }
}
