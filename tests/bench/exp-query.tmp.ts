import { type SearchQueryInput, SearchQuerySchema } from '@nongsan/contracts';
import { createDb } from '@nongsan/db';
import { createSearchEngine } from '@nongsan/search';

const THAI_NGUYEN_CITY = '21.59,105.85';
const HO_CHI_MINH_CITY = '10.82,106.63';
const CAN_THO = '10.03,105.78';
const QUERIES: { label: string; input: SearchQueryInput }[] = [
  { label: 'word', input: { q: 'chè' } },
  { label: 'word', input: { q: 'gạo' } },
  { label: 'word', input: { q: 'xoài' } },
  { label: 'word', input: { q: 'nấm' } },
  { label: 'word', input: { q: 'sầu riêng' } },
  { label: 'word', input: { q: 'cà phê' } },
  { label: 'phrase', input: { q: 'chè thái nguyên' } },
  { label: 'phrase', input: { q: 'gạo st25' } },
  { label: 'phrase', input: { q: 'bưởi da xanh' } },
  { label: 'phrase', input: { q: 'xoài cát hòa lộc' } },
  { label: 'phrase', input: { q: 'mật ong rừng nguyên chất' } },
  { label: 'phrase', input: { q: 'nếp cái hoa vàng' } },
  { label: 'no diacritics', input: { q: 'che thai nguyen' } },
  { label: 'no diacritics', input: { q: 'gao tam thom' } },
  { label: 'no diacritics', input: { q: 'buoi dien' } },
  { label: 'no diacritics', input: { q: 'mat ong hoa nhan' } },
  { label: 'no diacritics', input: { q: 'ca phe buon ma thuot' } },
  { label: 'typo', input: { q: 'che thai nguen' } },
  { label: 'typo', input: { q: 'sau rieeng ri6' } },
  { label: 'typo', input: { q: 'xoaii cat hoa loc' } },
  { label: 'typo', input: { q: 'mat ong nguyeen chat' } },
  { label: 'synonym', input: { q: 'lạc' } },
  { label: 'synonym', input: { q: 'đậu phộng' } },
  { label: 'synonym', input: { q: 'dứa' } },
  { label: 'synonym', input: { q: 'thịt heo' } },
  { label: 'synonym', input: { q: 'khổ qua' } },
  { label: 'diacritics', input: { q: 'đường' } },
  { label: 'diacritics', input: { q: 'đường phèn' } },
  { label: 'filter', input: { q: 'chè', province: 'thai-nguyen' } },
  { label: 'filter', input: { q: 'gạo', certification: 'organic' } },
  { label: 'filter', input: { q: 'rau', category: 'vegetables', inStock: true } },
  { label: 'filter', input: { q: 'bưởi', minPrice: 30_000, maxPrice: 60_000 } },
  { label: 'filter', input: { category: 'honey' } },
  { label: 'filter', input: { certification: 'ocop', province: 'Hà Nội' } },
  { label: 'geo', input: { q: 'rau', near: THAI_NGUYEN_CITY, radiusKm: 30 } },
  { label: 'geo', input: { near: HO_CHI_MINH_CITY, radiusKm: 50, sort: 'distance' } },
  { label: 'geo', input: { q: 'xoài', near: CAN_THO, sort: 'distance' } },
  { label: 'sort', input: { q: 'chè', sort: 'price_asc' } },
  { label: 'sort', input: { q: 'gạo', sort: 'price_desc' } },
  { label: 'sort', input: { q: 'mật ong', sort: 'newest' } },
  { label: 'browse', input: {} },
  { label: 'browse', input: { sort: 'price_asc' } },
  { label: 'page', input: { q: 'rau', page: 5 } },
  { label: 'page', input: { q: 'trà', sort: 'newest', page: 20, perPage: 50 } },
];

const database = createDb({ url: 'postgres://postgres@127.0.0.1:5432/nongsan_search_exp', maxConnections: 4 });
const engine = createSearchEngine({ engine: 'postgres', db: database.db });
const queries = QUERIES.map((x) => ({ ...x, query: SearchQuerySchema.parse(x.input) }));
for (const { query } of queries) await engine.search(query);
const runs = Number(process.argv[2] ?? 5);
const samples = queries.map(() => [] as number[]);
const totals: number[] = [];
for (let r = 0; r < runs; r++)
  for (const [i, { query }] of queries.entries()) {
    const t = performance.now();
    const res = await engine.search(query);
    samples[i]!.push(performance.now() - t);
    totals[i] = res.total;
  }
const all = samples.flat().sort((a, b) => a - b);
const pct = (p: number) => all[Math.ceil((p / 100) * all.length) - 1]!;
for (const [i, { label, input }] of queries.entries()) {
  const s = [...samples[i]!].sort((a, b) => a - b);
  console.log(
    label.padEnd(14),
    JSON.stringify(input).padEnd(60),
    s[0]!.toFixed(1).padStart(7),
    s[Math.floor(s.length / 2)]!.toFixed(1).padStart(7),
    totals[i],
  );
}
const mins = samples.map((x) => Math.min(...x));
console.log('sum of mins', mins.reduce((a, b) => a + b, 0).toFixed(1));
console.log(`p50 ${pct(50).toFixed(1)} p95 ${pct(95).toFixed(1)} p99 ${pct(99).toFixed(1)}`);
await database.close();
