export * from './sellers.ts';
export * from './users.ts';
export * from './jobs.ts';
