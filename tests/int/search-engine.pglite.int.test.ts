import { createDb } from '@nongsan/db';
import { createSearchEngine } from '@nongsan/search';
import { describeSearchEngineContract } from '@nongsan/search/testing';

// The embedded default (no DATABASE_URL): the same engine and migrations on in-memory PGlite.
describeSearchEngineContract('postgres (PGlite)', async () => {
  const database = createDb({ dataDir: 'memory://' });
  await database.migrate();
  return { engine: createSearchEngine({ engine: 'postgres', db: database.db }), close: () => database.close() };
});
