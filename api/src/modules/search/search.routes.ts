import { createRoute } from '@hono/zod-openapi';
import {
  ErrorEnvelopeSchema,
  MAX_SEARCH_PER_PAGE,
  MAX_SUGGESTIONS,
  queryText,
  SearchResponseSchema,
  SuggestResponseSchema,
} from '@nongsan/contracts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { errors, json } from '../../lib/openapi.ts';
import { createRouter } from '../../lib/router.ts';
import { searchListings, suggestListings } from './search.service.ts';

// The query strings as the OpenAPI document shows them (strict: an unknown parameter is 422). The
// service parses the values with the shared SearchQuerySchema / SuggestQuerySchema.
const param = (description: string) => queryText(200).optional().openapi({ description });

const SearchParams = z
  .object({
    q: param('Free text, with or without diacritics; typos and regional names are understood'),
    category: param('Category id (GET /categories)'),
    province: param('Province id or name as typed ("Thái Nguyên", "thai nguyen", former names)'),
    certification: param('vietgap | globalgap | organic_vn | organic_usda_eu | ocop'),
    minPrice: param('VND, integer'),
    maxPrice: param('VND, integer, not below minPrice'),
    inStock: param('true: in stock only; false: sold out only'),
    delivers: param('true: only sellers who deliver ("Giao tận nơi"); pickup is always offered'),
    near: param('"lat,lng" in degrees: adds distanceKm to hits'),
    radiusKm: param('Only listings within this many km of near (needs near)'),
    sort: param('relevance | price_asc | price_desc | newest | distance (distance needs near)'),
    page: param('From 1'),
    perPage: param(`1 to ${MAX_SEARCH_PER_PAGE}, default 20`),
  })
  .strict();

const SuggestParams = z
  .object({
    q: param('The words typed so far'),
    limit: param(`1 to ${MAX_SUGGESTIONS}, default 5`),
  })
  .strict();

const unavailable = json(ErrorEnvelopeSchema, 'The search engine is not answering (SEARCH_UNAVAILABLE)');

const searchRoute = createRoute({
  method: 'get',
  path: '/search',
  tags: ['search'],
  summary: 'Search listings: text, filters, sort, facets (category, province, certification) and pages',
  description:
    'Public. Active and sold-out listings only; the index follows changes within seconds (search outbox relay).',
  request: { query: SearchParams },
  responses: {
    200: json(
      SearchResponseSchema,
      'A page of hits with facet counts; `degraded` when Meilisearch is down and PostgreSQL answered',
    ),
    422: errors[422],
    503: unavailable,
  },
});

const suggestRoute = createRoute({
  method: 'get',
  path: '/search/suggest',
  tags: ['search'],
  summary: `Title completions for a search box (at most ${MAX_SUGGESTIONS})`,
  request: { query: SuggestParams },
  responses: { 200: json(SuggestResponseSchema, 'Completions'), 422: errors[422], 503: unavailable },
});

export function searchRoutes(deps: Deps) {
  return createRouter()
    .openapi(searchRoute, async (c) => c.json(await searchListings(deps, c.req.query()), 200))
    .openapi(suggestRoute, async (c) => c.json(await suggestListings(deps, c.req.query()), 200));
}
