// The PostgreSQL search engine's tables are declared by the package that queries them
// (packages/search/src/postgres/search-tables.ts); re-exported here so the migrations and the drift
// check see one schema. db depends on packages, never the other way round.
export * from '@nongsan/search/tables';
