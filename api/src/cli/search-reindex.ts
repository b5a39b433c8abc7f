// `pnpm search:reindex [--clear]`: rebuilds the configured search engine (SEARCH_ENGINE) from the
// database. For a new engine, a lost Meilisearch volume, or after changing how documents are built;
// the relay keeps the index current afterwards. Search keeps answering during the rebuild; `--clear`
// empties the index first (documents of listings this database never had), at the cost of that.
import { parseArgs } from 'node:util';
import { createDb } from '@nongsan/db';
import { createMediaStorage } from '@nongsan/media';
import { createSearchEngine } from '@nongsan/search';
import { EnvError, loadEnv } from '../env.ts';
import { systemClock } from '../lib/clock.ts';
import { reindexSearch } from '../modules/search/index.ts';

const { values: args } = parseArgs({ options: { clear: { type: 'boolean', default: false } } });

let env: ReturnType<typeof loadEnv>;
try {
  env = loadEnv();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const database = createDb({ url: env.db.url, dataDir: env.db.dataDir });
if (database.kind === 'pglite') await database.migrate();
const search =
  env.search.engine === 'meilisearch' && env.search.meilisearch
    ? // The PostgreSQL fallback is rebuilt too: it answers search while Meilisearch is down.
      createSearchEngine({ engine: 'meilisearch', ...env.search.meilisearch, fallback: { db: database.db } })
    : createSearchEngine({ engine: 'postgres', db: database.db });
try {
  const started = performance.now();
  const count = await reindexSearch(
    { db: database.db, clock: systemClock, media: createMediaStorage(env.media), search },
    { clear: args.clear },
  );
  console.log(`indexed ${count} listings into ${search.kind} in ${Math.round(performance.now() - started)} ms`);
} finally {
  await database.close();
}
