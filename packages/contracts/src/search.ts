import { z } from 'zod';
import { CatalogueEntrySchema, CategoryIdSchema, UnitIdSchema } from './catalogue.ts';
import { CertificationTypeSchema } from './certifications.ts';
import { IdSchema, LocationSchema, queryText } from './common.ts';
import { CalendarDateSchema } from './dates.ts';
import { MAX_PRICE_VND } from './listings.ts';
import { MediaSchema } from './media.ts';
import { DeliveryTermsSchema, ProvinceInputSchema, SellerKindSchema } from './sellers.ts';

/** Only listings buyers can see are indexed: drafts and archived listings are deleted from the index. */
export const SearchStatusSchema = z.enum(['active', 'sold_out']);

/**
 * A listing as the search index holds it: denormalised (seller and province names inline) so a hit
 * renders a card without another query. Every field is JSON, so the document can travel through the
 * search outbox as it is.
 */
export const SearchDocumentSchema = z.object({
  /** The listing id. */
  id: IdSchema,
  title: z.string().min(1).max(200),
  description: z.string().max(5000),
  category: CategoryIdSchema,
  /** The category's Vietnamese name ("Chè, trà"), searched with the rest of the text. */
  categoryName: z.string().max(100).optional(),
  unit: UnitIdSchema,
  priceVnd: z.number().int().min(0).max(MAX_PRICE_VND),
  sellerId: IdSchema,
  sellerName: z.string().min(1).max(200),
  sellerKind: SellerKindSchema,
  provinceId: z.string().min(1).max(64),
  provinceName: z.string().min(1).max(100),
  /** Verified certification types only: an unverified one must never show as a badge or match a filter. */
  certifications: z.array(CertificationTypeSchema).max(10),
  inStock: z.boolean(),
  status: SearchStatusSchema,
  /** The seller's place (listings have no place of their own); null when the seller gave none. */
  location: LocationSchema.nullable(),
  harvestedAt: CalendarDateSchema.nullable().optional(),
  /** When the listing was created, ISO 8601 with offset; the `newest` sort. */
  createdAt: z.iso.datetime({ offset: true }),
  /** The cover photo, shown on cards as it is. */
  photo: MediaSchema.nullable().optional(),
  /**
   * The seller's delivery terms; null: pickup only (in `provinceName`). Absent on documents indexed
   * before issue 21, read as pickup only until `pnpm search:reindex`.
   */
  delivery: DeliveryTermsSchema.nullable().optional(),
});
export type SearchDocument = z.infer<typeof SearchDocumentSchema>;

export const SearchSortSchema = z.enum(['relevance', 'price_asc', 'price_desc', 'newest', 'distance']);
export type SearchSort = z.infer<typeof SearchSortSchema>;

export const MAX_SEARCH_PER_PAGE = 50;
/** Hits reachable by paging; deeper pages are refused (Meilisearch's `maxTotalHits` is set to the same). */
export const MAX_SEARCH_WINDOW = 10_000;
export const MAX_SEARCH_RADIUS_KM = 2_000;

const MAX_QUERY_LENGTH = 200;

// Query strings carry every value as text; the schema also takes typed values, so the API route and
// code calling an engine directly parse the same way.
const BooleanParamSchema = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((value) => value === true || value === 'true' || value === '1');

const NEAR_PATTERN = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/;

/** `near=21.59,105.85` in a query string, or `{lat, lng}`. */
const NearSchema = z.union([
  LocationSchema,
  z
    .string()
    .max(64)
    .transform((value, ctx) => {
      const match = NEAR_PATTERN.exec(value);
      const location = match ? LocationSchema.safeParse({ lat: Number(match[1]), lng: Number(match[2]) }) : null;
      if (!location?.success) {
        ctx.addIssue({ code: 'custom', message: 'near is "lat,lng" in degrees' });
        return z.NEVER;
      }
      return location.data;
    }),
]);

const PriceParamSchema = z.coerce.number().int().min(0).max(MAX_PRICE_VND);

