// Search benchmark: `pnpm bench:search [--n 100000] [--runs 10] [--baseline-runs 3]`.
// Indexes a synthetic catalogue (search-corpus.ts) through the PostgreSQL engine on a real PostgreSQL
// server (DATABASE_URL, or one started here), in a database of its own that is dropped at the end,
// then runs a fixed mix of queries and the same queries as an unindexed ILIKE scan.
// Targets (issue 4): p95 ≤ 30 ms at 100,000 listings, ≥ 20× faster than the ILIKE scan.
// Prints figures; never fails on them (STYLE.md: tests never assert timings).
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type SearchQuery, type SearchQueryInput, SearchQuerySchema } from '@nongsan/contracts';
import { createDb } from '@nongsan/db';
import { startTestServer, type TestServer } from '@nongsan/db/test-server';
import { analyseQuery, CERTIFICATION_BITS, createSearchEngine, EARTH_RADIUS_KM } from '@nongsan/search';
import postgres from 'postgres';
import { generateCatalogue } from './search-corpus.ts';

const TARGET_P95_MS = 30;
const TARGET_RATIO = 20;

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '10' },
    'baseline-runs': { type: 'string', default: '3' },
  },
});
const count = Number(args.n);
const runs = Number(args.runs);
const baselineRuns = Number(args['baseline-runs']);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(runs) || runs < 1 || !(baselineRuns >= 0)) {
  throw new Error('usage: bench:search [--n 100000] [--runs 10] [--baseline-runs 3]');
}

const THAI_NGUYEN_CITY = '21.59,105.85';
const HO_CHI_MINH_CITY = '10.82,106.63';
const CAN_THO = '10.03,105.78';

/** A fixed mix: single words, phrases, no diacritics, typos, synonyms, filters, geo, sorts, deep pages. */
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}
const ms = (value: number) => `${value.toFixed(1)} ms`;
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
  };
};

/**
 * The naive implementation the index replaces: every query word as `ILIKE '%word%'` on the folded
 * text (so it still finds text typed without diacritics), synonyms as OR, the same filters, counts,
 * facets and page, on a copy of the table without any index. It finds no typos.
 */
function ilikeStatement(query: SearchQuery): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions: string[] = [];
  const analysis = analyseQuery(query.q);
  if (analysis.words.length > 0) {
    const variants = [analysis.words, ...analysis.alternatives].map(
      (words) => `(${words.map((word) => `d.body_folded ILIKE ${param(`%${word}%`)}`).join(' AND ')})`,
    );
    conditions.push(`(${variants.join(' OR ')})`);
  }
  if (query.category) conditions.push(`d.category = ${param(query.category)}`);
  if (query.province) conditions.push(`d.province_id = ${param(query.province)}`);
  if (query.certification) {
    conditions.push(`(d.certification_mask & ${param(CERTIFICATION_BITS[query.certification])}::smallint) <> 0`);
  }
  if (query.minPrice !== undefined) conditions.push(`d.price_vnd >= ${param(query.minPrice)}`);
  if (query.maxPrice !== undefined) conditions.push(`d.price_vnd <= ${param(query.maxPrice)}`);
  if (query.inStock !== undefined) conditions.push(`d.in_stock = ${param(query.inStock)}`);
  let distance = 'NULL::float8';
  if (query.near) {
    const lat = param(query.near.lat);
    const lng = param(query.near.lng);
    distance = `(CASE WHEN d.lat IS NULL THEN NULL ELSE 2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(power(sin(radians(d.lat - ${lat}::float8) / 2), 2) + cos(radians(${lat}::float8)) * cos(radians(d.lat)) * power(sin(radians(d.lng - ${lng}::float8) / 2), 2)))) END)`;
    if (query.radiusKm !== undefined) conditions.push(`${distance} <= ${param(query.radiusKm)}::float8`);
  }
  const order =
    query.sort === 'price_asc'
      ? 'price_vnd ASC, id'
      : query.sort === 'price_desc'
        ? 'price_vnd DESC, id'
        : query.sort === 'distance'
          ? 'distance_km ASC NULLS LAST, id'
          : 'created_at DESC, id';
  const text = `
    WITH m AS MATERIALIZED (
      SELECT d.id, d.category, d.province_id, d.certification_mask, d.price_vnd, d.created_at, ${distance} AS distance_km
      FROM bench_plain d WHERE ${conditions.length > 0 ? conditions.join(' AND ') : 'true'}
    )
    SELECT (SELECT count(*) FROM m) AS total,
      (SELECT jsonb_agg(g) FROM (SELECT category, province_id, certification_mask, count(*) n FROM m GROUP BY 1, 2, 3) g) AS groups,
      (SELECT jsonb_agg(p.payload) FROM (SELECT d.payload FROM (SELECT * FROM m ORDER BY ${order}
         LIMIT ${param(query.perPage)} OFFSET ${param((query.page - 1) * query.perPage)}) x JOIN bench_plain d ON d.id = x.id) p) AS hits`;
  return { text, params };
}

