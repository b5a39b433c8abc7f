import type { SearchDocument, SearchQuery, SearchResult, SearchSuggestion, SuggestQuery } from '@nongsan/contracts';
import { certificationMask } from '../certification-bits.ts';
import type { SearchEngine } from '../search-engine.ts';
import { type HitPayload, hitPayload } from '../search-hit.ts';
import { type AnalysedQuery, analyseQuery, documentText, roundKm } from '../search-text.ts';
import {
  addShortCorrections,
  isShortTypoLength,
  ONE_TYPO_MIN_LENGTH,
  pickCorrections,
  shortTypoCandidates,
} from '../typos.ts';
import {
  aboutQuery,
  anyWordQuery,
  inFields,
  MIN_PREFIX_LENGTH,
  matchQuery,
  plainVector,
  type QueryTerms,
  typedQuery,
  weightedVector,
} from './postgres-query.ts';
import type { SearchDb } from './search-db.ts';
import { browseRows, searchRows, type TextPlan } from './search-reads.repo.ts';
import { DEFAULT_SCALE, histograms, type ScaleOptions, scaledSearchRows } from './search-scale.ts';
import { suggestionRows } from './search-suggestions.repo.ts';
import { lookUpWords } from './search-terms.repo.ts';
import { type IndexedDocument, removeAllDocuments, removeDocuments, writeDocuments } from './search-writes.repo.ts';

/** Documents per write statement (one JSON parameter, ~2 kB a document). */
const WRITE_BATCH = 1000;
/** Trigram candidates fetched per query word before the edit-distance check. */
const CORRECTION_CANDIDATES = 10;
/** Title matches considered for suggestions before de-duplication and ranking. */
const SUGGEST_CANDIDATES = 200;

/**
 * Full-text search (tsvector, 'simple' configuration) on Vietnamese-folded text in tables of the
 * application's own database, so the embedded default needs no other server. Runs the same on PGlite
 * and PostgreSQL 15+. The tables are declared in search-tables.ts; the db package's migrations create them.
 */
export function createPostgresEngine(db: SearchDb, scale: Partial<ScaleOptions> = {}): SearchEngine {
  const scaling: ScaleOptions = { ...DEFAULT_SCALE, ...scale };
  const histogram = histograms(db, scaling.histogramTtlMs);

  /** The query's words with their typo corrections, and whether the last one is still being typed. */
  async function queryTerms(analysis: Pick<AnalysedQuery, 'words' | 'alternatives'>): Promise<QueryTerms> {
    // Short-syllable candidates are looked up in the same round trip, before it is known whether the
    // rest of the query allows them (typos.ts mayCorrectShort decides after).
    const exact =
      analysis.words.length > 1
        ? analysis.words
            .filter(isShortTypoLength)
            .flatMap((word) => shortTypoCandidates(word).map((term) => ({ word, term })))
        : [];
    const lookup = await lookUpWords(db, analysis.words, {
      minTypoLength: ONE_TYPO_MIN_LENGTH,
      perWord: CORRECTION_CANDIDATES,
      exact,
    });
    const last = analysis.words.at(-1) ?? '';
    return {
      words: analysis.words,
      alternatives: analysis.alternatives,
      corrections: addShortCorrections(pickCorrections(lookup.candidates), analysis.words, lookup.known, lookup.held),
      lastIsPrefix: !lookup.known.has(last) && last.length >= MIN_PREFIX_LENGTH,
    };
  }

  return {
    kind: 'postgres',
    // The migrations create the tables and their indexes: nothing is left to do at start.
    setUp: async () => {},
    apply: async (documents) => {
      if (documents.length === 0) return;
      const indexed = dedupeById(documents).map(toIndexed);
      // One transaction: a relay batch lands whole or not at all, and is retried whole.
      await db.transaction(async (tx) => {
        for (let i = 0; i < indexed.length; i += WRITE_BATCH) {
          await writeDocuments(tx, indexed.slice(i, i + WRITE_BATCH));
        }
      });
    },
    delete: async (listingIds) => {
      if (listingIds.length === 0) return;
      await db.transaction((tx) => removeDocuments(tx, listingIds));
    },
    clear: () => db.transaction((tx) => removeAllDocuments(tx)),
    search: async (query: SearchQuery): Promise<SearchResult> => {
      const started = performance.now();
      const analysis = analyseQuery(query.q);
      let text: TextPlan | null = null;
      if (analysis.words.length > 0) {
        const terms = await queryTerms(analysis);
        const match = matchQuery(terms);
        text = {
          match,
          matchTitleOrCategory: inFields(match, 'AB'),
          matchOwnText: inFields(match, 'ABC'),
          anyWord: anyWordQuery(terms),
          typed: typedQuery(analysis.words),
          about: aboutQuery(analysis.words),
          marked: analysis.marked,
          isTypedOnly: terms.alternatives.length === 0 && terms.corrections.size === 0 && !terms.lastIsPrefix,
        };
      }
      // Browsing counts from the counter table, which has no delivery column: a delivery filter counts
      // the matching rows instead. A broad text search estimates (search-scale.ts).
      const isBrowsing =
        !text && query.minPrice === undefined && query.maxPrice === undefined && !query.near && !query.delivers;
      const rows = isBrowsing
        ? { ...(await browseRows(db, query)), totalIsExact: true, facetsAreExact: true }
        : text
          ? await scaledSearchRows(db, query, text, scaling, histogram)
          : { ...(await searchRows(db, query, null)), totalIsExact: true, facetsAreExact: true };
      return {
        hits: rows.hits.map(({ payload, distanceKm }) => ({
          ...hitPayload(payload as HitPayload),
          distanceKm: distanceKm === null ? null : roundKm(distanceKm),
        })),
        total: rows.total,
        totalIsExact: rows.totalIsExact,
        page: query.page,
        perPage: query.perPage,
        facets: rows.facets,
        facetsAreExact: rows.facetsAreExact,
        tookMs: Math.round(performance.now() - started),
        degraded: false,
      };
    },
    suggest: async (query: SuggestQuery): Promise<SearchSuggestion[]> => {
      const analysis = analyseQuery(query.q);
      if (analysis.words.length === 0) return [];
      const terms = await queryTerms({ words: analysis.words, alternatives: [] });
      const rows = await suggestionRows(db, {
        match: matchQuery(terms),
        folded: analysis.folded,
        limit: query.limit,
        candidates: SUGGEST_CANDIDATES,
      });
      return rows.map((row) => ({ text: row.title, category: row.category as SearchSuggestion['category'] }));
    },
  };
}

/** The last document of an id wins, as if they had been applied one after the other. */
function dedupeById(documents: readonly SearchDocument[]): SearchDocument[] {
  return [...new Map(documents.map((document) => [document.id, document])).values()];
}

function toIndexed(document: SearchDocument): IndexedDocument {
  const text = documentText(document);
  return {
    row: {
      id: document.id,
      category: document.category,
      provinceId: document.provinceId,
      certificationMask: certificationMask(document.certifications),
      inStock: document.inStock,
      offersDelivery: Boolean(document.delivery),
      priceVnd: document.priceVnd,
      sellerId: document.sellerId,
      lat: document.location?.lat ?? null,
      lng: document.location?.lng ?? null,
      createdAt: new Date(document.createdAt),
      titleMarks: text.titleMarks,
    },
    titleFolded: text.titleFolded,
    bodyFolded: text.bodyFolded,
    searchVector: weightedVector(text.weighted),
    titleVector: plainVector(text.weighted.A),
    payload: hitPayload(document),
    terms: text.terms,
  };
}
