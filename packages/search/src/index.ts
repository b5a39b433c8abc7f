// @nongsan/search: the listing search index behind `GET /search`. One SearchEngine type, two
// implementations chosen by configuration: PostgreSQL full-text + pg_trgm (the default, also on the
// embedded PGlite) and Meilisearch. Only this package imports meilisearch or queries the search tables
// (src/postgres/search-tables.ts, re-exported by db/src/schema for the migrations).

export { CERTIFICATION_BITS, certificationMask } from './certification-bits.ts';
export { createSearchEngine, type SearchEngineConfig } from './create-search-engine.ts';
export { readSearchEnv, type SearchEnv } from './env.ts';
export type { FallbackOptions } from './fallback.engine.ts';
export {
  InvalidDocumentIdError,
  type MeilisearchEngineOptions,
  MIN_MEILISEARCH_VERSION,
} from './meilisearch/meilisearch.engine.ts';
export { meilisearchSettings, meilisearchSynonyms } from './meilisearch/meilisearch-settings.ts';
export type { SearchDb } from './postgres/search-db.ts';
export { DEFAULT_SCALE, type ScaleOptions } from './postgres/search-scale.ts';
export type { SearchEngine } from './search-engine.ts';
export { type HitPayload, hitPayload } from './search-hit.ts';
export {
  type AnalysedQuery,
  analyseQuery,
  type DocumentText,
  distanceKm,
  documentText,
  EARTH_RADIUS_KM,
  foldedWords,
  markedWords,
} from './search-text.ts';
export { MeilisearchVersionError, SearchUnavailableError } from './search-unavailable.ts';
