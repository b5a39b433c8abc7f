import postgres from 'postgres';
import { createDb, type Database } from './client.ts';
import { randomToken } from './ids.ts';

/**
 * Test databases: the global setup migrates one template database per run; each test file clones
 * it (`CREATE DATABASE … TEMPLATE`, a file copy, far faster than migrating) so files never share
 * data and can run in parallel.
 */
export type TestDbRun = { adminUrl: string; runId: string };

declare module 'vitest' {
  export interface ProvidedContext {
    /** Provided by tests/setup/postgres.global.ts to every integration test file. */
    testDbRun: TestDbRun;
  }
}

export const templateName = (runId: string) => `ns_${runId}_tpl`;

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTemplateDb(adminUrl: string): Promise<TestDbRun> {
  const runId = randomToken(8);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${templateName(runId)}`);
  } finally {
    await admin.end();
  }
  const database = createDb({ url: databaseUrl(adminUrl, templateName(runId)), maxConnections: 1 });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  return { adminUrl, runId };
}

export async function dropRunDatabases(run: TestDbRun): Promise<void> {
  const admin = postgres(run.adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<{ datname: string }[]>`
      SELECT datname FROM pg_database WHERE datname LIKE ${`ns\\_${run.runId}\\_%`}`;
    for (const { datname } of rows) await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export type TestDb = Database & { url: string };

/** A fresh database cloned from the run's migrated template. Close it in `afterAll`. */
export async function createTestDb(run: TestDbRun, options: { maxConnections?: number } = {}): Promise<TestDb> {
  const name = `ns_${run.runId}_${randomToken(10)}`;
  const admin = postgres(run.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${templateName(run.runId)}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(run.adminUrl, name);
  const database = createDb({ url, maxConnections: options.maxConnections ?? 5 });
  return { ...database, url };
}
