import {
  findCategory,
  findUnit,
  type SearchApiHit,
  type SearchHit,
  SearchQuerySchema,
  type SearchResponse,
  SuggestQuerySchema,
  type SuggestResponse,
} from '@nongsan/contracts';
import { SearchUnavailableError } from '@nongsan/search';
import type { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { fieldIssues } from '../../lib/router.ts';

type SearchDeps = Pick<Deps, 'search' | 'logger'>;

function parse<T extends z.ZodType>(schema: T, raw: Record<string, string>): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', {
      message: 'request failed validation',
      details: fieldIssues(parsed.error),
    });
  }
  return parsed.data;
}

function toApiHit(hit: SearchHit): SearchApiHit {
  return {
    ...hit,
    category: findCategory(hit.category) ?? { id: hit.category, vi: hit.category, en: hit.category },
    unit: findUnit(hit.unit) ?? { id: hit.unit, vi: hit.unit, en: hit.unit },
  };
}

/**
 * The query string is checked again with the shared SearchQuerySchema (the route's own schema only
 * documents the parameters): typed provinces, `near=lat,lng`, and the cross-field rules (distance or
 * radiusKm without near, minPrice above maxPrice) are all 422 VALIDATION_FAILED.
 */
export async function searchListings(deps: SearchDeps, raw: Record<string, string>): Promise<SearchResponse> {
  const query = parse(SearchQuerySchema, raw);
  const result = await unavailableAs503(deps, () => deps.search.search(query));
  return { ...result, hits: result.hits.map(toApiHit) };
}

export async function suggestListings(deps: SearchDeps, raw: Record<string, string>): Promise<SuggestResponse> {
  const query = parse(SuggestQuerySchema, raw);
  return { suggestions: await unavailableAs503(deps, () => deps.search.suggest(query)) };
}

/** The engine not answering (and no fallback answering for it) is 503 SEARCH_UNAVAILABLE, never a 500. */
async function unavailableAs503<T>(deps: SearchDeps, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) throw error;
    // The error envelope logs only INTERNAL: an outage is logged here, with what the engine said.
    deps.logger.warn({ err: error }, 'search unavailable');
    throw new AppError('SEARCH_UNAVAILABLE', { message: 'search is not answering; try again shortly', cause: error });
  }
}
