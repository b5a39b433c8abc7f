// A throwaway marketplace on real PostgreSQL for the order stress script and benchmark: its own
// database (on DATABASE_URL's server, or one started here), migrated, with the real app and
// services, sellers, listings with stock, and signed-in buyers inserted in bulk. Not a test file.
import { createHash, randomBytes } from 'node:crypto';
import { createDb, type Database, newId, randomToken, schema } from '@nongsan/db';
import { startTestServer, type TestServer } from '@nongsan/db/test-server';
import { LocalDiskStorage } from '@nongsan/media';
import { createPaymentProviders } from '@nongsan/payments';
import { createSearchEngine } from '@nongsan/search';
import postgres from 'postgres';
import { createApp } from '../../api/src/app.ts';
import { type AppDeps, linkModules } from '../../api/src/app-deps.ts';
import type { Deps } from '../../api/src/deps.ts';
import { loadEnv } from '../../api/src/env.ts';
import { registerJobHandlers } from '../../api/src/job-handlers.ts';
import { systemClock } from '../../api/src/lib/clock.ts';
import type { SessionUser } from '../../api/src/lib/context.ts';
import { JobQueue } from '../../api/src/lib/jobs/index.ts';
import { createLogger } from '../../api/src/lib/logger.ts';

export type Buyer = SessionUser & { token: string };
export type WorldListing = { id: string; sellerId: string; stock: number };

export type OrderWorld = {
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  database: Database;
  /** A plain client on the same database, for checking the books. */
  raw: postgres.Sql;
  /** Statements sent since the last reset (with `countQueries`); their text too while `log` is set. */
  queries: { count: number; log: string[] | null; reset(): void };
  createBuyers(count: number): Promise<Buyer[]>;
  /** `count` farms with `perSeller` active listings each, `stock` units per listing in `lotsPer` lots. */
  createListings(options: {
    sellers: number;
    perSeller: number;
    stock: number;
    lotsPer?: number;
  }): Promise<WorldListing[]>;
  close(): Promise<void>;
};

export async function createOrderWorld(options: {
  maxConnections: number;
  countQueries?: boolean;
}): Promise<OrderWorld> {
  let server: TestServer | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    server = await startTestServer();
    adminUrl = server.url;
  }
  const name = `ns_world_${randomToken(10)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const migrator = createDb({ url: url.toString(), maxConnections: 1 });
  await migrator.migrate();
  await migrator.close();

  const queries: OrderWorld['queries'] = {
    count: 0,
    log: null,
    reset() {
      this.count = 0;
    },
  };
  const database = createDb({
    url: url.toString(),
    maxConnections: options.maxConnections,
    onQuery: options.countQueries
      ? (query) => {
          queries.count++;
          queries.log?.push(query);
        }
      : undefined,
  });
  const raw = postgres(url.toString(), { max: 2, onnotice: () => {} });
  const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url.toString() });
  const logger = createLogger('silent');
  const jobs = new JobQueue({ db: database.db, clock: systemClock, logger });
  const deps = linkModules({
    env,
    database,
    db: database.db,
    logger,
    sms: { name: 'console', send: async () => {} },
    clock: systemClock,
    media: new LocalDiskStorage('/tmp/nongsan-world-media', '/media'),
    jobs,
    search: createSearchEngine({ engine: 'postgres', db: database.db }),
    payments: createPaymentProviders(env.payments),
  } satisfies Deps);
  registerJobHandlers(deps);
  const app = createApp(deps);
  const db = database.db;
  let phoneSeq = 0;
  const phone = () => `+8498${String(phoneSeq++).padStart(7, '0')}`;

  async function insertUsers(count: number) {
    const now = new Date();
    const users = Array.from({ length: count }, () => ({ id: newId('usr'), phone: phone(), name: 'Thử tải' }));
    for (let i = 0; i < users.length; i += 1000) {
      await db.insert(schema.users).values(users.slice(i, i + 1000).map((u) => ({ ...u, createdAt: now })));
    }
    return users;
  }

  return {
    deps,
    app,
    database,
    raw,
    queries,
    async createBuyers(count) {
      const users = await insertUsers(count);
      const now = new Date();
      const buyers = users.map((u) => ({
        userId: u.id,
        phone: u.phone,
        sessionId: newId('ses'),
        isOperator: false,
        token: randomBytes(32).toString('base64url'),
      }));
      for (let i = 0; i < buyers.length; i += 1000) {
        await db.insert(schema.sessions).values(
          buyers.slice(i, i + 1000).map((b) => ({
            id: b.sessionId,
            userId: b.userId,
            tokenHash: createHash('sha256').update(b.token).digest('hex'),
            expiresAt: new Date(now.getTime() + 86_400_000),
            createdAt: now,
          })),
        );
      }
      return buyers;
    },
    async createListings({ sellers: sellerCount, perSeller, stock, lotsPer = 2 }) {
      const owners = await insertUsers(sellerCount);
      const now = new Date();
      const sellers = owners.map((owner, i) => ({
        id: newId('sel'),
        kind: 'farmer' as const,
        ownerUserId: owner.id,
        name: `Nông trại thử ${i}`,
        provinceId: 'thai-nguyen',
        offersDelivery: i % 2 === 0,
        deliveryFeeVnd: 25_000,
        createdAt: now,
        updatedAt: now,
      }));
      await db.insert(schema.sellers).values(sellers);
      const listings = sellers.flatMap((seller) =>
        Array.from({ length: perSeller }, (_, j) => ({
          id: newId('lst'),
          sellerId: seller.id,
          title: `Chè Tân Cương ${j}`,
          category: 'tea' as const,
          unit: 'kg' as const,
          priceVnd: 50_000 + 1000 * j,
          status: 'active' as const,
          createdAt: now,
          updatedAt: now,
        })),
      );
      for (let i = 0; i < listings.length; i += 1000)
        await db.insert(schema.listings).values(listings.slice(i, i + 1000));
      // Lots arrive with their `receive` ledger rows, so on-hand equals the ledger from the start.
      const lots = listings
        .flatMap((listing) =>
          Array.from({ length: lotsPer }, (_, k) => {
            const quantity = Math.floor(stock / lotsPer) + (k < stock % lotsPer ? 1 : 0);
            return {
              id: newId('lot'),
              listingId: listing.id,
              // Thousandths of a kg (decision 0029).
              quantityMilli: quantity * 1000,
              onHandMilli: quantity * 1000,
              expiresAt: `2099-0${1 + k}-01`,
              traceCode: randomToken(10),
              createdAt: now,
            };
          }),
        )
        .filter((lot) => lot.quantityMilli > 0);
      for (let i = 0; i < lots.length; i += 1000) {
        const chunk = lots.slice(i, i + 1000);
        await db.insert(schema.lots).values(chunk);
        await db.insert(schema.stockMovements).values(
          chunk.map((lot) => ({
            id: newId('mov'),
            lotId: lot.id,
            listingId: lot.listingId,
            kind: 'receive' as const,
            deltaMilli: lot.quantityMilli,
            createdAt: now,
          })),
        );
      }
      return listings.map((l) => ({ id: l.id, sellerId: l.sellerId, stock }));
    },
    async close() {
      await raw.end();
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await server?.stop();
    },
  };
}

/** `count` answers from `run`, `concurrency` at a time. */
export async function inParallel<T>(count: number, concurrency: number, run: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) results[i] = await run(i);
    }),
  );
  return results;
}
