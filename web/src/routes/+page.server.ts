import type { SearchResponse } from '@nongsan/contracts';
import { cardFromHit } from '$lib/listings/card-view.ts';
import { call } from '$lib/server/api.ts';
import type { PageServerLoad } from './$types';

/** Listings in the "just listed" row: one row that scrolls sideways, kept short. */
const FRESH_COUNT = '8';

export const load: PageServerLoad = async ({ locals }) => {
  // Both are extras on top of the page: if the API cannot answer, the home page still renders.
  const [categories, fresh] = await Promise.all([
    call(() => locals.api.api.v1.categories.$get()),
    call(() => locals.api.api.v1.search.$get({ query: { sort: 'newest', inStock: 'true', perPage: FRESH_COUNT } })),
  ]);
  return {
    categories: categories.ok ? categories.data.categories : [],
    fresh: fresh.ok ? (fresh.data as SearchResponse).hits.map(cardFromHit) : [],
  };
};
