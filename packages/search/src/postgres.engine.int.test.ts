import { createTestDb } from '@nongsan/db/testing';
import { inject } from 'vitest';
import { describeSearchEngineContract } from './engine.contract.ts';
import { createSearchEngine } from './search-engine.ts';

// The default engine on real PostgreSQL: a fresh clone of the migrated template database.
describeSearchEngineContract('postgres (PostgreSQL)', async () => {
  const database = await createTestDb(inject('testDbRun'));
  return { engine: createSearchEngine({ engine: 'postgres', db: database.db }), close: () => database.close() };
});
