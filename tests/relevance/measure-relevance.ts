import { SearchQuerySchema } from '@nongsan/contracts';
import type { SearchEngine } from '@nongsan/search';
import { RELEVANCE_SET, type RelevanceCase, type RelevanceKind } from './relevance-set.ts';

export type RelevanceMiss = RelevanceCase & { rank: number | null; top: string[] };
export type RelevanceReport = {
  cases: number;
  top1: number;
  top3: number;
  byKind: Record<RelevanceKind, { cases: number; top1: number; top3: number }>;
  misses: RelevanceMiss[];
};

/** Runs every case of the relevance set against an engine holding the demo catalogue. */
export async function measureRelevance(engine: SearchEngine, cases = RELEVANCE_SET): Promise<RelevanceReport> {
  let top1 = 0;
  let top3 = 0;
  const byKind = {} as RelevanceReport['byKind'];
  const misses: RelevanceMiss[] = [];
  for (const testCase of cases) {
    const result = await engine.search(SearchQuerySchema.parse({ q: testCase.q, perPage: 10 }));
    const ids = result.hits.map((h) => h.id);
    const index = ids.findIndex((id) => testCase.expected.includes(id));
    const kind = byKind[testCase.kind] ?? { cases: 0, top1: 0, top3: 0 };
    byKind[testCase.kind] = kind;
    kind.cases += 1;
    if (index === 0) {
      top1 += 1;
      kind.top1 += 1;
    }
    if (index >= 0 && index < 3) {
      top3 += 1;
      kind.top3 += 1;
    } else {
      misses.push({ ...testCase, rank: index < 0 ? null : index + 1, top: ids.slice(0, 3) });
    }
  }
  return { cases: cases.length, top1: top1 / cases.length, top3: top3 / cases.length, byKind, misses };
}

export function formatRelevanceReport(report: RelevanceReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `relevance set: ${report.cases} queries — top-1 ${pct(report.top1)}, top-3 ${pct(report.top3)}`,
    ...Object.entries(report.byKind).map(
      ([kind, k]) =>
        `  ${kind.padEnd(10)} ${String(k.cases).padStart(3)}  top-1 ${pct(k.top1 / k.cases)}  top-3 ${pct(k.top3 / k.cases)}`,
    ),
  ];
  if (report.misses.length > 0) {
    lines.push('misses (not in the top 3):');
    for (const m of report.misses) {
      const expected = m.expected.length === 1 ? m.expected[0] : `one of ${m.expected.join(' ')}`;
      lines.push(`  [${m.kind}] "${m.q}" → ${expected}: rank ${m.rank ?? '—'}; top ${m.top.join(', ') || '(none)'}`);
    }
  }
  return lines.join('\n');
}
