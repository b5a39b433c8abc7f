// The 34 provincial-level units of Vietnam from 2025-07-01 (Resolution 202/2025/QH15), and a
// matcher for what people type: current names, the names of the provinces merged into them (which
// people, addresses and old listings still use), with or without diacritics and prefixes.
//
// The data ships inside this package (data/provinces-2025.json) and is imported as a JSON module:
// vitest, tsx, Node >= 20.10 and Vite all load it, and no file system path is resolved at run time.
import data from '../data/provinces-2025.json' with { type: 'json' };
import { foldVietnamese, slugify } from './text.ts';

/** `city`: one of the 6 centrally-run cities (thành phố trực thuộc trung ương); else `province` (tỉnh). */
export type ProvinceKind = 'city' | 'province';

export type Province = {
  /** Slug of the name (`thai-nguyen`, `ho-chi-minh`): stable, used in URLs and search filters. */
  readonly id: string;
  /** The official name without its `Tỉnh`/`Thành phố` prefix, e.g. `Thái Nguyên`. */
  readonly name: string;
  readonly kind: ProvinceKind;
  /** Names of the former provinces merged into this one on 2025-07-01. */
  readonly former: readonly string[];
};

function toProvince(unit: { name: string; kind: string; former: string[] }): Province {
  // A typo in the data file should fail at start-up, not surface as a wrong facet later.
  if (unit.kind !== 'city' && unit.kind !== 'province') {
    throw new Error(`provinces-2025.json: unknown kind "${unit.kind}" for ${unit.name}`);
  }
  return Object.freeze({
    id: slugify(unit.name),
    name: unit.name,
    kind: unit.kind,
    former: Object.freeze([...unit.former]),
  });
}

/** All 34 provincial-level units, in the order of the resolution (the 6 cities first). */
export const PROVINCES: readonly Province[] = Object.freeze(data.units.map(toProvince));

// Other names in common use, beyond the current and former official names.
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  // BRVT: the usual abbreviation of Bà Rịa - Vũng Tàu, merged into Hồ Chí Minh.
  'ho-chi-minh': ['HCM', 'HCMC', 'Sài Gòn', 'BRVT'],
  // Bắc Kạn is the official spelling; Bắc Cạn is as old and still common.
  'thai-nguyen': ['Bắc Cạn'],
};

// Input is compared as its slug without hyphens, so spacing, punctuation, case and diacritics do
// not matter: "Hà Nội", "ha noi", "HANOI", "Bà Rịa–Vũng Tàu", "ba-ria vung tau" all agree.
function compactKey(text: string): string {
  return slugify(text).replaceAll('-', '');
}

// Prefixes and suffixes people add, in compact form: "Tỉnh Thái Nguyên", "Thành phố Huế",
// "TP. HCM", "TPHCM", "Hồ Chí Minh City", "Thai Nguyen province".
const PREFIXES = ['thanhpho', 'tinh', 'tp'];
const SUFFIXES = ['city', 'province'];

const byKey = new Map<string, Province>();
const byId = new Map<string, Province>(PROVINCES.map((province) => [province.id, province]));
for (const aliasedId of Object.keys(ALIASES)) {
  if (!byId.has(aliasedId)) throw new Error(`provinces: aliases for unknown id ${aliasedId}`);
}
for (const province of PROVINCES) {
  for (const name of [province.name, ...province.former, ...(ALIASES[province.id] ?? [])]) {
    const key = compactKey(name);
    const existing = byKey.get(key);
    // Two units answering to one name would make matchProvince guess: refuse to load instead.
    if (existing && existing !== province) {
      throw new Error(`provinces: "${name}" matches both ${existing.id} and ${province.id}`);
    }
    byKey.set(key, province);
  }
}

/**
 * The province an input names, or null. Matches the current name, a former name (mapped to the
 * province it is now part of: "Bắc Kạn" → Thái Nguyên), the id, and the aliases above; with or
 * without diacritics, in any case and spacing, with or without a "tỉnh" / "thành phố" / "TP." prefix.
 * Only whole names match: "Thái" or "Nguyên" alone return null.
 */
export function matchProvince(input: string): Province | null {
  for (const candidate of candidateKeys(compactKey(input))) {
    const province = byKey.get(candidate);
    if (province) return province;
  }
  return null;
}

// The key as typed first, so a name is never cut just because it starts or ends like an affix;
// then with a prefix, a suffix, or both removed.
function candidateKeys(key: string): string[] {
  const heads = [key, ...PREFIXES.filter((p) => key.startsWith(p)).map((p) => key.slice(p.length))];
  return heads
    .flatMap((head) => [head, ...SUFFIXES.filter((s) => head.endsWith(s)).map((s) => head.slice(0, -s.length))])
    .filter((candidate) => candidate !== '');
}

/** The province with this id (`thai-nguyen`), or null. Ids are exact: no folding, no aliases. */
export function findProvinceById(provinceId: string): Province | null {
  return byId.get(provinceId) ?? null;
}

/**
 * A pickup point as a buyer needs to find it: the seller's own words, with the province added when
 * they leave it out ("Xóm 3, xã Phú Lương" → "Xóm 3, xã Phú Lương, Thái Nguyên"). A province named
 * in the words already (current or former name, any spelling) is not repeated.
 */
export function placeWithProvince(place: string, provinceId: string): string {
  const province = findProvinceById(provinceId);
  if (!province) return place;
  const folded = foldVietnamese(place);
  const named = [province.name, ...province.former].some((name) => folded.includes(foldVietnamese(name)));
  return named ? place : `${place.trim().replace(/[,.;]+$/, '')}, ${province.name}`;
}
