// Regional names of the same produce, so a buyer in Hà Nội typing "lạc" finds the Cần Thơ farmer
// who listed "đậu phộng", and the other way round.
//
// Expansion works on folded text (see foldVietnamese), where words that differ only by their
// marks become one word. That shapes what is listed here:
// - A word is listed bare only when, folded, it mostly means that produce. Where the folded word
//   is mostly something else, the group uses a phrase: pineapple is "trái thơm", because "thom"
//   alone is mostly "thơm" (fragrant: gạo thơm, rau thơm); beans are "đỗ xanh"/"đậu xanh", because
//   "do" is also "đỏ" (red) and "dau" also "dâu" (strawberry) and "dầu" (oil).
// - A word that is ambiguous between regions is a one-way synonym (ONE_WAY_SYNONYMS): it expands,
//   but nothing expands to it. "mận" is the wax apple (roi) in the south but the plum in the north,
//   so "mận" also tries "roi", while "roi" never brings plums.
// - Names of other products that contain a synonym word (bắp cải is cabbage, not corn) are listed
//   with no alternatives, which keeps their words from being replaced.
// - What remains ambiguous is the ambiguity folding already has: "dua" is dứa (pineapple), dừa
//   (coconut) and dưa (melon) alike, "me" is mè (sesame) and me (tamarind), "ngo" is ngô (corn) and
//   ngò (coriander), "bap" is in bắp cải. An alternative can therefore bring some unrelated hits;
//   search engines should rank hits of the query as typed above hits of its alternatives.
//
// Each line is one product; north before south where the words are regional. Only names in real
// use; add a group with a test, and check its folded words against the rules above.
import { ENGLISH_TERMS, englishForms } from './english-terms.ts';
import { foldVietnamese } from './text.ts';

/** Groups of interchangeable names: each name in a group expands to every other one. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Drinks, grains, seasoning
  ['chè', 'trà'], // tea
  ['thóc', 'lúa'], // unhusked rice, paddy
  ['ngô', 'bắp'], // corn
  ['mì chính', 'bột ngọt'], // monosodium glutamate
  // Nuts, seeds and beans
  ['lạc', 'đậu phộng', 'đậu phụng'], // peanut
  ['vừng', 'mè'], // sesame
  ['hạt điều', 'đào lộn hột'], // cashew
  ['đỗ xanh', 'đậu xanh'], // mung bean
  ['đỗ đen', 'đậu đen'], // black bean
  ['đỗ đỏ', 'đậu đỏ'], // red bean
  ['đỗ trắng', 'đậu trắng'], // white bean
  ['đỗ tương', 'đậu tương', 'đậu nành'], // soybean
  ['đậu phụ', 'đậu hũ'], // tofu
  ['đậu cô ve', 'đậu que'], // green (French) beans
  // Fruit
  ['hoa quả', 'trái cây'], // fruit
  ['quả', 'trái'], // the word for "a fruit" before a fruit's name: quả bơ, trái bơ
  ['dứa', 'khóm', 'trái thơm'], // pineapple
  ['na', 'mãng cầu', 'mãng cầu ta'], // sugar apple (custard apple)
  ['hồng xiêm', 'sapôchê', 'sa pô chê'], // sapodilla
  // Vegetables and herbs
  ['dưa chuột', 'dưa leo'], // cucumber
  ['mướp đắng', 'khổ qua'], // bitter melon
  ['bí đỏ', 'bí ngô', 'bí rợ'], // pumpkin
  ['bí xanh', 'bí đao'], // wax gourd
  ['cà tím', 'cà dái dê'], // eggplant
  ['cải cúc', 'tần ô'], // crown daisy
  ['rau mùi', 'ngò rí'], // coriander (bare "ngò" folds to "ngo", which is corn)
  ['mùi tàu', 'ngò gai'], // culantro
  ['hành lá', 'hành hoa'], // spring onion
  ['củ đậu', 'sắn nước'], // jicama
  ['mộc nhĩ', 'nấm mèo'], // wood ear mushroom
  // Meat, fish, eggs
  ['thịt lợn', 'thịt heo'], // pork
  ['lợn rừng', 'heo rừng'], // wild boar
  ['cá quả', 'cá chuối', 'cá lóc'], // snakehead fish
  ['trứng gà', 'hột gà'], // chicken eggs
  ['trứng vịt', 'hột vịt'], // duck eggs
  ['trứng vịt lộn', 'hột vịt lộn'], // balut
];

export type OneWaySynonym = {
  /** The name as people type it (with its marks, for the reader; matching is on its folded form). */
  readonly term: string;
  /** What the term also tries; empty for a name that keeps its words as they are. */
  readonly alternatives: readonly string[];
  /** Why this is not a group: kept next to the data so the next editor sees it. */
  readonly why: string;
};

