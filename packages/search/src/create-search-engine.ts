import { createMeilisearchEngine, type MeilisearchEngineOptions } from './meilisearch/meilisearch.engine.ts';
import { createPostgresEngine } from './postgres/postgres.engine.ts';
import type { SearchDb } from './postgres/search-db.ts';
import type { SearchEngine } from './search-engine.ts';

export type SearchEngineConfig =
  /** The default: a table in the application's own database (PostgreSQL or the embedded PGlite). */
  { engine: 'postgres'; db: SearchDb } | ({ engine: 'meilisearch' } & MeilisearchEngineOptions);

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
