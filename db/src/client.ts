import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { type ExtractTablesWithRelations, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The driver-neutral database handle every repository takes: postgres.js and PGlite look alike here. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
// The third parameter must match what `db.transaction()` passes, or a real transaction is not a `Tx`.
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A repository function accepts the database or an open transaction. */
export type DbOrTx = Db | Tx;

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * Extensions come before the migrations: trigram indexes in the generated SQL need pg_trgm, and
 * drizzle-kit cannot order a CREATE EXTENSION before its own output. Idempotent.
 */
const EXTENSIONS_SQL = 'CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;';

export type DbOptions = {
  /** A PostgreSQL server. When absent the embedded PGlite database under `dataDir` is used. */
  url?: string | undefined;
  /** Where the embedded database keeps its files; `memory://` keeps it in memory. */
  dataDir?: string | undefined;
  /** Connections in the postgres.js pool (ignored by PGlite, which is one connection). */
  maxConnections?: number | undefined;
  /**
   * Called with the text of every statement sent to a PostgreSQL server (transaction control
   * included); benchmarks count statements per command with it. Not called by PGlite.
   */
  onQuery?: ((query: string) => void) | undefined;
};

export type Database = {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Applies the committed SQL migrations; safe to call on an up-to-date database. */
  migrate(): Promise<void>;
  /** Round trip to the database, for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

export function createDb(options: DbOptions): Database {
  if (options.url) return createPostgresDb(options.url, options.maxConnections ?? 10, options.onQuery);
  return createPgliteDb(options.dataDir ?? './data');
}

function createPostgresDb(url: string, max: number, onQuery: DbOptions['onQuery']): Database {
  // `onnotice` silenced: "relation already exists, skipping" notices from migrations are noise.
  const client = postgres(url, {
    max,
    onnotice: () => {},
    ...(onQuery ? { debug: (_connection: number, query: string) => onQuery(query) } : {}),
  });
  const db = drizzlePostgres(preparing(client), { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    migrate: async () => {
      await client.unsafe(EXTENSIONS_SQL);
      await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_DIR });
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      await client.end({ timeout: 5 });
    },
  };
}

/**
 * drizzle runs its queries through postgres.js `unsafe(…, { prepare: false })`, and postgres.js
 * sends an unprepared query with parameters in two round trips (Parse + Describe, wait for the
 * parameter types, then Bind + Execute). Prepared, a statement is described once per connection
 * and every later use is one round trip: half the round trips of every command. postgres.js
 * re-prepares by itself when a migration invalidates a cached plan; connections are recycled
 * (`max_lifetime`), which bounds the statements cached per connection.
 */
function preparing(client: postgres.Sql): postgres.Sql {
  const inScope = <F extends (...args: never[]) => unknown>(open: F) =>
    ((...args: unknown[]) => {
      const last = args.length - 1;
      const body = args[last] as (scoped: postgres.Sql) => unknown;
      args[last] = (scoped: postgres.Sql) => body(preparing(scoped));
      return (open as unknown as (...a: unknown[]) => unknown)(...args);
    }) as unknown as F;
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, args?: unknown[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, args as postgres.ParameterOrJSON<never>[], { ...options, prepare: true });
      }
      const value = Reflect.get(target, property, receiver);
      if ((property === 'begin' || property === 'savepoint') && typeof value === 'function') {
        return inScope(value.bind(target));
      }
      return value;
    },
  });
}

function createPgliteDb(dataDir: string): Database {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // One in-process connection (STACK-NOTES): every query and transaction is serialised by PGlite.
  const client = new PGlite(dataDir, { extensions: { pg_trgm, unaccent } });
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: async () => {
      await client.exec(EXTENSIONS_SQL);
      await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}
