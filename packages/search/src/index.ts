// @nongsan/search: the listing search index behind `GET /search`. One SearchEngine type, two
// implementations chosen by configuration: PostgreSQL full-text + pg_trgm (the default, also on the
// embedded PGlite) and Meilisearch. Only this package imports meilisearch or touches search_documents.

export { CERTIFICATION_BITS, certificationMask } from './certification-bits.ts';
export { readSearchEnv, type SearchEnv } from './env.ts';
export type { MeilisearchEngineOptions } from './meilisearch.engine.ts';
export { meilisearchSettings, meilisearchSynonyms } from './meilisearch-settings.ts';
export { createSearchEngine, type SearchEngine, type SearchEngineConfig } from './search-engine.ts';
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
