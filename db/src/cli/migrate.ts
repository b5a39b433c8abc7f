import { createDb } from '../client.ts';
import { dbEnv } from '../env.ts';

// `pnpm db:migrate`: applies the committed migrations to DATABASE_URL (or the embedded database).
const database = createDb({ url: dbEnv.url, dataDir: dbEnv.dataDir, maxConnections: 1 });
try {
  await database.migrate();
  console.log(`migrated ${database.kind} database`);
} finally {
  await database.close();
}
