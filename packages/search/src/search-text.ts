// What both engines derive from a document and from a query, in one place so they match the same
// words: folded words (foldVietnamese), the words written with diacritics, synonym alternatives.
import { findCategory, findUnit, type SearchDocument } from '@nongsan/contracts';
import { expandSynonyms, foldVietnamese } from '@nongsan/vn';

// Letters and digits of any script: the same word rule as expandSynonyms, so a synonym phrase and
// the words of a query split alike. Punctuation and symbols ("45.000đ/kg") separate words.
const WORD = /[\p{L}\p{N}]+/gu;

/** More query words than this are dropped: nobody types them, and each one is a term to match. */
export const MAX_QUERY_WORDS = 8;
/** Synonym alternatives tried per query (expandSynonyms puts the closest first). */
export const MAX_ALTERNATIVES = 6;

/** The folded words of a text, in order: `foldedWords('Chè Thái-Nguyên')` is `['che', 'thai', 'nguyen']`. */
export function foldedWords(text: string): string[] {
  return foldVietnamese(text).match(WORD) ?? [];
}

/**
 * The words of a text written with diacritics, lower-cased in NFC, each once:
 * `markedWords('Đường phèn loại 1')` is `['đường', 'phèn', 'loại']`. Words without any mark are left
 * out: their folded form already says everything about them.
 */
export function markedWords(text: string): string[] {
  const words = text.normalize('NFC').toLowerCase().match(WORD) ?? [];
  return [...new Set(words.filter((word) => foldVietnamese(word) !== word))];
}

/**
 * A marked word as a filter value: the hex of its UTF-8 bytes. Meilisearch folds diacritics in filter
 * values as it does in text, so "đường" and "dương" would be one value; hex keeps them apart.
 */
export function markKey(word: string): string {
  return Buffer.from(word.normalize('NFC').toLowerCase(), 'utf8').toString('hex');
}

/**
 * Where a word of a listing was found, best first (PostgreSQL tsvector weights): A the title, B the
 * category's names (Vietnamese and English), C the description and the unit's names, D the seller's
 * name and the province. A word only in D is a word of who sells, not of what is sold.
 */
export const FIELD_WEIGHTS = ['A', 'B', 'C', 'D'] as const;
export type FieldWeight = (typeof FIELD_WEIGHTS)[number];

export type DocumentText = {
  /** Folded title words joined by single spaces. */
  titleFolded: string;
  /** Folded words of every searched field (title, description, category, seller, province, unit), joined by single spaces. */
  bodyFolded: string;
  /** The title's words written with diacritics (markedWords). */
  titleMarks: string[];
  /** Every distinct folded word of the body: the words a query "as typed" must all be among. */
  terms: string[];
  /** The distinct folded words of the title and the category's names: what the listing is about. */
  aboutTerms: string[];
  /** Each distinct folded word once per field weight it appears in. */
  weighted: Record<FieldWeight, string[]>;
  /** The category's names, Vietnamese (as the document gives it) then English: "Mật ong Honey". */
  categoryNames: string;
  /** The unit's names in both languages: "chai bottle". */
  unitNames: string;
};

export function documentText(document: SearchDocument): DocumentText {
  const titleWords = foldedWords(document.title);
  // The Vietnamese category name comes with the document (the relay writes it); the English one and
  // the unit's names come from the catalogue, so an English query finds Vietnamese listings.
  const categoryNames = [document.categoryName ?? '', findCategory(document.category)?.en ?? ''].join(' ').trim();
  const unit = findUnit(document.unit);
  const unitNames = unit ? [...new Set([unit.vi, unit.en])].join(' ') : '';
  // Province former names are deliberately not searched: "Trà Vinh" (now Vĩnh Long) would make every
  // Vĩnh Long listing a hit for "trà". The province filter understands former names instead.
  const fields: Record<FieldWeight, string[]> = {
    A: titleWords,
    B: foldedWords(categoryNames),
    C: [...foldedWords(document.description), ...foldedWords(unitNames)],
    D: [...foldedWords(document.sellerName), ...foldedWords(document.provinceName)],
  };
  const bodyWords = FIELD_WEIGHTS.flatMap((weight) => fields[weight]);
  return {
    titleFolded: titleWords.join(' '),
    bodyFolded: bodyWords.join(' '),
    titleMarks: markedWords(document.title),
    terms: [...new Set(bodyWords)],
    aboutTerms: [...new Set([...fields.A, ...fields.B])],
    weighted: {
      A: [...new Set(fields.A)],
      B: [...new Set(fields.B)],
      C: [...new Set(fields.C)],
      D: [...new Set(fields.D)],
    },
    categoryNames,
    unitNames,
  };
}

export type AnalysedQuery = {
  /** The folded words, at most MAX_QUERY_WORDS; empty for a query with no letters or digits. */
  words: string[];
  /** `words` joined by single spaces. */
  folded: string;
  /** The query's words written with diacritics: hits whose title has them all rank first. */
  marked: string[];
  /** Synonym alternatives (regional names swapped in), each as its folded words; never the query itself. */
  alternatives: string[][];
};

export function analyseQuery(q: string | undefined): AnalysedQuery {
  const words = foldedWords(q ?? '').slice(0, MAX_QUERY_WORDS);
  const folded = words.join(' ');
  const marked = markedWords(q ?? '').filter((word) => words.includes(foldVietnamese(word)));
  const alternatives = folded === '' ? [] : expandSynonyms(folded, MAX_ALTERNATIVES).map(foldedWords);
  return { words, folded, marked, alternatives: alternatives.filter((alt) => alt.length > 0) };
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres (haversine), the formula the PostgreSQL engine runs in SQL too. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Distances are shown to 10 m: finer would only expose the engines' floating-point differences. */
export function roundKm(km: number): number {
  return Math.round(km * 100) / 100;
}

export { EARTH_RADIUS_KM };
