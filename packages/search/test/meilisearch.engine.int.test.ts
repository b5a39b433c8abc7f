import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { describe } from 'vitest';
import { createSearchEngine } from '../src/create-search-engine.ts';
import { readSearchEnv } from '../src/env.ts';
import { describeSearchEngineContract } from './engine.contract.ts';

const meili = readSearchEnv().meilisearch;

// No Meilisearch server can be installed on the development machines (STACK-NOTES.md), so the
// suite runs only where one is configured: MEILI_URL (and MEILI_MASTER_KEY) — see the README.
describe.skipIf(!meili)('meilisearch engine (MEILI_URL)', () => {
  if (!meili) return;
  // An index per run, deleted at the end: runs sharing a server never see each other's documents.
  const indexUid = `nongsan_contract_${randomBytes(5).toString('hex')}`;
  describeSearchEngineContract('meilisearch', async () => ({
    engine: createSearchEngine({ engine: 'meilisearch', url: meili.url, apiKey: meili.apiKey, indexUid }),
    close: async () => {
      const client = new Meilisearch({ host: meili.url, apiKey: meili.apiKey });
      await client.deleteIndex(indexUid).waitTask();
    },
  }));
});
