// The 3,321 commune-level units of Vietnam from 2025-07-01 (xã, phường, đặc khu; districts no
// longer exist), each with its official code (Cục Thống kê, Công văn 1027/CTK-CSCL), and a lookup
// for what people type in an address: the name with or without diacritics, with or without its
// kind ("p phan đình phùng", "phan dinh phung"), or the name of a former commune it absorbed ("xã
// Tiên Hội" → Xã La Bằng), which addresses, ID cards and old listings still carry.
//
// The data ships inside this package (data/communes-2025.json, made by scripts/compact-communes.mjs)
// and is imported as a JSON module, like provinces-2025.json. It is about 440 kB: import this module
// from server code (the API), never from a page's browser bundle; pages ask GET /communes.
import data from '../data/communes-2025.json' with { type: 'json' };
import { matchProvince, PROVINCES, type Province } from './provinces.ts';
import { slugify } from './text.ts';

/** `xa`: xã (rural); `phuong`: phường (urban); `dac_khu`: đặc khu (special zone, an island). */
export type CommuneKind = 'xa' | 'phuong' | 'dac_khu';

/** A commune as it was before 2025-07-01, merged (wholly or in part) into a current unit. */
export type FormerCommune = {
  /** Its pre-2025 code. Former and current codes are separate lists: the same digits may name both. */
  readonly code: string;
  /** Its official name with its kind, e.g. `Xã Tiên Hội`, `Thị trấn Hùng Sơn`. */
  readonly name: string;
  /** False when the former commune was split and only part of it went into this unit. */
  readonly isWhole: boolean;
};

export type Commune = {
  /** The official five-digit code, e.g. `05818`. */
  readonly code: string;
  /** The official name with its kind, e.g. `Xã La Bằng`, `Phường Phan Đình Phùng`. */
  readonly name: string;
  readonly kind: CommuneKind;
  /** Id of its province (`thai-nguyen`), as in packages/vn/provinces. */
  readonly provinceId: string;
  readonly former: readonly FormerCommune[];
};

/** What the data file says it holds; a test checks the list against it. */
export const COMMUNE_COUNTS: Readonly<{
  provinces: number;
  communes: number;
  xa: number;
  phuong: number;
  dac_khu: number;
}> = Object.freeze({ ...data.counts });

const KINDS: readonly string[] = ['xa', 'phuong', 'dac_khu'] satisfies CommuneKind[];

type RawFormer = (string | number)[];
type RawCommune = [string, string, string, RawFormer[]];

function toCommune(raw: RawCommune, province: Province): Commune {
  const [code, name, kind, former] = raw;
  // A typo in the data file should fail at start-up, not surface as a wrong address later.
  if (!/^\d{5}$/.test(code)) throw new Error(`communes-2025.json: bad code "${code}" for ${name}`);
  if (!KINDS.includes(kind)) throw new Error(`communes-2025.json: unknown kind "${kind}" for ${name}`);
  return Object.freeze({
    code,
    name,
    kind: kind as CommuneKind,
    provinceId: province.id,
    former: Object.freeze(
      former.map(([formerCode, formerName, whole]) =>
        Object.freeze({ code: String(formerCode), name: String(formerName), isWhole: whole !== 0 }),
      ),
    ),
  });
}

function loadCommunes(): readonly Commune[] {
  const communes: Commune[] = [];
  for (const unit of data.provinces) {
    // The commune file names provinces as provinces-2025.json does; matching by name ties the two
    // files together and fails loudly if they ever disagree.
    const province = matchProvince(unit.name);
    if (!province || province.name !== unit.name) {
      throw new Error(`communes-2025.json: province "${unit.name}" is not one of the 34`);
    }
    for (const raw of unit.communes) communes.push(toCommune(raw as RawCommune, province));
  }
  return Object.freeze(communes);
}

/** All 3,321 units, province by province in the data file's order (by province code, then commune code). */
export const COMMUNES: readonly Commune[] = loadCommunes();

const byCode = new Map(COMMUNES.map((commune) => [commune.code, commune]));
if (byCode.size !== COMMUNES.length) throw new Error('communes-2025.json: a commune code appears twice');

/** The current unit with this official code (`05818`), or null. Former codes are not current codes. */
export function findCommuneByCode(code: string): Commune | null {
  return byCode.get(code) ?? null;
}

/** The province a commune belongs to. */
export function provinceOfCommune(commune: Commune): Province {
  const province = PROVINCES.find((p) => p.id === commune.provinceId);
  if (!province) throw new Error(`commune ${commune.code}: unknown province ${commune.provinceId}`);
  return province;
}

// ---------------------------------------------------------------------------------------------
// Lookup

/** What a name says its unit is: the current kinds, plus the former ones (thị trấn, huyện). */
type NameKind = CommuneKind | 'thi_tran' | 'huyen';

