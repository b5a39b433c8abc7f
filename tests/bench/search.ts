// Search benchmark: `pnpm bench:search [--n 100000] [--growth] [--runs 10] [--baseline-runs 3]
// [--write-runs 3] [--writes-per-second 50]`.
// Indexes a synthetic catalogue (search-corpus.ts) through the PostgreSQL engine on a real PostgreSQL
// server (DATABASE_URL, or one started here), in a database of its own that is dropped at the end,
// then runs a fixed mix of queries, the same queries as an unindexed ILIKE scan, and the mix again
// while listings change stock or price at a steady rate through the application's write path (their
// search_outbox rows, the relay job on the API's job queue: search-writes.ts). `--growth` does it at 10k, 100k and 1M
// (or `--sizes 10000,50000`) and prints the curve.
// Targets (issues 4 and 14): p95 ≤ 30 ms at 100,000 listings and ≤ 60 ms at 1,000,000, ≥ 20× faster
// than the ILIKE scan.
// Prints figures; never fails on them (STYLE.md: tests never assert timings).
import { availableParallelism, cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { SearchDocument } from '@nongsan/contracts';
import { type SearchQuery, type SearchQueryInput, SearchQuerySchema } from '@nongsan/contracts';
import { createDb } from '@nongsan/db';
import { startTestServer, type TestServer } from '@nongsan/db/test-server';
import {
  analyseQuery,
  CERTIFICATION_BITS,
  createSearchEngine,
  EARTH_RADIUS_KM,
  type SearchEngine,
} from '@nongsan/search';
import postgres from 'postgres';
import { generateListings } from './search-corpus.ts';
import { seedWrittenListings, startWriter, type WriteFigures } from './search-writes.ts';

/** p95 targets by catalogue size (issue 14): the largest size not above the catalogue applies. */
const TARGET_P95_MS: [size: number, ms: number][] = [
  [100_000, 30],
  [1_000_000, 60],
];
const targetFor = (size: number) => [...TARGET_P95_MS].reverse().find(([at]) => size >= at)?.[1] ?? 30;
const TARGET_RATIO = 20;
/** The mix while writing runs at least this long. */
const WRITE_SECONDS = 20;

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '10' },
    'baseline-runs': { type: 'string', default: '3' },
    'write-runs': { type: 'string', default: '3' },
    'writes-per-second': { type: 'string', default: '50' },
    growth: { type: 'boolean', default: false },
    sizes: { type: 'string' },
  },
});
const sizes = args.sizes
  ? args.sizes.split(',').map(Number)
  : args.growth
    ? [10_000, 100_000, 1_000_000]
    : [Number(args.n)];
const runs = Number(args.runs);
const baselineRuns = Number(args['baseline-runs']);
const writeRuns = Number(args['write-runs']);
const writesPerSecond = Number(args['writes-per-second']);
if (
  sizes.some((size) => !Number.isInteger(size) || size < 1) ||
  !Number.isInteger(runs) ||
  runs < 1 ||
  !(baselineRuns >= 0) ||
  !(writeRuns >= 0) ||
  !(writesPerSecond > 0)
) {
  throw new Error(
    'usage: bench:search [--n 100000 | --growth | --sizes 10000,100000] [--runs 10] [--baseline-runs 3] [--write-runs 3] [--writes-per-second 50]',
  );
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

/** Other work on the machine shows up in every figure: the load average says how much. */
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** The benchmark process's largest resident set, sampled. */
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);
sampler.unref();

/** Every query of the mix `runs` times; the samples per query. */
/** Every query of the mix `times` times, and again until `minMs` have passed; the samples per query. */
async function runMix(
  engine: SearchEngine,
  queries: { query: SearchQuery }[],
  times: number,
  minMs = 0,
): Promise<number[][]> {
  const samples: number[][] = queries.map(() => []);
  const started = performance.now();
  for (let run = 0; run < times || performance.now() - started < minMs; run++) {
    for (const [i, { query }] of queries.entries()) {
      const started = performance.now();
      await engine.search(query);
      samples[i]?.push(performance.now() - started);
    }
  }
  return samples;
}

type SizeSummary = {
  count: number;
  indexMs: number;
  p50: number;
  p95: number;
  p99: number;
  ratioP95: number | null;
  writingP95: number | null;
  writes: WriteFigures | null;
  peakRss: number;
  loadAfter: string;
  tables: string;
};