/** Names that expand without being expanded to, and names that must not be expanded at all. */
export const ONE_WAY_SYNONYMS: readonly OneWaySynonym[] = [
  { term: 'mận', alternatives: ['roi'], why: 'mận is the wax apple (roi) in the south, the plum in the north' },
  { term: 'lợn', alternatives: ['heo'], why: '"lon" is also lớn (big), in many listings: heo must not expand to it' },
  { term: 'sắn', alternatives: ['khoai mì'], why: '"san" is also sẵn (in stock), in many listings' },
  {
    term: 'củ sắn',
    alternatives: ['củ đậu', 'khoai mì'],
    why: 'củ sắn is jicama (củ đậu) in the south, cassava (khoai mì) in the north',
  },
  { term: 'bắp cải', alternatives: [], why: 'cabbage, not corn' },
  { term: 'bắp chuối', alternatives: [], why: 'banana blossom, not corn' },
  { term: 'bắp bò', alternatives: [], why: 'beef shank, not corn' },
  { term: 'sắn dây', alternatives: [], why: 'kudzu (bột sắn dây), not cassava' },
  { term: 'mãng cầu xiêm', alternatives: [], why: 'soursop, called so everywhere; not the sugar apple (na)' },
  { term: 'cá tra', alternatives: [], why: 'pangasius, not tea' },
  { term: 'trang trại', alternatives: [], why: 'a farm, not a fruit' },
];

/** Every English form (plurals included) with the Vietnamese names it expands to: Meilisearch's synonyms. */
export function englishSynonyms(): { term: string; alternatives: readonly string[] }[] {
  return ENGLISH_TERMS.flatMap((entry) => englishForms(entry.en).map((term) => ({ term, alternatives: entry.vi })));
}

/** How many alternatives expandSynonyms returns unless told otherwise. */
export const DEFAULT_SYNONYM_LIMIT = 10;

const WORD = /[\p{L}\p{N}]+/gu;

/** A folded name as its words joined by single spaces: the form phrases are matched in. */
function phraseKey(text: string): string {
  return foldVietnamese(text).match(WORD)?.join(' ') ?? '';
}

// Folded phrase → its folded alternatives. Built once; checked so that a mistake in the lists
// above fails at start-up instead of silently shadowing another entry.
const alternativesByPhrase = new Map<string, readonly string[]>();
let longestPhraseWords = 1;

function addEntry(term: string, alternatives: readonly string[]): void {
  const key = phraseKey(term);
  if (key === '') throw new Error(`synonyms: "${term}" has no words`);
  if (alternativesByPhrase.has(key)) throw new Error(`synonyms: "${term}" (${key}) is listed twice`);
  alternativesByPhrase.set(key, Object.freeze(alternatives.map(phraseKey)));
  longestPhraseWords = Math.max(longestPhraseWords, key.split(' ').length);
}

