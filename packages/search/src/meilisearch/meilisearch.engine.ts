import {
  MAX_SEARCH_WINDOW,
  type SearchDocument,
  type SearchFacets,
  type SearchQuery,
  type SearchSuggestion,
  type SuggestQuery,
} from '@nongsan/contracts';
import {
  type EnqueuedTask,
  type EnqueuedTaskPromise,
  type Index,
  Meilisearch,
  MeilisearchApiError,
  MeilisearchError,
  MeilisearchRequestError,
  type MultiSearchQuery,
  type Task,
} from 'meilisearch';
import type { SearchEngine } from '../search-engine.ts';
import { type HitPayload, hitPayload } from '../search-hit.ts';
import { type AnalysedQuery, analyseQuery, distanceKm, documentText, markKey, roundKm } from '../search-text.ts';
import { MeilisearchVersionError, SearchUnavailableError } from '../search-unavailable.ts';
import { mayCorrectShort, shortTypoCandidates } from '../typos.ts';
import { FACET_ATTRIBUTES, meilisearchSettings } from './meilisearch-settings.ts';

export type MeilisearchEngineOptions = {
  /** `http://127.0.0.1:7700` */
  url: string;
  /** The master key, or a key allowed to search, add and delete documents and change settings. */
  apiKey?: string | undefined;
  /** Default `listings`. Tests use one index per run. */
  indexUid?: string | undefined;
  /** How long a write waits for Meilisearch to finish indexing it; default 30 s. */
  taskTimeoutMs?: number | undefined;
  /**
   * How long one HTTP request may take before it is abandoned (the client sets none by default, so a
   * server that accepts the connection and never answers would hold a buyer's search forever);
   * default 3 s.
   */
  requestTimeoutMs?: number | undefined;
};

/**
 * The oldest server the settings work on: `typoTolerance.disableOnNumbers` exists from v1.15 (older
 * servers refuse the settings update as an unknown field). Checked by setUp() at start-up.
 */
export const MIN_MEILISEARCH_VERSION = { major: 1, minor: 15 } as const;

/** Meilisearch's rule for a document id: letters, digits, `-` and `_`, at most 511 bytes. */
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,511}$/;

/** The document as Meilisearch stores it: the hit fields plus what searching, filtering and sorting need. */
type MeiliDocument = HitPayload & {
  description: string;
  titleFolded: string;
  bodyFolded: string;
  /** The category's names in both languages, and the unit's (search-text.ts documentText). */
  categoryNames: string;
  unitNames: string;
  terms: string[];
  /** Folded words of the title and category names: a typed word here puts the hit in the top tiers. */
  aboutTerms: string[];
  titleMarkKeys: string[];
  createdAtMs: number;
  /** The "Giao tận nơi" filter's key (the delivery terms themselves are in the payload). */
  offersDelivery: boolean;
  _geo?: { lat: number; lng: number };
};

/** Documents per addDocuments call: well under Meilisearch's 100 MB payload limit. */
const APPLY_BATCH = 1000;
/** Hits fetched per suggestion request before titles are de-duplicated. */
const SUGGEST_CANDIDATES = 50;
const FACETS = Object.values(FACET_ATTRIBUTES);

/**
 * Meilisearch, for when search outgrows one PostgreSQL. Built against the documented API (no server
 * runs on the development machines); the contract suite runs against a real server whenever
 * MEILI_URL is set (packages/search/README.md).
 */