async function measure(adminUrl: string, count: number): Promise<SizeSummary> {
  const databaseName = `nongsan_bench_search_${process.pid}_${count}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const benchUrl = new URL(adminUrl);
  benchUrl.pathname = `/${databaseName}`;
  console.log(`\n=== ${count.toLocaleString('en')} listings (load average ${load()}) ===`);
  try {
    await admin.unsafe(`CREATE DATABASE ${databaseName}`);
    const database = createDb({ url: benchUrl.toString(), maxConnections: 4 });
    const raw = postgres(benchUrl.toString(), { max: 1, onnotice: () => {} });
    try {
      await database.migrate();
      const engine = createSearchEngine({ engine: 'postgres', db: database.db });
      await engine.setUp();

      // Generated and indexed in batches as they come; a sample is kept for the writes below.
      const indexStarted = performance.now();
      const BATCH = 2000;
      const writeSample: SearchDocument[] = [];
      let batch: SearchDocument[] = [];
      let seen = 0;
      for (const document of generateListings(count)) {
        batch.push(document);
        if (seen++ % Math.max(1, Math.floor(count / 5000)) === 0) writeSample.push(document);
        if (batch.length === BATCH) {
          await engine.apply(batch);
          batch = [];
        }
      }
      if (batch.length > 0) await engine.apply(batch);
      const indexMs = performance.now() - indexStarted;
      const analyzeStarted = performance.now();
      // What autovacuum does after a bulk load, done now so the planner sees the real table.
      await raw.unsafe('VACUUM ANALYZE search_documents');
      await raw.unsafe('VACUUM ANALYZE search_document_payloads');
      await raw.unsafe('VACUUM ANALYZE search_terms');
      const [size] = await raw<
        { documents: string; payloads: string; vector: string; others: string; terms: string }[]
      >`
        SELECT pg_size_pretty(pg_table_size('search_documents')) AS documents,
               pg_size_pretty(pg_table_size('search_document_payloads')) AS payloads,
               pg_size_pretty(pg_relation_size('search_documents_vector_idx')) AS vector,
               pg_size_pretty(pg_indexes_size('search_documents') - pg_relation_size('search_documents_vector_idx')
                 + pg_indexes_size('search_document_payloads')) AS others,
               pg_size_pretty(pg_total_relation_size('search_terms')) AS terms`;
      const tables =
        `documents ${size?.documents} + payloads ${size?.payloads}; indexes: text (GIN) ${size?.vector}, ` +
        `others ${size?.others}; vocabulary ${size?.terms}`;
      console.log(
        `index: ${ms(indexMs)} (${Math.round(count / (indexMs / 1000))} listings/s, engine.apply in batches of ${BATCH}, generated as they go), ` +
          `vacuum analyze ${ms(performance.now() - analyzeStarted)} (load average ${load()})`,
      );
      console.log(`PostgreSQL: ${tables}`);
      // The listings the writer will change, as rows of the application's tables (the relay reads them).
      if (writeRuns > 0) await seedWrittenListings(raw, writeSample);

      const queries = QUERIES.map(({ label, input }) => ({ label, input, query: SearchQuerySchema.parse(input) }));
      // Warm-up pass: plans, caches and the buffer pool, as a running server would have them.
      const results = [];
      for (const { query } of queries) results.push(await engine.search(query));

      const engineSamples = await runMix(engine, queries, runs);
      const loadAfter = load();

      // The same mix while listings change through the outbox and its relay; the next size's fresh
      // database undoes the changes.
      let writingP95: number | null = null;
      let writes: WriteFigures | null = null;
      let writingLoad = '';
      let writingRuns = 0;
      if (writeRuns > 0) {
        const writer = startWriter(database.db, raw, engine, writeSample, writesPerSecond);
        // The relay's first polls settle before the measuring starts; then the mix runs for at least
        // WRITE_SECONDS, so that the relay runs many times during it.
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const writingSamples = await runMix(engine, queries, writeRuns, WRITE_SECONDS * 1000);
        writingRuns = writingSamples[0]?.length ?? 0;
        writingLoad = load();
        writes = await writer.stop();
        writingP95 = summary(writingSamples.flat()).p95;
      }

      const baselineSamples: number[][] = queries.map(() => []);
      const baselineTotals: number[] = [];
      if (baselineRuns > 0) {
        await raw.unsafe(
          'CREATE TABLE bench_plain AS SELECT d.*, p.body_folded, p.payload FROM search_documents d JOIN search_document_payloads p USING (id)',
        );
        await raw.unsafe('VACUUM ANALYZE bench_plain');
        for (let run = 0; run < baselineRuns; run++) {
          for (const [i, { query }] of queries.entries()) {
            const { text, params } = ilikeStatement(query);
            const started = performance.now();
            const [row] = await raw.unsafe<{ total: string }[]>(text, params as never[]);
            baselineSamples[i]?.push(performance.now() - started);
            if (run === 0) baselineTotals.push(Number(row?.total ?? 0));
          }
        }
      }

      const median = (samples: number[]) => summary(samples).p50;
      console.log('\nper query (median ms): engine | ILIKE | ratio | hits engine / ILIKE (~ estimated total)');
      for (const [i, { label, input }] of queries.entries()) {
        const engineMedian = median(engineSamples[i] ?? []);
        const baselineMedian = baselineRuns > 0 ? median(baselineSamples[i] ?? []) : Number.NaN;
        const result = results[i];
        console.log(
          `  ${label.padEnd(14)} ${JSON.stringify(input).padEnd(62)} ${engineMedian.toFixed(1).padStart(7)} | ` +
            `${baselineMedian.toFixed(1).padStart(7)} | ${(baselineMedian / engineMedian).toFixed(0).padStart(4)}× | ` +
            `${result?.totalIsExact ? '' : '~'}${result?.total} / ${baselineTotals[i] ?? '-'}`,
        );
      }

      const labels = [...new Set(queries.map((q) => q.label))];
      console.log(
        `per label (p95 ms over its queries × runs): ${labels
          .map(
            (label) =>
              `${label} ${summary(queries.flatMap((q, i) => (q.label === label ? (engineSamples[i] ?? []) : []))).p95.toFixed(1)}`,
          )
          .join(', ')}`,
      );
      console.log(`\nload average after the searches: ${loadAfter}`);
      const engineAll = summary(engineSamples.flat());
      console.log(
        `engine: ${engineSamples.flat().length} searches (${queries.length} queries × ${runs} runs): ` +
          `p50 ${ms(engineAll.p50)}, p95 ${ms(engineAll.p95)}, p99 ${ms(engineAll.p99)}, max ${ms(engineAll.max)}`,
      );
      if (writingP95 !== null && writes) {
        console.log(
          `while writing (${writes.perSecond.toFixed(0)} listings/s changing stock or price, each with its search_outbox row; ` +
            `the relay job on the API's job queue indexed ${writes.relayed} outbox rows for ${writes.changes} changes, commit → indexed p95 ${ms(writes.lagP95Ms)}, max ${ms(writes.lagMaxMs)}): ` +
            `p95 ${ms(writingP95)} beside read-only p95 ${ms(engineAll.p95)} (${queries.length} queries × ${writingRuns} runs; load average ${writingLoad})`,
        );
      }
      let ratioP95: number | null = null;
      if (baselineRuns > 0) {
        const baselineAll = summary(baselineSamples.flat());
        console.log(
          `ILIKE scan: ${baselineSamples.flat().length} searches (× ${baselineRuns} runs): ` +
            `p50 ${ms(baselineAll.p50)}, p95 ${ms(baselineAll.p95)}, p99 ${ms(baselineAll.p99)}, max ${ms(baselineAll.max)}`,
        );
        const ratioP50 = baselineAll.p50 / engineAll.p50;
        ratioP95 = baselineAll.p95 / engineAll.p95;
        console.log(`ratio ILIKE / engine: p50 ${ratioP50.toFixed(1)}×, p95 ${ratioP95.toFixed(1)}×`);
      }
      const target = targetFor(count);
      console.log(
        `memory: benchmark process peak RSS ${mb(peakRss)} (heap ${mb(process.memoryUsage().heapUsed)} now); PostgreSQL ${tables}`,
      );
      console.log(
        `targets: p95 ${ms(engineAll.p95)} ≤ ${target} ms ${engineAll.p95 <= target ? 'MET' : 'MISSED'}` +
          (ratioP95 === null
            ? ''
            : `; p95 ratio ${ratioP95.toFixed(1)}× ≥ ${TARGET_RATIO}× ${ratioP95 >= TARGET_RATIO ? 'MET' : 'MISSED'}`),
      );
      return {
        count,
        indexMs,
        p50: engineAll.p50,
        p95: engineAll.p95,
        p99: engineAll.p99,
        ratioP95,
        writingP95,
        writes,
        peakRss,
        loadAfter,
        tables,
      };
    } finally {
      await raw.end();
      await database.close();
    }
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  }
}

