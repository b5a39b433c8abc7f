import type { Database, Db } from '@nongsan/db';
import type { MediaStorage } from '@nongsan/media';
import type { PaymentProviders } from '@nongsan/payments';
import type { SearchEngine } from '@nongsan/search';
import type { Env } from './env.ts';
import type { Clock } from './lib/clock.ts';
import type { JobQueue } from './lib/jobs/index.ts';
import type { Logger } from './lib/logger.ts';
import type { SmsSender } from './lib/sms.ts';

/**
 * The infrastructure the app is built from; tests build their own (real database, injected clock,
 * recording SMS). Nothing from modules/ here: what a module needs from another module it declares
 * itself, and app-deps.ts wires it (docs/decisions/0016-layering.md).
 */
export type Deps = {
  env: Readonly<Env>;
  database: Database;
  db: Db;
  logger: Logger;
  sms: SmsSender;
  clock: Clock;
  /** Photo variants: local disk or S3 (env MEDIA_STORAGE). */
  media: MediaStorage;
  /** Background work on PostgreSQL: enqueue inside a transaction; handlers in job-handlers.ts. */
  jobs: JobQueue;
  /** The listing search index (env SEARCH_ENGINE); kept current by the search outbox relay. */
  search: SearchEngine;
  /** The configured ways to pay (env PAYMENT_METHODS, STRIPE_*, BANK_*): Stripe, bank transfer, cash. */
  payments: PaymentProviders;
};
