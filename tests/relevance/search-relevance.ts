// `pnpm search:relevance`: seeds the demo catalogue into a fresh in-memory PGlite database, indexes it
// with the PostgreSQL engine (the API's default) and prints the relevance set's hit rates and misses.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '@nongsan/db';
import { seedDemo } from '@nongsan/db/seed';
import { LocalDiskStorage } from '@nongsan/media';
import { createSearchEngine } from '@nongsan/search';
import { reindexSearch } from '../../api/src/modules/search/index.ts';
import { formatRelevanceReport, measureRelevance } from './measure-relevance.ts';

const mediaDir = await mkdtemp(path.join(tmpdir(), 'nongsan-relevance-'));
const database = createDb({ dataDir: 'memory://' });
try {
  await database.migrate();
  const now = new Date();
  const media = new LocalDiskStorage(mediaDir, 'http://localhost/media');
  await seedDemo(database.db, { now, media });
  const search = createSearchEngine({ engine: 'postgres', db: database.db });
  const indexed = await reindexSearch({ db: database.db, media, search, clock: { now: () => new Date() } });
  console.log(`indexed ${indexed} demo listings (postgres engine on PGlite)`);
  console.log(formatRelevanceReport(await measureRelevance(search)));
} finally {
  await database.close();
  await rm(mediaDir, { recursive: true, force: true });
}