export function createMeilisearchEngine(options: MeilisearchEngineOptions): SearchEngine {
  const client = new Meilisearch({
    host: options.url,
    apiKey: options.apiKey,
    timeout: options.requestTimeoutMs ?? 3_000,
  });
  const indexUid = options.indexUid ?? 'listings';
  const index: Index<MeiliDocument> = client.index<MeiliDocument>(indexUid);
  const timeout = options.taskTimeoutMs ?? 30_000;

  /** Writes are asynchronous tasks in Meilisearch: wait, and turn a failed task into an error. */
  async function settled(
    enqueued: EnqueuedTask | EnqueuedTaskPromise,
    what: string,
    allowedErrors: string[] = [],
  ): Promise<Task> {
    const task = await client.tasks.waitForTask(await enqueued, { timeout });
    if (task.status !== 'succeeded' && !allowedErrors.includes(task.error?.code ?? '')) {
      throw new SearchUnavailableError(
        `meilisearch ${what} (task ${task.uid}) ${task.status}: ${task.error?.code} ${task.error?.message}`,
      );
    }
    return task;
  }

  return {
    kind: 'meilisearch',
    setUp: () =>
      unavailableOnClientError('set up', async () => {
        const { pkgVersion } = await client.getVersion();
        const tooOld = versionProblem(pkgVersion);
        if (tooOld) throw new MeilisearchVersionError(`Meilisearch at ${options.url}: ${tooOld}`);
        await settled(client.createIndex(indexUid, { primaryKey: 'id' }), 'create index', ['index_already_exists']);
        await settled(index.updateSettings(meilisearchSettings()), 'update settings');
      }),
    apply: (documents) =>
      unavailableOnClientError('add documents', async () => {
        const bad = documents.filter((document) => !DOCUMENT_ID.test(document.id)).map((document) => document.id);
        if (bad.length > 0) {
          // Meilisearch fails the whole task of a batch holding one id it refuses, after the request
          // has been accepted: refused here, before anything is sent, naming every such id.
          throw new InvalidDocumentIdError(bad);
        }
        const unique = [...new Map(documents.map((document) => [document.id, document])).values()].map(toMeiliDocument);
        // Each batch is enqueued only once the one before was accepted, and nothing is left pending
        // when a request fails (an enqueue or wait running unawaited would reject unhandled and end the
        // process). Waiting comes after every enqueue, so Meilisearch can still index the batches
        // together; it runs an index's tasks in order, and each is checked for failure.
        const tasks: EnqueuedTask[] = [];
        for (let i = 0; i < unique.length; i += APPLY_BATCH) {
          tasks.push(await index.addDocuments(unique.slice(i, i + APPLY_BATCH), { primaryKey: 'id' }));
        }
        for (const task of tasks) await settled(task, 'add documents');
      }),
    delete: (listingIds) =>
      unavailableOnClientError('delete documents', async () => {
        // An id Meilisearch would refuse can never have been indexed: nothing to delete.
        const ids = listingIds.filter((id) => DOCUMENT_ID.test(id));
        if (ids.length === 0) return;
        await settled(index.deleteDocuments(ids), 'delete documents');
      }),
    clear: () =>
      unavailableOnClientError('delete all documents', async () => {
        await settled(index.deleteAllDocuments(), 'delete all documents');
      }),
    search: (query) =>
      unavailableOnClientError('search', async () => {
        const started = performance.now();
        const analysis = analyseQuery(query.q);
        const page =
          query.sort === 'relevance' && analysis.words.length > 0
            ? await searchInTiers(client, indexUid, query, analysis)
            : await searchSorted(client, indexUid, query, analysis);
        return {
          hits: page.hits.map((hit) => ({
            ...hitPayload(hit),
            distanceKm: query.near && hit.location ? roundKm(distanceKm(query.near, hit.location)) : null,
          })),
          ...countedTotal(page),
          page: query.page,
          perPage: query.perPage,
          facets: page.facets,
          // Meilisearch's facet distribution counts every match (exhaustive in page mode).
          facetsAreExact: true,
          tookMs: Math.round(performance.now() - started),
          degraded: false,
        };
      }),
    suggest: (query: SuggestQuery) =>
      unavailableOnClientError('suggest', async (): Promise<SearchSuggestion[]> => {
        const analysis = analyseQuery(query.q);
        if (analysis.words.length === 0) return [];
        const response = await index.search(analysis.folded, {
          limit: SUGGEST_CANDIDATES,
          attributesToSearchOn: ['title', 'titleFolded'],
          attributesToRetrieve: ['title', 'titleFolded', 'category'],
          matchingStrategy: 'all',
        });
        const byTitle = new Map<string, SearchSuggestion>();
        for (const hit of response.hits) {
          if (!byTitle.has(hit.titleFolded)) byTitle.set(hit.titleFolded, { text: hit.title, category: hit.category });
        }
        return [...byTitle.values()].slice(0, query.limit);
      }),
  };
}

/** Documents whose id Meilisearch would refuse; a bug upstream (listing ids are IdSchema), never an outage. */
export class InvalidDocumentIdError extends Error {
  override name = 'InvalidDocumentIdError';
  readonly ids: string[];
  constructor(ids: string[]) {
    super(
      `meilisearch refuses document ids outside [A-Za-z0-9_-] (1-511 bytes); nothing of this batch was sent: ` +
        ids
          .slice(0, 10)
          .map((id) => JSON.stringify(id))
          .join(', ') +
        (ids.length > 10 ? ` and ${ids.length - 10} more` : ''),
    );
    this.ids = ids;
  }
}