for (const group of SYNONYM_GROUPS) {
  if (group.length < 2) throw new Error(`synonyms: group [${group.join(', ')}] needs two names`);
  for (const term of group) {
    const others = group.filter((other) => other !== term);
    addEntry(term, others);
  }
}
for (const { term, alternatives } of ONE_WAY_SYNONYMS) addEntry(term, alternatives);
// English names expand to their Vietnamese ones (one way: english-terms.ts says why), through the same
// phrase matching, so "honey meo vac" becomes "mat ong meo vac".
for (const entry of ENGLISH_TERMS) for (const form of englishForms(entry.en)) addEntry(form, entry.vi);

/**
 * The other names of a folded name or phrase, folded: `synonymsFor('lac')` is
 * `['dau phong', 'dau phung']`. Empty when the term has none. The term must be the whole name:
 * `synonymsFor('hat lac')` is empty (expandSynonyms finds names inside a query).
 */
export function synonymsFor(foldedTerm: string): string[] {
  return [...(alternativesByPhrase.get(phraseKey(foldedTerm)) ?? [])];
}

type Span = { start: number; end: number; alternatives: readonly string[] };

/**
 * Alternative queries with regional names swapped in, folded, without the query itself:
 * `expandSynonyms('che thai nguyen')` is `['tra thai nguyen']`. Names are matched as whole words,
 * longest name first ("hoa qua" is one name, not "hoa" + "qua"), and replaced in place; the rest
 * of the query is kept as it is. Alternatives with one name swapped come before those with two,
 * and there are at most `limit`. The query may also be given unfolded; it is folded first.
 */
export function expandSynonyms(foldedQuery: string, limit = DEFAULT_SYNONYM_LIMIT): string[] {
  const query = foldVietnamese(foldedQuery);
  const spans = findNames(query);
  const results: string[] = [];
  // Fewest swaps first: the closest alternatives survive the limit.
  for (let swaps = 1; swaps <= spans.length; swaps++) {
    for (const chosen of combinations(spans.length, swaps)) {
      for (const picks of product(chosen.map((i) => spans[i]?.alternatives ?? []))) {
        if (results.length >= limit) return results;
        const alternative = render(query, spans, chosen, picks);
        if (alternative !== query && !results.includes(alternative)) results.push(alternative);
      }
    }
  }
  return results;
}

// Scans word by word, trying the longest phrase first at each word. A protected name (one with
// no alternatives) is consumed like any other, which is what keeps its words from matching.
function findNames(query: string): Span[] {
  const words = [...query.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  const spans: Span[] = [];
  let i = 0;
  while (i < words.length) {
    let matched = 0;
    for (let length = Math.min(longestPhraseWords, words.length - i); length >= 1; length--) {
      const phraseWords = words.slice(i, i + length);
      const alternatives = alternativesByPhrase.get(phraseWords.map((w) => w.text).join(' '));
      if (alternatives === undefined) continue;
      const first = phraseWords[0];
      const last = phraseWords[phraseWords.length - 1];
      if (first && last && alternatives.length > 0) {
        spans.push({ start: first.start, end: last.end, alternatives });
      }
      matched = length;
      break;
    }
    i += Math.max(matched, 1);
  }
  return spans;
}

function render(query: string, spans: readonly Span[], chosen: readonly number[], picks: readonly string[]): string {
  let out = '';
  let from = 0;
  chosen.forEach((spanIndex, k) => {
    const span = spans[spanIndex];
    if (!span) return;
    out += query.slice(from, span.start) + (picks[k] ?? '');
    from = span.end;
  });
  return out + query.slice(from);
}

/** Every increasing sequence of `k` indices below `n`, in lexicographic order. */
function* combinations(n: number, k: number, start = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= n - k; i++) {
    for (const rest of combinations(n, k - 1, i + 1)) yield [i, ...rest];
  }
}

/** The cartesian product of the lists, first list varying slowest. */
function* product(lists: readonly (readonly string[])[]): Generator<string[]> {
  const [head, ...tail] = lists;
  if (head === undefined) {
    yield [];
    return;
  }
  for (const item of head) {
    for (const rest of product(tail)) yield [item, ...rest];
  }
}
