import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SearchQuerySchema } from '@nongsan/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMeilisearchEngine } from './meilisearch.engine.ts';

// The typo rules the Meilisearch engine applies itself (typos.ts), against a stand-in for the
// server's multi-search route: an index whose documents hold the `terms` below. It answers filters
// of the forms the engine sends (terms = "w", NOT (…), aboutTerms IN […]) well enough to count.
type Query = { q: string; filter: string[]; page?: number; offset?: number; limit?: number };
const DOCUMENTS = [
  { id: 'honey', terms: ['mat', 'ong', 'rung'], aboutTerms: ['mat', 'ong', 'rung'] },
  { id: 'sugar', terms: ['duong', 'phen'], aboutTerms: ['duong', 'phen'] },
  { id: 'gon', terms: ['gon', 'gang'], aboutTerms: ['gon', 'gang'] },
];

const CARD = {
  category: 'other',
  unit: 'kg',
  priceVnd: 1000,
  sellerId: 'sel_1',
  sellerName: 'Người bán',
  sellerKind: 'farmer',
  provinceId: 'ha-noi',
  provinceName: 'Hà Nội',
  certifications: [],
  inStock: true,
  status: 'active',
  location: null,
  harvestedAt: null,
  createdAt: '2026-10-01T00:00:00.000Z',
  photo: null,
};

function matches(doc: (typeof DOCUMENTS)[number], filter: string): boolean {
  const has = (word: string) => doc.terms.includes(word);
  const clause = (text: string): boolean => {
    const trimmed = text.trim();
    if (trimmed.startsWith('NOT (')) {
      const end = trimmed.indexOf(') AND ', 5);
      const inner = end < 0 ? trimmed.slice(5, -1) : trimmed.slice(5, end);
      const rest = end < 0 ? '' : trimmed.slice(end + 6);
      return !clause(inner) && (rest === '' || clause(rest));
    }
    if (trimmed.startsWith('(') && trimmed.endsWith(')')) return clause(trimmed.slice(1, -1));
    return trimmed.split(' AND ').every((part) => {
      const about = /^aboutTerms IN \[(.*)\]$/.exec(part.trim());
      if (about) return (about[1] ?? '').split(', ').some((w) => doc.aboutTerms.includes(JSON.parse(w)));
      const term = /^terms = (".*")$/.exec(part.trim());
      return term ? has(JSON.parse(term[1] as string)) : true;
    });
  };
  return clause(filter);
}

let server: Server;
let url: string;
const received: Query[][] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const { queries } = JSON.parse(body) as { queries: Query[] };
      received.push(queries);
      const results = queries.map((query) => {
        const found = DOCUMENTS.filter((doc) => query.filter.every((f) => matches(doc, f)));
        const hits = query.page === 0 ? [] : found.map((doc) => ({ ...CARD, id: doc.id, title: doc.id }));
        return { indexUid: 'listings', hits, totalHits: found.length, query: query.q };
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ results }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received.length = 0;
});

const search = (q: string) =>
  createMeilisearchEngine({ url, indexUid: 'listings' }).search(SearchQuerySchema.parse({ q }));

describe('Meilisearch engine: typo rules it applies itself', () => {
  it('asks which words the index holds, and keeps a held word as typed in every tier', async () => {
    await search('duong');
    const [lookup, counts] = received;
    expect(lookup?.map((query) => query.filter)).toEqual([['terms = "duong"']]);
    // Every tier requires "duong" itself: Meilisearch's own tolerance cannot bring "dong".
    for (const query of counts ?? []) expect(query.filter.join(' ')).toContain('terms = "duong"');
  });

  it('corrects a short word from its candidates found with the rest of the query, and sends it corrected', async () => {
    const result = await search('mat ogn');
    const [, candidates, counts] = received;
    // "gon" (a swap, tried first) is a word of the index, but never with "mat": "ong" is taken.
    expect(candidates?.map((query) => query.filter.at(-1))).toContain('terms = "ong"');
    expect(candidates?.every((query) => query.filter[0] === 'terms = "mat"')).toBe(true);
    expect(counts?.every((query) => query.q === 'mat ong')).toBe(true);
    expect(result.hits.map((hit) => hit.id)).toEqual(['honey']);
  });

  it('guesses no short word in a one-word query', async () => {
    await search('ogn');
    expect(received).toHaveLength(3);
    expect(received[1]?.every((query) => query.q === 'ogn')).toBe(true);
  });
});
