// Commune lookup benchmark: `pnpm bench:communes [--runs 200]`. Times the first lookup (which folds
// every name once and keeps the index) and then a fixed mix of what buyers type in a commune
// picker, and prints p50/p95/max per query. Prints figures; never fails on them.
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { searchCommunes } from '@nongsan/vn/communes';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('usage: bench:communes [--runs 200]');

const QUERIES = [
  'phan dinh phung',
  'p phan đình phùng',
  'xã Tiên Hội',
  'tien hoi, bac kan',
  'la bang thai nguyen',
  'hoa binh',
  'x',
  'ph',
  'dakmil',
  'tt hung son',
  'qqqzzz',
];

const firstStarted = performance.now();
searchCommunes('phan dinh phung');
const firstMs = performance.now() - firstStarted;

const samples: number[] = [];
for (let run = 0; run < runs; run++) {
  for (const query of QUERIES) {
    const started = performance.now();
    searchCommunes(query);
    samples.push(performance.now() - started);
  }
}
samples.sort((a, b) => a - b);
const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
console.log(`cores ${availableParallelism()}, load ${loadavg()[0]?.toFixed(2)}`);
console.log(`first lookup (builds the index): ${firstMs.toFixed(1)} ms`);
console.log(
  `${samples.length} lookups (${QUERIES.length} queries × ${runs}): p50 ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms, max ${at(1).toFixed(3)} ms`,
);
