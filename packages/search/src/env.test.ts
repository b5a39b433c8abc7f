import { describe, expect, it } from 'vitest';
import { readSearchEnv } from './env.ts';

describe('readSearchEnv', () => {
  it('defaults to the postgres engine without Meilisearch', () => {
    expect(readSearchEnv({})).toEqual({ engine: 'postgres', meilisearch: null });
  });

  it('reads a Meilisearch server, whichever engine is chosen', () => {
    expect(readSearchEnv({ MEILI_URL: 'http://127.0.0.1:7700', MEILI_MASTER_KEY: 'key' })).toEqual({
      engine: 'postgres',
      meilisearch: { url: 'http://127.0.0.1:7700', apiKey: 'key', indexUid: 'listings', requestTimeoutMs: 3000 },
    });
  });

  it('refuses meilisearch without its URL, and bad values, naming them', () => {
    expect(() => readSearchEnv({ SEARCH_ENGINE: 'meilisearch' })).toThrow(/MEILI_URL/);
    expect(() => readSearchEnv({ SEARCH_ENGINE: 'elastic' })).toThrow(/SEARCH_ENGINE/);
    expect(() => readSearchEnv({ MEILI_URL: 'ftp://x' })).toThrow(/MEILI_URL/);
    expect(() => readSearchEnv({ MEILI_URL: 'http://x', MEILI_INDEX: 'bad index' })).toThrow(/MEILI_INDEX/);
    expect(() => readSearchEnv({ MEILI_URL: 'http://x', MEILI_TIMEOUT_MS: 'soon' })).toThrow(/MEILI_TIMEOUT_MS/);
  });

  it('treats empty strings as unset', () => {
    expect(readSearchEnv({ SEARCH_ENGINE: '', MEILI_URL: '' })).toEqual({ engine: 'postgres', meilisearch: null });
  });
});