/**
 * Every failure of the client, as SearchUnavailableError: an error answer (MeilisearchApiError), no
 * answer or a timeout (MeilisearchRequestError), a task wait timing out (MeilisearchTaskTimeOutError),
 * and a body that is not JSON (the client parses every body before looking at the status, so a
 * proxy's HTML error page arrives as a bare SyntaxError). Anything else is a bug and stays as it is.
 */
async function unavailableOnClientError<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof MeilisearchError || error instanceof SyntaxError)) throw error;
    const status = error instanceof MeilisearchApiError ? ` (HTTP ${error.response.status})` : '';
    // A request error says only "Request to … has failed"; its cause says why (refused, timed out).
    const why =
      error instanceof MeilisearchRequestError && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new SearchUnavailableError(`meilisearch ${what} failed${status}: ${error.message}${why}`, { cause: error });
  }
}

/** Why a server version is too old for the settings, or null when it will do. */
export function versionProblem(pkgVersion: string): string | null {
  const match = /^v?(\d+)\.(\d+)/.exec(pkgVersion);
  const { major, minor } = MIN_MEILISEARCH_VERSION;
  const needs = `needs v${major}.${minor} or later (typoTolerance.disableOnNumbers); upgrade the server or set SEARCH_ENGINE=postgres`;
  if (!match) return `server version ${JSON.stringify(pkgVersion)} is not a version number; ${needs}`;
  const [serverMajor, serverMinor] = [Number(match[1]), Number(match[2])];
  const oldEnough = serverMajor > major || (serverMajor === major && serverMinor >= minor);
  return oldEnough ? null : `server is v${pkgVersion}; ${needs}`;
}

/**
 * Meilisearch counts hits only up to `maxTotalHits` (MAX_SEARCH_WINDOW). Its facet counts are not
 * capped (exhaustive in page mode), and every document has exactly one category, so their sum is the
 * better figure for a capped total; it is still reported as not exact, since the cap is where
 * Meilisearch stops promising.
 */
function countedTotal(page: PageOfHits): { total: number; totalIsExact: boolean } {
  if (!page.capped) return { total: page.total, totalIsExact: true };
  const byCategory = Object.values(page.facets.category).reduce((sum, n) => sum + n, 0);
  return { total: Math.max(page.total, byCategory), totalIsExact: false };
}

function toMeiliDocument(document: SearchDocument): MeiliDocument {
  const text = documentText(document);
  return {
    ...hitPayload(document),
    description: document.description,
    titleFolded: text.titleFolded,
    bodyFolded: text.bodyFolded,
    categoryNames: text.categoryNames,
    unitNames: text.unitNames,
    terms: text.terms,
    aboutTerms: text.aboutTerms,
    titleMarkKeys: text.titleMarks.map(markKey),
    createdAtMs: Date.parse(document.createdAt),
    offersDelivery: Boolean(document.delivery),
    // Without a location the field is left out: `_geo: null` is refused by some server versions,
    // and a missing `_geo` simply sorts last and never passes a radius filter.
    ...(document.location ? { _geo: { lat: document.location.lat, lng: document.location.lng } } : {}),
  };
}

/**
 * A filter string value, quoted for Meilisearch's filter syntax. Its parser reads `\"` as a quote
 * but keeps every other backslash as it is, so no escaping can carry one: a value holding a
 * backslash is refused. Every value sent is an id, an enum or a folded word (letters and digits),
 * so reaching this is a bug upstream.
 */
export function quote(value: string): string {
  if (value.includes('\\')) throw new Error(`meilisearch filter value ${JSON.stringify(value)} holds a backslash`);
  return `"${value.replaceAll('"', '\\"')}"`;
}

export function filtersFor(query: SearchQuery): string[] {
  const filters: string[] = [];
  if (query.category) filters.push(`category = ${quote(query.category)}`);
  if (query.province) filters.push(`provinceId = ${quote(query.province)}`);
  if (query.certification) filters.push(`certifications = ${quote(query.certification)}`);
  if (query.minPrice !== undefined) filters.push(`priceVnd >= ${query.minPrice}`);
  if (query.maxPrice !== undefined) filters.push(`priceVnd <= ${query.maxPrice}`);
  if (query.inStock !== undefined) filters.push(`inStock = ${query.inStock}`);
  if (query.delivers) filters.push('offersDelivery = true');
  if (query.near && query.radiusKm !== undefined) {
    filters.push(`_geoRadius(${query.near.lat}, ${query.near.lng}, ${Math.round(query.radiusKm * 1000)})`);
  }
  return filters;
}

