import { createDb } from '@nongsan/db';
import { createSearchEngine } from '@nongsan/search';
import postgres from 'postgres';
import { generateCatalogue } from './search-corpus.ts';

const admin = postgres('postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => {} });
await admin.unsafe('DROP DATABASE IF EXISTS nongsan_search_exp WITH (FORCE)');
await admin.unsafe('CREATE DATABASE nongsan_search_exp');
await admin.end();
const database = createDb({ url: 'postgres://postgres@127.0.0.1:5432/nongsan_search_exp', maxConnections: 2 });
await database.migrate();
const engine = createSearchEngine({ engine: 'postgres', db: database.db });
const docs = generateCatalogue(100000);
for (let i = 0; i < docs.length; i += 2000) await engine.apply(docs.slice(i, i + 2000));
await database.close();
