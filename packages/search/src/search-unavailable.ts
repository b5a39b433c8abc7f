/**
 * The search engine cannot answer now: Meilisearch refused, failed, timed out or sent something
 * that is not its API (a proxy's error page). Never a fault in the query: the API answers 503
 * SEARCH_UNAVAILABLE, and an engine with a fallback (fallback.engine.ts) answers from PostgreSQL.
 */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
}

/**
 * The Meilisearch server is older than the settings need. A configuration fault, not an outage: the
 * API refuses to start rather than serve search with settings the server silently lacks.
 */
export class MeilisearchVersionError extends Error {
  override name = 'MeilisearchVersionError';
}