export function sortFor(query: SearchQuery): string[] {
  switch (query.sort) {
    case 'price_asc':
      return ['priceVnd:asc', 'createdAtMs:desc', 'id:asc'];
    case 'price_desc':
      return ['priceVnd:desc', 'createdAtMs:desc', 'id:asc'];
    case 'distance':
      return query.near ? [`_geoPoint(${query.near.lat}, ${query.near.lng}):asc`, 'id:asc'] : ['id:asc'];
    case 'newest':
    case 'relevance':
      // Relevance reaches here only without words to rank by: browsing shows the newest first.
      return ['createdAtMs:desc', 'id:asc'];
    default: {
      const unknown: never = query.sort;
      throw new Error(`unknown sort ${String(unknown)}`);
    }
  }
}

/** `capped`: a count reached Meilisearch's maxTotalHits, so `total` may be short. */
type PageOfHits = { hits: MeiliDocument[]; total: number; capped: boolean; facets: SearchFacets };

function facetsOf(distribution: Record<string, Record<string, number>> | undefined): SearchFacets {
  return {
    category: { ...distribution?.[FACET_ATTRIBUTES.category] },
    province: { ...distribution?.[FACET_ATTRIBUTES.province] },
    certification: { ...distribution?.[FACET_ATTRIBUTES.certification] },
  };
}

async function searchSorted(
  client: Meilisearch,
  indexUid: string,
  query: SearchQuery,
  analysis: AnalysedQuery,
): Promise<PageOfHits> {
  const response = await client.index<MeiliDocument>(indexUid).search(analysis.folded, {
    filter: filtersFor(query),
    sort: sortFor(query),
    facets: FACETS,
    page: query.page,
    hitsPerPage: query.perPage,
    matchingStrategy: 'all',
  });
  return {
    hits: response.hits,
    total: response.totalHits,
    capped: response.totalHits >= MAX_SEARCH_WINDOW,
    facets: facetsOf(response.facetDistribution),
  };
}

/** A query's words the index holds as typed, and the short-syllable correction it allows, if any. */
export type WordLookup = { known: Set<string>; correction: { word: string; term: string } | null };

/**
 * The typo rules of typos.ts, which Meilisearch cannot apply itself: which query words the index
 * holds as typed (a filter per word, no documents fetched), then, for a short word the rule allows
 * to correct, its candidates counted together with the rest of the query; the one found with the
 * most hits is taken. Meilisearch's query has no "or", so one correction, where PostgreSQL keeps a few.
 */
async function lookUpWords(client: Meilisearch, indexUid: string, words: readonly string[]): Promise<WordLookup> {
  const count = (filter: string[]): MultiSearchQuery => ({ indexUid, q: '', filter, page: 0, hitsPerPage: 1 });
  const distinct = [...new Set(words)];
  const held = await client.multiSearch({ queries: distinct.map((word) => count([`terms = ${quote(word)}`])) });
  const known = new Set(distinct.filter((_, i) => (held.results[i]?.totalHits ?? 0) > 0));
  const index = words.findIndex((_, i) => mayCorrectShort(words, i, known));
  const word = words[index];
  if (word === undefined) return { known, correction: null };
  const others = words.filter((_, i) => i !== index).map((other) => `terms = ${quote(other)}`);
  const candidates = shortTypoCandidates(word);
  const found = await client.multiSearch({
    queries: candidates.map((candidate) => count([...others, `terms = ${quote(candidate)}`])),
  });
  // Most hits first; on a tie the earlier candidate (a swap before a changed letter).
  let best: { term: string; hits: number } = { term: '', hits: 0 };
  for (const [i, term] of candidates.entries()) {
    const hits = found.results[i]?.totalHits ?? 0;
    if (hits > best.hits) best = { term, hits };
  }
  return { known, correction: best.hits > 0 ? { word, term: best.term } : null };
}

/**
 * Relevance in the same tiers as the PostgreSQL engine (docs/decisions/0022-search-relevance.md):
 * hits with every word as typed, one of them in the title or category names, and every word the
 * buyer wrote with diacritics in the title first; then the other such hits; then the rest (synonyms,
 * English names, typos, words only in the seller's name or place). Meilisearch folds diacritics and
 * has no notion of "as typed" versus synonym, so each tier is a filter (on `terms`, `aboutTerms` and
 * `titleMarkKeys`) and Meilisearch ranks within it (attribute first: title, category, description,
 * seller). The tiers are disjoint: totals and facet counts add up.
 */
