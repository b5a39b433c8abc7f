export * from './certifications.ts';
export * from './inventory.ts';
export * from './jobs.ts';
export * from './listings.ts';
export * from './media.ts';
export * from './search.ts';
export * from './sellers.ts';
export * from './users.ts';
