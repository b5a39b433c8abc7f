import { serve } from '@hono/node-server';
import { SearchQuerySchema } from '@nongsan/contracts';
import { createDb } from '@nongsan/db';
import { seedDemo } from '@nongsan/db/seed';
import { createMediaStorage } from '@nongsan/media';
import { createPaymentProviders } from '@nongsan/payments';
import { createSearchEngine, MeilisearchVersionError } from '@nongsan/search';
import { createApp } from './app.ts';
import { linkModules } from './app-deps.ts';
import type { Deps } from './deps.ts';
import { EnvError, loadEnv } from './env.ts';
import { registerJobHandlers, scheduleRecurringJobs } from './job-handlers.ts';
import { systemClock } from './lib/clock.ts';
import { JobQueue } from './lib/jobs/index.ts';
import { createLogger } from './lib/logger.ts';
import { createSmsSender } from './lib/sms.ts';
import { warmCommuneIndex } from './modules/communes/index.ts';
import { reindexSearch } from './modules/search/index.ts';
import { resolveTypedPlaces } from './modules/sellers/index.ts';

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

const logger = createLogger(env.logLevel);
const startedAt = performance.now();
const database = createDb({ url: env.db.url, dataDir: env.db.dataDir });
// The embedded database has no operator to run migrations: it migrates itself on every start.
// A server is migrated by `pnpm db:migrate`, deliberately, before a deploy.
if (database.kind === 'pglite') await database.migrate();
const media = createMediaStorage(env.media);
if (env.seedDemo) await seedDemo(database.db, { now: new Date(), media });

const jobs = new JobQueue({ db: database.db, clock: systemClock, logger }, env.jobs);
const deps = linkModules({
  env,
  database,
  db: database.db,
  logger,
  sms: createSmsSender(env.sms, logger),
  clock: systemClock,
  media,
  jobs,
  // PostgreSQL engine on the same database by default; SEARCH_ENGINE=meilisearch with MEILI_URL,
  // the PostgreSQL engine kept in step behind it to answer (degraded) while Meilisearch is down.
  search:
    env.search.engine === 'meilisearch' && env.search.meilisearch
      ? createSearchEngine({
          engine: 'meilisearch',
          ...env.search.meilisearch,
          fallback: {
            db: database.db,
            onFallback: (err, during) => logger.warn({ err, during }, 'meilisearch unavailable; searching PostgreSQL'),
          },
        })
      : createSearchEngine({ engine: 'postgres', db: database.db }),
  payments: createPaymentProviders(env.payments, { now: () => systemClock.now() }),
} satisfies Deps);
try {
  await deps.search.setUp();
} catch (error) {
  // A Meilisearch server too old for the settings: say which version is needed, and stop.
  if (!(error instanceof MeilisearchVersionError)) throw error;
  logger.fatal(error.message);
  process.exit(1);
}
warmCommuneIndex();
// Sellers' places typed before commune codes: map what is unambiguous (decision 30). Idempotent.
await resolveTypedPlaces(database.db, new Date());
// First start with demo data: the seed wrote listings without outbox rows, so index them once.
if (env.seedDemo) {
  const probe = await deps.search.search(SearchQuerySchema.parse({ perPage: 1 }));
  if (probe.total === 0) await reindexSearch(deps);
}
registerJobHandlers(deps);
await scheduleRecurringJobs(deps);
const app = createApp(deps);
const server = serve({ fetch: app.fetch, port: env.port, hostname: env.host }, (info) => {
  logger.info(
    { port: info.port, database: database.kind, startupMs: Math.round(performance.now() - startedAt) },
    'api listening',
  );
  jobs.start();
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // Stop accepting connections, let in-flight requests finish, then close the database.
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close(async () => {
    // The worker finishes the job in hand before the database closes under it.
    await jobs.stop();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  });
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
