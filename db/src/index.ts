export * from './client.ts';
export * from './ids.ts';
export * as schema from './schema/index.ts';
export * from './sql.ts';
