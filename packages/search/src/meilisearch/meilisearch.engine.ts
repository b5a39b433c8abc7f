import type { SearchDocument, SearchFacets, SearchQuery, SearchSuggestion, SuggestQuery } from '@nongsan/contracts';
import { type EnqueuedTaskPromise, type Index, Meilisearch, type MultiSearchQuery, type Task } from 'meilisearch';
import type { SearchEngine } from '../search-engine.ts';
import { type HitPayload, hitPayload } from '../search-hit.ts';
import { type AnalysedQuery, analyseQuery, distanceKm, documentText, markKey, roundKm } from '../search-text.ts';
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
};

/** The document as Meilisearch stores it: the hit fields plus what searching, filtering and sorting need. */
type MeiliDocument = HitPayload & {
  description: string;
  titleFolded: string;
  bodyFolded: string;
  terms: string[];
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
  const client = new Meilisearch({ host: options.url, apiKey: options.apiKey });
  const indexUid = options.indexUid ?? 'listings';
  const index: Index<MeiliDocument> = client.index<MeiliDocument>(indexUid);
  const timeout = options.taskTimeoutMs ?? 30_000;

  /** Writes are asynchronous tasks in Meilisearch: wait, and turn a failed task into an error. */
  async function settled(enqueued: EnqueuedTaskPromise, what: string, allowedErrors: string[] = []): Promise<Task> {
    const task = await enqueued.waitTask({ timeout });
    if (task.status !== 'succeeded' && !allowedErrors.includes(task.error?.code ?? '')) {
      throw new Error(
        `meilisearch ${what} (task ${task.uid}) ${task.status}: ${task.error?.code} ${task.error?.message}`,
      );
    }
    return task;
  }

  return {
    kind: 'meilisearch',
    setUp: async () => {
      await settled(client.createIndex(indexUid, { primaryKey: 'id' }), 'create index', ['index_already_exists']);
      await settled(index.updateSettings(meilisearchSettings()), 'update settings');
    },
    apply: async (documents) => {
      const unique = [...new Map(documents.map((document) => [document.id, document])).values()].map(toMeiliDocument);
      // Enqueue every batch, then wait: Meilisearch runs an index's tasks in order, so once the last
      // has succeeded all have run; each is still checked for failure.
      const tasks: EnqueuedTaskPromise[] = [];
      for (let i = 0; i < unique.length; i += APPLY_BATCH) {
        tasks.push(index.addDocuments(unique.slice(i, i + APPLY_BATCH), { primaryKey: 'id' }));
      }
      for (const task of tasks) await settled(task, 'add documents');
    },
    delete: async (listingIds) => {
      if (listingIds.length === 0) return;
      await settled(index.deleteDocuments([...listingIds]), 'delete documents');
    },
    clear: async () => {
      await settled(index.deleteAllDocuments(), 'delete all documents');
    },
    search: async (query) => {
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
        total: page.total,
        page: query.page,
        perPage: query.perPage,
        facets: page.facets,
        tookMs: Math.round(performance.now() - started),
      };
    },
    suggest: async (query: SuggestQuery): Promise<SearchSuggestion[]> => {
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
    },
  };
}

function toMeiliDocument(document: SearchDocument): MeiliDocument {
  const text = documentText(document);
  return {
    ...hitPayload(document),
    description: document.description,
    titleFolded: text.titleFolded,
    bodyFolded: text.bodyFolded,
    terms: text.terms,
    titleMarkKeys: text.titleMarks.map(markKey),
    createdAtMs: Date.parse(document.createdAt),
    offersDelivery: Boolean(document.delivery),
    // Without a location the field is left out: `_geo: null` is refused by some server versions,
    // and a missing `_geo` simply sorts last and never passes a radius filter.
    ...(document.location ? { _geo: { lat: document.location.lat, lng: document.location.lng } } : {}),
  };
}

/** A filter string value, quoted for Meilisearch's filter syntax. */
export function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
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

type PageOfHits = { hits: MeiliDocument[]; total: number; facets: SearchFacets };

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
  return { hits: response.hits, total: response.totalHits, facets: facetsOf(response.facetDistribution) };
}

/**
 * Relevance in the same tiers as the PostgreSQL engine: hits with every word as typed and every
 * word the buyer wrote with diacritics in the title first; then the other hits with every word as
 * typed; then hits found only through a synonym or a typo. Meilisearch folds diacritics and has no
 * notion of "as typed" versus synonym, so each tier is a filter (on `terms` and `titleMarkKeys`) and
 * Meilisearch ranks within it. The tiers are disjoint: totals and facet counts add up.
 */
async function searchInTiers(
  client: Meilisearch,
  indexUid: string,
  query: SearchQuery,
  analysis: AnalysedQuery,
): Promise<PageOfHits> {
  const tiers = relevanceTiers(analysis);
  const base = filtersFor(query);
  const tierQuery = (tier: string): MultiSearchQuery => ({
    indexUid,
    q: analysis.folded,
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
    facets,
  };
}

/**
 * The relevance tiers as filters, best first: every word as typed with every marked word in the
 * title; every word as typed; the rest (synonym and typo hits). Disjoint, and together all hits.
 */
export function relevanceTiers(analysis: Pick<AnalysedQuery, 'words' | 'marked'>): string[] {
  const typed = analysis.words.map((word) => `terms = ${quote(word)}`).join(' AND ');
  const marks = analysis.marked.map((word) => `titleMarkKeys = ${quote(markKey(word))}`).join(' AND ');
  return marks
    ? [`(${typed}) AND (${marks})`, `(${typed}) AND NOT (${marks})`, `NOT (${typed})`]
    : [typed, `NOT (${typed})`];
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
