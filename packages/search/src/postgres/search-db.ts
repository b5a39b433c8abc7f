import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/**
 * The database handle the PostgreSQL engine takes: any drizzle PostgreSQL database (postgres.js or
 * PGlite), whatever schema it was built with. The engine's queries name their tables themselves
 * (search-tables.ts), so this package needs neither the application's schema type nor the db package.
 */
export type SearchDb = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;