let server: TestServer | undefined;
let adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  server = await startTestServer();
  adminUrl = server.url;
}
try {
  const probe = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const [version] = await probe.unsafe<{ server_version: string }[]>('SHOW server_version');
  await probe.end();
  console.log(
    `node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'cpu'}), PostgreSQL ${version?.server_version}`,
  );
  console.log(`load average at start: ${load()}`);
  const curve: SizeSummary[] = [];
  const started = performance.now();
  for (const count of sizes) curve.push(await measure(adminUrl, count));
  if (curve.length > 1) {
    console.log(
      '\ngrowth: listings | index | p50 | p95 (target) | p99 | p95 writing | ILIKE/engine p95 | peak RSS | load after | PostgreSQL sizes',
    );
    for (const row of curve) {
      console.log(
        `  ${row.count.toLocaleString('en').padStart(9)} | ${(row.indexMs / 1000).toFixed(0).padStart(5)} s | ${ms(row.p50).padStart(8)} | ` +
          `${ms(row.p95).padStart(8)} (${targetFor(row.count)}) | ${ms(row.p99).padStart(8)} | ${row.writingP95 === null ? '-' : ms(row.writingP95)} | ` +
          `${row.ratioP95 === null ? '-' : `${row.ratioP95.toFixed(1)}×`} | ${mb(row.peakRss)} | ${row.loadAfter} | ${row.tables}`,
      );
    }
  }
  console.log(`\nwhole run: ${((performance.now() - started) / 60_000).toFixed(1)} min`);
} finally {
  clearInterval(sampler);
  await server?.stop();
}