export const SearchQuerySchema = z
  .object({
    /** Free text, with or without diacritics; empty means browse. */
    q: queryText(MAX_QUERY_LENGTH).optional(),
    category: CategoryIdSchema.optional(),
    /** A province as typed (any case, with or without diacritics, former names); parsed to its id. */
    province: ProvinceInputSchema.optional(),
    certification: CertificationTypeSchema.optional(),
    minPrice: PriceParamSchema.optional(),
    maxPrice: PriceParamSchema.optional(),
    /** `true`: only sellers who deliver ("Giao tận nơi"); absent: every seller (pickup is always offered). */
    delivers: z
      .union([z.literal(true), z.enum(['true', '1'])])
      .transform(() => true as const)
      .optional(),
    /** true: only listings in stock; false: only sold-out ones; absent: both. */
    inStock: BooleanParamSchema.optional(),
    near: NearSchema.optional(),
    radiusKm: z.coerce.number().positive().max(MAX_SEARCH_RADIUS_KM).optional(),
    /** `relevance` without `q` orders by newest. */
    sort: SearchSortSchema.default('relevance'),
    page: z.coerce.number().int().min(1).default(1),
    perPage: z.coerce.number().int().min(1).max(MAX_SEARCH_PER_PAGE).default(20),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
      ctx.addIssue({ code: 'custom', path: ['maxPrice'], message: 'maxPrice is below minPrice' });
    }
    if (query.radiusKm !== undefined && !query.near) {
      ctx.addIssue({ code: 'custom', path: ['near'], message: 'radiusKm needs near' });
    }
    if (query.sort === 'distance' && !query.near) {
      ctx.addIssue({ code: 'custom', path: ['near'], message: 'sort=distance needs near' });
    }
    if (query.page * query.perPage > MAX_SEARCH_WINDOW) {
      ctx.addIssue({
        code: 'custom',
        path: ['page'],
        message: `only the first ${MAX_SEARCH_WINDOW} hits can be paged through; narrow the search`,
      });
    }
  })
  .transform(({ q, ...rest }) => ({ ...rest, q: q || undefined }));
export type SearchQueryInput = z.input<typeof SearchQuerySchema>;
export type SearchQuery = z.output<typeof SearchQuerySchema>;

/** A card in the results: the document without its long description, and how far it is from `near`. */
export const SearchHitSchema = SearchDocumentSchema.omit({ description: true }).extend({
  /** Kilometres from `near`, rounded to 10 m; null without `near` or when the seller has no location. */
  distanceKm: z.number().nullable(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

const FacetCountsSchema = z.record(z.string(), z.number().int());

export const SearchResultSchema = z.object({
  hits: z.array(SearchHitSchema),
  /** Every hit matching the query and filters, not only this page. */
  total: z.number().int(),
  /**
   * false when `total` is not a count: Meilisearch counts hits only up to its `maxTotalHits`
   * (MAX_SEARCH_WINDOW), and the PostgreSQL engine estimates the total of a broad query (more than a
   * few thousand matches) instead of counting every one. Show it as "about" / "10,000+".
   */
  totalIsExact: z.boolean(),
  page: z.number().int(),
  perPage: z.number().int(),
  /** Counts over the filtered result (all filters applied), ignoring pagination; keys are ids. */
  facets: z.object({ category: FacetCountsSchema, province: FacetCountsSchema, certification: FacetCountsSchema }),
  /**
   * false when the facet counts are estimates: the PostgreSQL engine counts a broad query's facets
   * over a window of its matches and scales them to the estimated total (a value seen there counts at
   * least 1; a rare one may be missing). Exact for every narrower query, and on Meilisearch.
   */
  facetsAreExact: z.boolean(),
  tookMs: z.number(),
  /**
   * true when the configured engine (Meilisearch) is not answering and the PostgreSQL engine, which
   * holds every visible listing too, answered instead: relevance inside a tier may differ.
   */
  degraded: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;
export type SearchFacets = SearchResult['facets'];

export const MAX_SUGGESTIONS = 10;

/** Completions for a search box as the buyer types: titles of listings matching the words so far. */
export const SuggestQuerySchema = z
  .object({
    q: queryText(100).min(1),
    limit: z.coerce.number().int().min(1).max(MAX_SUGGESTIONS).default(5),
  })
  .strict();
export type SuggestQueryInput = z.input<typeof SuggestQuerySchema>;
export type SuggestQuery = z.output<typeof SuggestQuerySchema>;

export const SearchSuggestionSchema = z.object({
  /** A listing title as its seller wrote it; titles equal once folded are suggested once. */
  text: z.string(),
  category: CategoryIdSchema,
});
export type SearchSuggestion = z.infer<typeof SearchSuggestionSchema>;

// What `GET /search` and `GET /search/suggest` answer. A hit is the engine's hit with its category and
// unit spelled out in Vietnamese and English (as on `GET /listings/:id`), so a card needs no lookups.
export const SearchApiHitSchema = SearchHitSchema.omit({ category: true, unit: true }).extend({
  category: CatalogueEntrySchema,
  unit: CatalogueEntrySchema,
});
export type SearchApiHit = z.infer<typeof SearchApiHitSchema>;

export const SearchResponseSchema = SearchResultSchema.extend({ hits: z.array(SearchApiHitSchema) });
export type SearchResponse = z.infer<typeof SearchResponseSchema>;

export const SuggestResponseSchema = z.object({ suggestions: z.array(SearchSuggestionSchema).max(MAX_SUGGESTIONS) });
export type SuggestResponse = z.infer<typeof SuggestResponseSchema>;
