// The engine type every implementation and caller shares. Types only: the engines import this file,
// and the factory (create-search-engine.ts) imports the engines, so no import runs back.
import type { SearchDocument, SearchQuery, SearchResult, SearchSuggestion, SuggestQuery } from '@nongsan/contracts';

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
