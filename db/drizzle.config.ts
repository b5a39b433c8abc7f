import { defineConfig } from 'drizzle-kit';

// Generating SQL needs no database: drizzle-kit diffs the schema against the committed snapshots.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
  casing: 'snake_case',
});