// The kinds' words and the abbreviations people write before a name, as folded words: "P. Phan
// Đình Phùng", "X. Tiên Hội", "TT Hùng Sơn", "ĐK Phú Quốc". Longest first, so "thi tran" wins over
// "tt" only by being tried first, never by accident.
const KIND_PREFIXES: readonly (readonly [string, NameKind])[] = [
  ['thi tran', 'thi_tran'],
  ['dac khu', 'dac_khu'],
  ['phuong', 'phuong'],
  ['huyen', 'huyen'],
  ['xa', 'xa'],
  ['tt', 'thi_tran'],
  ['dk', 'dac_khu'],
  ['p', 'phuong'],
  ['x', 'xa'],
];

/** A name folded to words: "Phường Phan Đình Phùng" → "phuong phan dinh phung". */
function nameKey(text: string): string {
  return slugify(text).replaceAll('-', ' ');
}

/** The kind a folded name starts with, and the rest. Only whole words count: "xuan" is not "x uan". */
function splitKind(key: string): { kind: NameKind; rest: string } | null {
  for (const [words, kind] of KIND_PREFIXES) {
    if (key.startsWith(`${words} `)) return { kind, rest: key.slice(words.length + 1) };
  }
  return null;
}

type NameEntry = {
  /** The folded name without its kind: "phan dinh phung". */
  readonly key: string;
  /** The key after a space, to find words typed from any word of the name: " phan dinh phung". */
  readonly spaced: string;
  /** The same without spaces, for names typed run together: "dakmil". */
  readonly compact: string;
  /** The name in lower case with its diacritics, to prefer units whose marks match what was typed. */
  readonly marked: string;
  readonly kind: NameKind | null;
  readonly name: string;
  /** Null for a unit's own name; else the former commune this name was. */
  readonly former: FormerCommune | null;
  /** The units the name leads to: one, or each unit a split former commune went into. */
  readonly communes: readonly Commune[];
};

/** Lower-case words with their diacritics: "P. Phan Đình Phùng" → ["p", "phan", "đình", "phùng"]. */
function markedWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFC')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter(Boolean);
}

/** The marked words of `text` without the kind words its folded key started with. */
function markedRest(text: string, key: string, rest: string): string {
  const kindWordCount = key.split(' ').length - rest.split(' ').length;
  return markedWords(text).slice(kindWordCount).join(' ');
}

function entryFor(name: string, full: string, former: FormerCommune | null, communes: readonly Commune[]): NameEntry {
  const split = splitKind(full);
  const key = split?.rest ?? full;
  return {
    key,
    spaced: ` ${key}`,
    compact: key.replaceAll(' ', ''),
    marked: markedRest(name, full, key),
    kind: split?.kind ?? null,
    name,
    former,
    communes,
  };
}

let entries: readonly NameEntry[] | null = null;

/** Every name a unit answers to, folded once, on the first lookup (not at import: the API starts faster). */
function nameEntries(): readonly NameEntry[] {
  if (entries) return entries;
  const ownKeys = new Map(COMMUNES.map((commune) => [commune.code, nameKey(commune.name)]));
  const built: NameEntry[] = COMMUNES.map((commune) =>
    entryFor(commune.name, ownKeys.get(commune.code) ?? '', null, [commune]),
  );
  // A former commune split between several units is one name leading to each of them.
  const formerTargets = new Map<string, { former: FormerCommune; communes: Commune[] }>();
  for (const commune of COMMUNES) {
    for (const former of commune.former) {
      const target = formerTargets.get(former.code);
      if (target) target.communes.push(commune);
      else formerTargets.set(former.code, { former, communes: [commune] });
    }
  }
  for (const { former, communes } of formerTargets.values()) {
    // Most units absorbed a former commune of their own name: that name is already there.
    const formerKey = nameKey(former.name);
    if (!communes.every((c) => ownKeys.get(c.code) === formerKey)) {
      built.push(entryFor(former.name, formerKey, former, communes));
    }
  }
  entries = built;
  return built;
}

export type CommuneMatch = {
  readonly commune: Commune;
  /**
   * Null when the unit was found by its own name; else the former commune whose name matched.
   * `former.isWhole` false: it was split, and this is one of the units it went into.
   */
  readonly former: FormerCommune | null;
};

export type CommuneSearchOptions = {
  /** Only units of this province (its id, `thai-nguyen`). */
  provinceId?: string;
  /** At most this many matches; default 10. */
  limit?: number;
};

export const DEFAULT_COMMUNE_LIMIT = 10;

// One collator for every comparison: `localeCompare(b, 'vi')` builds a new one per call.
const VIETNAMESE_ORDER = new Intl.Collator('vi');

/** How well a name fits the words typed; lower is better, null is no match. */
function rank(entry: NameEntry, words: string, compactWords: string): number | null {
  if (entry.key === words) return 0;
  if (entry.key.startsWith(words)) return 1;
  if (entry.spaced.includes(` ${words}`)) return 2;
  if (compactWords.length >= 3 && entry.compact.startsWith(compactWords)) return 3;
  return null;
}

