import { createMediaStorage } from '@nongsan/media';
import { createDb } from '../client.ts';
import { dbEnv } from '../env.ts';
import { seedDemo } from '../seed.ts';

// `pnpm db:seed`: the demo data, on DATABASE_URL or the embedded database. Safe to run twice.
const media = createMediaStorage(dbEnv.media());
const database = createDb({ url: dbEnv.url, dataDir: dbEnv.dataDir, maxConnections: 1 });
try {
  if (database.kind === 'pglite') await database.migrate();
  await seedDemo(database.db, { now: new Date(), media });
  console.log(`seeded ${database.kind} database`);
} finally {
  await database.close();
}