async function searchInTiers(
  client: Meilisearch,
  indexUid: string,
  query: SearchQuery,
  analysis: AnalysedQuery,
): Promise<PageOfHits> {
  const lookup = await lookUpWords(client, indexUid, analysis.words);
  const tiers = relevanceTiers(analysis, lookup);
  const base = filtersFor(query);
  // A corrected short word is sent corrected: Meilisearch itself forgives no typo under 5 letters.
  const q = analysis.words
    .map((word) => (lookup.correction && word === lookup.correction.word ? lookup.correction.term : word))
    .join(' ');
  const tierQuery = (tier: string): MultiSearchQuery => ({
    indexUid,
    q,
    filter: [...base, tier],
    matchingStrategy: 'all',
  });
  // First the size and facets of each tier (page 0: exhaustive counts, no documents)...
  const counts = await client.multiSearch({
    queries: tiers.map((tier) => ({ ...tierQuery(tier), facets: FACETS, page: 0, hitsPerPage: query.perPage })),
  });
  const sizes = counts.results.map((result) => result.totalHits ?? 0);
  const facets = facetsOf(undefined);
  for (const result of counts.results) {
    for (const [key, attribute] of Object.entries(FACET_ATTRIBUTES) as [keyof SearchFacets, string][]) {
      for (const [value, n] of Object.entries(result.facetDistribution?.[attribute] ?? {})) {
        facets[key][value] = (facets[key][value] ?? 0) + n;
      }
    }
  }

  // ...then the page's slice of each tier it overlaps.
  const slices = pageSlices(sizes, query.page, query.perPage).map(({ tier, offset, limit }) => ({
    ...tierQuery(tiers[tier] as string),
    offset,
    limit,
  }));
  const pages = slices.length > 0 ? await client.multiSearch({ queries: slices }) : { results: [] };
  return {
    hits: pages.results.flatMap((result) => result.hits as MeiliDocument[]),
    total: sizes.reduce((sum, size) => sum + size, 0),
    capped: sizes.some((size) => size >= MAX_SEARCH_WINDOW),
    facets,
  };
}

/**
 * The relevance tiers as filters, best first: every word as typed, one in the title or category
 * names, every marked word in the title; the same without the marks; the rest. Disjoint, and
 * together all hits. The rest keeps typos.ts's first rule, which Meilisearch does not know: a word
 * the index holds is matched as it is (Meilisearch would also let "duong" match "dong"), unless a
 * synonym may replace it; a corrected short word must be there as corrected.
 */
export function relevanceTiers(
  analysis: Pick<AnalysedQuery, 'words' | 'marked' | 'alternatives'>,
  lookup: WordLookup = { known: new Set(analysis.words), correction: null },
): string[] {
  const typedWords = analysis.words.map((word) => `terms = ${quote(word)}`).join(' AND ');
  const about = `aboutTerms IN [${[...new Set(analysis.words)].map(quote).join(', ')}]`;
  const typed = `${typedWords} AND ${about}`;
  const marks = analysis.marked.map((word) => `titleMarkKeys = ${quote(markKey(word))}`).join(' AND ');
  const kept = analysis.words.filter(
    (word) => lookup.known.has(word) && analysis.alternatives.every((alternative) => alternative.includes(word)),
  );
  const required = [...new Set([...kept, ...(lookup.correction ? [lookup.correction.term] : [])])].map(
    (word) => `terms = ${quote(word)}`,
  );
  const rest = [`NOT (${typed})`, ...required].join(' AND ');
  return marks ? [`(${typed}) AND (${marks})`, `(${typed}) AND NOT (${marks})`, rest] : [`(${typed})`, rest];
}

/** Which part of which tier a page covers, given the tiers' sizes in order. */
export function pageSlices(
  sizes: readonly number[],
  page: number,
  perPage: number,
): { tier: number; offset: number; limit: number }[] {
  const slices: { tier: number; offset: number; limit: number }[] = [];
  const pageStart = (page - 1) * perPage;
  const pageEnd = pageStart + perPage;
  let tierStart = 0;
  sizes.forEach((size, tier) => {
    const from = Math.max(pageStart, tierStart);
    const to = Math.min(pageEnd, tierStart + size);
    if (from < to) slices.push({ tier, offset: from - tierStart, limit: to - from });
    tierStart += size;
  });
  return slices;
}
