// Rewrites the shared 2025 commune list (../shared/data/communes-2025.json, 0.8 MB of named
// fields) into the compact form this package ships (data/communes-2025.json, about half the size):
// each commune is [code, name, kind, former], each former commune [code, name] or, when only part
// of it went into the unit, [code, name, 0]. Source, counts and notes are kept as they are.
// Run again only when the source file changes:
//   node packages/vn/scripts/compact-communes.mjs /work/shared/data/communes-2025.json
import { readFileSync, writeFileSync } from 'node:fs';

const [input] = process.argv.slice(2);
if (!input) throw new Error('usage: compact-communes.mjs <communes-2025.json>');
const source = JSON.parse(readFileSync(input, 'utf8'));

const compact = {
  source: source.source,
  counts: source.counts,
  notes: source.notes,
  format:
    'provinces[].communes[] = [code, name, kind, former]; former[] = [code, name] or [code, name, 0] when only part of that former commune went into the unit. ' +
    source.former_note,
  provinces: source.provinces.map((province) => ({
    code: province.code,
    name: province.name,
    communes: province.communes.map((commune) => [
      commune.code,
      commune.name,
      commune.kind,
      commune.former.map((former) => (former.whole ? [former.code, former.name] : [former.code, former.name, 0])),
    ]),
  })),
};

// One province per line keeps diffs of a later edition readable without the size of pretty-printing.
const lines = compact.provinces.map((province) => `    ${JSON.stringify(province)}`);
const head = JSON.stringify({ ...compact, provinces: [] }).replace(/"provinces":\[\]\}$/, '"provinces": [\n');
writeFileSync(new URL('../data/communes-2025.json', import.meta.url), `${head}${lines.join(',\n')}\n  ]}\n`);