let server: TestServer | undefined;
let adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  server = await startTestServer();
  adminUrl = server.url;
}
const databaseName = `nongsan_bench_search_${process.pid}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const benchUrl = new URL(adminUrl);
benchUrl.pathname = `/${databaseName}`;

try {
  await admin.unsafe(`CREATE DATABASE ${databaseName}`);
  const database = createDb({ url: benchUrl.toString(), maxConnections: 4 });
  const raw = postgres(benchUrl.toString(), { max: 1, onnotice: () => {} });
  try {
    await database.migrate();
    const [version] = await raw<{ server_version: string }[]>`SHOW server_version`;
    console.log(
      `node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'cpu'}), PostgreSQL ${version?.server_version}`,
    );
    // Other work on the machine shows up in every figure below: the load average says how much.
    const load = () =>
      loadavg()
        .map((n) => n.toFixed(2))
        .join(' ');
    console.log(`load average at start: ${load()}`);

    const generatedAt = performance.now();
    const catalogue = generateCatalogue(count);
    console.log(`catalogue: ${count} listings generated in ${ms(performance.now() - generatedAt)}`);

    const engine = createSearchEngine({ engine: 'postgres', db: database.db });
    await engine.setUp();
    const indexStarted = performance.now();
    const BATCH = 2000;
    for (let i = 0; i < catalogue.length; i += BATCH) await engine.apply(catalogue.slice(i, i + BATCH));
    const indexMs = performance.now() - indexStarted;
    const analyzeStarted = performance.now();
    // What autovacuum does after a bulk load, done now so the planner sees the real table.
    await raw.unsafe('VACUUM ANALYZE search_documents');
    await raw.unsafe('VACUUM ANALYZE search_document_payloads');
    await raw.unsafe('VACUUM ANALYZE search_terms');
    const [size] = await raw<{ table: string; indexes: string }[]>`
      SELECT pg_size_pretty(pg_table_size('search_documents') + pg_table_size('search_document_payloads')) AS table,
             pg_size_pretty(pg_indexes_size('search_documents') + pg_indexes_size('search_document_payloads')
               + pg_total_relation_size('search_terms')) AS indexes`;
    console.log(
      `index: ${ms(indexMs)} (${Math.round(count / (indexMs / 1000))} listings/s, batches of ${BATCH}), ` +
        `vacuum analyze ${ms(performance.now() - analyzeStarted)}; table ${size?.table}, indexes ${size?.indexes}`,
    );

    await raw.unsafe(
      'CREATE TABLE bench_plain AS SELECT d.*, p.body_folded, p.payload FROM search_documents d JOIN search_document_payloads p USING (id)',
    );
    await raw.unsafe('VACUUM ANALYZE bench_plain');

    const queries = QUERIES.map(({ label, input }) => ({ label, input, query: SearchQuerySchema.parse(input) }));
    // Warm-up pass: plans, caches and the buffer pool, as a running server would have them.
    const totals: number[] = [];
    for (const { query } of queries) totals.push((await engine.search(query)).total);

    const engineSamples: number[][] = queries.map(() => []);
    for (let run = 0; run < runs; run++) {
      for (const [i, { query }] of queries.entries()) {
        const started = performance.now();
        await engine.search(query);
        engineSamples[i]?.push(performance.now() - started);
      }
    }

    const baselineSamples: number[][] = queries.map(() => []);
    const baselineTotals: number[] = [];
    for (let run = 0; run < baselineRuns; run++) {
      for (const [i, { query }] of queries.entries()) {
        const { text, params } = ilikeStatement(query);
        const started = performance.now();
        const [row] = await raw.unsafe<{ total: string }[]>(text, params as never[]);
        baselineSamples[i]?.push(performance.now() - started);
        if (run === 0) baselineTotals.push(Number(row?.total ?? 0));
      }
    }

    const median = (samples: number[]) => summary(samples).p50;
    console.log('\nper query (median ms): engine | ILIKE | ratio | hits engine / ILIKE');
    for (const [i, { label, input }] of queries.entries()) {
      const engineMedian = median(engineSamples[i] ?? []);
      const baselineMedian = baselineRuns > 0 ? median(baselineSamples[i] ?? []) : Number.NaN;
      console.log(
        `  ${label.padEnd(14)} ${JSON.stringify(input).padEnd(62)} ${engineMedian.toFixed(1).padStart(7)} | ` +
          `${baselineMedian.toFixed(1).padStart(7)} | ${(baselineMedian / engineMedian).toFixed(0).padStart(4)}× | ` +
          `${totals[i]} / ${baselineTotals[i] ?? '-'}`,
      );
    }

    console.log(`\nload average after the searches: ${load()}`);
    const engineAll = summary(engineSamples.flat());
    console.log(
      `\nengine: ${engineSamples.flat().length} searches (${queries.length} queries × ${runs} runs): ` +
        `p50 ${ms(engineAll.p50)}, p95 ${ms(engineAll.p95)}, p99 ${ms(engineAll.p99)}, max ${ms(engineAll.max)}`,
    );
    if (baselineRuns > 0) {
      const baselineAll = summary(baselineSamples.flat());
      console.log(
        `ILIKE scan: ${baselineSamples.flat().length} searches (× ${baselineRuns} runs): ` +
          `p50 ${ms(baselineAll.p50)}, p95 ${ms(baselineAll.p95)}, p99 ${ms(baselineAll.p99)}, max ${ms(baselineAll.max)}`,
      );
      const ratioP50 = baselineAll.p50 / engineAll.p50;
      const ratioP95 = baselineAll.p95 / engineAll.p95;
      console.log(`ratio ILIKE / engine: p50 ${ratioP50.toFixed(1)}×, p95 ${ratioP95.toFixed(1)}×`);
      console.log(
        `targets: p95 ${ms(engineAll.p95)} ≤ ${TARGET_P95_MS} ms ${engineAll.p95 <= TARGET_P95_MS ? 'MET' : 'MISSED'}; ` +
          `p95 ratio ${ratioP95.toFixed(1)}× ≥ ${TARGET_RATIO}× ${ratioP95 >= TARGET_RATIO ? 'MET' : 'MISSED'}`,
      );
    }
  } finally {
    await raw.end();
    await database.close();
  }
} finally {
  await admin.unsafe(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  await admin.end();
  await server?.stop();
}
