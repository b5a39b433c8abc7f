import { defineConfig } from 'vitest/config';

// Two tiers (STYLE.md): `unit` has no I/O beyond the CPU and small files; `int` runs against a
// real PostgreSQL server (DATABASE_URL, or one the global setup starts) through the HTTP layer.
const ignored = ['**/node_modules/**', 'web/**', 'tests/e2e/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{api,db,packages}/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          exclude: [...ignored, '**/*.int.test.ts'],
          setupFiles: ['tests/setup/no-console-error.ts'],
        },
      },
      {
        test: {
          name: 'int',
          include: ['{api,db,packages}/**/*.int.test.ts', 'tests/{int,concurrency}/**/*.int.test.ts'],
          exclude: ignored,
          globalSetup: ['tests/setup/postgres.global.ts'],
          setupFiles: ['tests/setup/no-console-error.ts', 'tests/setup/log-leaks.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