type Reading = { words: string; compactWords: string; kind: NameKind | null; marked: string };

/** The ways to read a query: as a name, and (when it starts with a kind word) as kind + name. */
function readingsOf(text: string): Reading[] {
  const key = nameKey(text);
  if (key === '') return [];
  const readings: Reading[] = [
    { words: key, compactWords: key.replaceAll(' ', ''), kind: null, marked: markedWords(text).join(' ') },
  ];
  const split = splitKind(key);
  if (split) {
    // "Xà Phiên" typed as "xa phien" is read both ways: kind xã + "phien", and the name "xa phien".
    readings.unshift({
      words: split.rest,
      compactWords: split.rest.replaceAll(' ', ''),
      kind: split.kind,
      marked: markedRest(text, key, split.rest),
    });
  }
  return readings;
}

/**
 * The units a typed name may mean, best first. Matches the unit's own name and the names of the
 * former communes it absorbed; with or without diacritics, case or punctuation; with or without a
 * kind word or abbreviation before it (x/xã, p/phường, tt/thị trấn, đk/đặc khu: a kind given must
 * fit the name it matched). A name may be cut short while typing ("phan dinh ph"), start at any
 * word ("dinh phung"), or be typed without spaces ("dakmil"). A province after a comma or at the
 * end ("la bang, thai nguyen", "tien hoi bac kan") narrows the answer to that province, former
 * province names included. A former commune that was split gives each unit it went into.
 *
 * Order: exact names before names that start with the words, before word matches inside a name;
 * within each, a unit's own name before a former name, then names whose diacritics fit what was
 * typed, then shorter names.
 */
export function searchCommunes(query: string, options: CommuneSearchOptions = {}): CommuneMatch[] {
  const limit = options.limit ?? DEFAULT_COMMUNE_LIMIT;
  const { text, provinceId } = withProvinceOf(query, options.provinceId);
  const found = matchName(text, provinceId);
  // "la bang thai nguyen": when the end names a province and the rest finds a unit there, that
  // is the reading; otherwise the words are all name ("Phường Thái Nguyên"? none today, but kept).
  if (found.length === 0 && provinceId === options.provinceId) {
    const trailing = trailingProvince(text);
    if (trailing && (!options.provinceId || options.provinceId === trailing.provinceId)) {
      return matchName(trailing.text, trailing.provinceId).slice(0, limit);
    }
  }
  return found.slice(0, limit);
}

/** "Tiên Hội, Đại Từ, Thái Nguyên": the first part is the name; a later part naming a province narrows. */
function withProvinceOf(query: string, provinceId: string | undefined): { text: string; provinceId?: string } {
  const [first = '', ...rest] = query.split(',');
  if (provinceId) return { text: first, provinceId };
  for (const part of rest.reverse()) {
    const province = matchProvince(part);
    if (province) return { text: first, provinceId: province.id };
  }
  return { text: first };
}

/** The longest run of last words (up to 5) that names a province, and the words before it. */
function trailingProvince(text: string): { text: string; provinceId: string } | null {
  const words = nameKey(text).split(' ');
  for (let take = Math.min(5, words.length - 1); take >= 1; take--) {
    const province = matchProvince(words.slice(-take).join(' '));
    if (province) return { text: words.slice(0, -take).join(' '), provinceId: province.id };
  }
  return null;
}

function matchName(text: string, provinceId: string | undefined): CommuneMatch[] {
  const readings = readingsOf(text);
  if (readings.length === 0) return [];
  type Scored = { match: CommuneMatch; score: number; marksFit: boolean; length: number };
  const best = new Map<string, Scored>();
  for (const entry of nameEntries()) {
    for (const reading of readings) {
      if (reading.kind && reading.kind !== entry.kind) continue;
      const fit = rank(entry, reading.words, reading.compactWords);
      if (fit === null) continue;
      // A unit's own name before a former one at the same fit: "Phường Phan Đình Phùng" the unit
      // comes before the unit that absorbed an older Phường Phan Đình Phùng elsewhere.
      const score = fit * 2 + (entry.former ? 1 : 0);
      const marksFit = reading.marked !== reading.words && entry.marked.startsWith(reading.marked);
      for (const commune of entry.communes) {
        if (provinceId && commune.provinceId !== provinceId) continue;
        const current = best.get(commune.code);
        const candidate: Scored = {
          match: { commune, former: entry.former },
          score,
          marksFit,
          length: entry.key.length,
        };
        if (!current || compare(candidate, current) < 0) best.set(commune.code, candidate);
      }
    }
  }
  return [...best.values()].sort(compare).map((scored) => scored.match);

  function compare(a: Scored, b: Scored): number {
    return (
      a.score - b.score ||
      Number(b.marksFit) - Number(a.marksFit) ||
      a.length - b.length ||
      VIETNAMESE_ORDER.compare(a.match.commune.name, b.match.commune.name) ||
      a.match.commune.code.localeCompare(b.match.commune.code)
    );
  }
}
