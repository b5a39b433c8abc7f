import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from './client.ts';

const dbRoot = fileURLToPath(new URL('..', import.meta.url));

describe('committed migrations', () => {
  it('match the drizzle schema (drizzle-kit generate finds nothing to add)', () => {
    // Generate into a copy of the committed migrations: any new file means the schema changed
    // without a migration being generated and committed.
    // drizzle-kit takes `--out` relative to its working directory, so the copy lives under db/.
    const copy = mkdtempSync(join(dbRoot, '.migrations-check-'));
    try {
      cpSync(MIGRATIONS_DIR, copy, { recursive: true });
      const before = readdirSync(copy).sort();
      const output = execFileSync(
        join(dbRoot, 'node_modules/.bin/drizzle-kit'),
        [
          'generate',
          '--dialect=postgresql',
          '--schema=./src/schema/index.ts',
          `--out=./${relative(dbRoot, copy)}`,
          '--casing=snake_case',
          '--name=schema_drift',
        ],
        { cwd: dbRoot, encoding: 'utf8', stdio: 'pipe' },
      );
      const after = readdirSync(copy).sort();
      expect(after, `schema and migrations disagree; run pnpm db:generate\n${output}`).toEqual(before);
      // Guard against a drizzle-kit that failed quietly and so added nothing.
      expect(output).toMatch(/No schema changes/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }, 60_000);
});
