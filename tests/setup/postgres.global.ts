import { startTestServer, type TestServer } from '@nongsan/db/test-server';
import { createTemplateDb, dropRunDatabases } from '@nongsan/db/testing';
import type { TestProject } from 'vitest/node';

/**
 * Integration tests run on real PostgreSQL: the server in DATABASE_URL when set (CI uses the
 * machine's PostgreSQL 15), otherwise one started here and stopped at the end.
 */
export default async function setup(project: TestProject) {
  let server: TestServer | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    server = await startTestServer();
    adminUrl = server.url;
  }
  const run = await createTemplateDb(adminUrl);
  project.provide('testDbRun', run);
  return async () => {
    await dropRunDatabases(run);
    await server?.stop();
  };
}
