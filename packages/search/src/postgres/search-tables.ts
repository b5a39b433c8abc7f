import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const timestamptz = () => timestamp({ withTimezone: true, mode: 'date' });

// The PostgreSQL search engine's index, declared here beside the only code that queries it
// (search-writes.repo.ts, search-reads.repo.ts, search-terms.repo.ts). db/src/schema re-exports these
// tables so the migrations are generated from one schema; nothing else reads or writes them. They are
// written only through the search outbox relay, so they can be emptied and rebuilt from the listings
// at any time. Text is matched in its Vietnamese-folded form (foldVietnamese, in application code:
// `unaccent()` is not immutable, so it cannot feed an index, and folding in one place keeps
// PostgreSQL, PGlite and Meilisearch in agreement).
//
// Why three tables: a broad query ("chè") matches a tenth of the catalogue, and counting it by facet
// reads every matching row. `search_documents` holds only what matching, filtering, facets and
// sorting read, so those rows stay narrow; what only the page of hits needs (display payload, folded
// text) sits in `search_document_payloads`. `search_terms` is the vocabulary typos are corrected against.

/** One row per listing buyers can see: what matching, filtering, facet counting and sorting read. */
export const searchDocuments = pgTable(
  'search_documents',
  {
    /** The listing id. */
    id: text().primaryKey(),
    category: text().notNull(),
    provinceId: text().notNull(),
    /** Verified certification types as bits (packages/search CERTIFICATION_BITS): one small column to count and filter. */
    certificationMask: smallint().notNull(),
    /**
     * The row of search_facet_counts for this document's (category, province, certifications, in
     * stock): counting a search's facets groups by this one integer instead of three columns. No
     * foreign key: the engine writes both in one transaction, and emptying the index would otherwise
     * check every count row against the whole table.
     */
    facetId: integer().notNull(),
    inStock: boolean().notNull(),
    /** The seller delivers (the "Giao tận nơi" filter). Not a facet: filtering on it reads these rows, not the counts. */
    offersDelivery: boolean().notNull().default(false),
    priceVnd: integer().notNull(),
    sellerId: text().notNull(),
    lat: doublePrecision(),
    lng: doublePrecision(),
    /** The listing's creation time (the `newest` sort), not the row's. */
    createdAt: timestamptz().notNull(),
    /** The title's words that carry diacritics, lower-cased as written: ranks "đường" (sugar) above "dương". */
    titleMarks: text().array().notNull(),
    // The folded words of title, description, category, seller and province names, 'simple'
    // configuration (no stemming or stop words, which would mangle Vietnamese syllables), stripped of
    // positions. Written by the engine from the folded text it stores in search_document_payloads.
    searchVector: tsvector().notNull(),
    /** The folded title alone: ranking asks "is it in the title?" of every hit, and this small vector answers fastest. */
    titleVector: tsvector().notNull(),
  },
  (t) => [
    // A pending list, capped small: writing a document's ~30 words one by one into the GIN tree was
    // 90 % of a bulk write (2,000 documents: 354 ms without the list, 57 ms with it at 256 kB), and
    // every search also scans the list, which at 256 kB (~30 pages) costs it well under a millisecond.
    // The default 4 MB would make every search read up to 4 MB between merges.
    index('search_documents_vector_idx')
      .using('gin', t.searchVector)
      .with({ fastupdate: true, gin_pending_list_limit: 256 }),
    index('search_documents_category_idx').on(t.category),
    index('search_documents_province_idx').on(t.provinceId),
    index('search_documents_seller_idx').on(t.sellerId),
    index('search_documents_price_idx').on(t.priceVnd),
    index('search_documents_created_idx').on(t.createdAt),
    // Radius searches prefilter on a bounding box before the exact distance.
    index('search_documents_lat_lng_idx').on(t.lat, t.lng),
    check('search_documents_location_pair', sql`(${t.lat} IS NULL) = (${t.lng} IS NULL)`),
  ],
);

/** What only a page of hits reads: the card to show, and the folded text the vector was made from. */
export const searchDocumentPayloads = pgTable('search_document_payloads', {
  id: text()
    .primaryKey()
    .references(() => searchDocuments.id, { onDelete: 'cascade' }),
  /** Folded title words joined by single spaces (`che tan cuong thai nguyen`): suggestions. */
  titleFolded: text().notNull(),
  /** Folded title, description, category, seller and province names. */
  bodyFolded: text().notNull(),
  /** The hit as the API returns it (SearchHit without its distance). */
  payload: jsonb().notNull(),
});

/**
 * Every folded word of every indexed document, kept (not pruned on delete: a stale word only costs
 * a wasted lookup). A query word found nowhere here is looked up by trigram similarity to find the
 * words it is probably a typo of.
 */
export const searchTerms = pgTable('search_terms', { term: text().primaryKey() }, (t) => [
  index('search_terms_trgm_idx').using('gin', t.term.op('gin_trgm_ops')),
]);

/**
 * How many documents have each combination of the facet values: the counts of a search without text,
 * price or place come from here instead of from reading every matching row (browsing the whole
 * catalogue would otherwise count 100,000 rows on each page view). Kept in step by the engine in the
 * transaction that writes search_documents.
 */
export const searchFacetCounts = pgTable(
  'search_facet_counts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    category: text().notNull(),
    provinceId: text().notNull(),
    certificationMask: smallint().notNull(),
    inStock: boolean().notNull(),
    documents: integer().notNull(),
  },
  (t) => [
    uniqueIndex('search_facet_counts_key').on(t.category, t.provinceId, t.certificationMask, t.inStock),
    check('search_facet_counts_documents', sql`${t.documents} >= 0`),
  ],
);
