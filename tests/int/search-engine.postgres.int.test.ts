import { createTestDb } from '@nongsan/db/testing';
import { createSearchEngine } from '@nongsan/search';
import { describeSearchEngineContract } from '@nongsan/search/testing';
import { inject } from 'vitest';

// The default engine on real PostgreSQL: a fresh clone of the migrated template database.
describeSearchEngineContract('postgres (PostgreSQL)', async () => {
  const database = await createTestDb(inject('testDbRun'));
  return { engine: createSearchEngine({ engine: 'postgres', db: database.db }), close: () => database.close() };
});
