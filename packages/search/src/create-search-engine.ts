import { type FallbackOptions, withFallback } from './fallback.engine.ts';
import { createMeilisearchEngine, type MeilisearchEngineOptions } from './meilisearch/meilisearch.engine.ts';
import { createPostgresEngine } from './postgres/postgres.engine.ts';
import type { SearchDb } from './postgres/search-db.ts';
import type { ScaleOptions } from './postgres/search-scale.ts';
import type { SearchEngine } from './search-engine.ts';

export type SearchEngineConfig =
  /** The default: a table in the application's own database (PostgreSQL or the embedded PGlite). */
  | { engine: 'postgres'; db: SearchDb; scale?: Partial<ScaleOptions> | undefined }
  | ({
      engine: 'meilisearch';
      /**
       * The application's database: the PostgreSQL engine there is kept in step too and answers
       * (marked `degraded`) while Meilisearch is down. Without it an outage is SearchUnavailableError.
       */
      fallback?: ({ db: SearchDb } & FallbackOptions) | undefined;
    } & MeilisearchEngineOptions);

export function createSearchEngine(config: SearchEngineConfig): SearchEngine {
  switch (config.engine) {
    case 'postgres':
      return createPostgresEngine(config.db, config.scale);
    case 'meilisearch': {
      const { fallback, ...options } = config;
      const meilisearch = createMeilisearchEngine(options);
      return fallback ? withFallback(meilisearch, createPostgresEngine(fallback.db), fallback) : meilisearch;
    }
    default: {
      const unknown: never = config;
      throw new Error(`unknown search engine ${JSON.stringify(unknown)}`);
    }
  }
}
