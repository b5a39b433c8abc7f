export * from './sellers.ts';
export * from './users.ts';
