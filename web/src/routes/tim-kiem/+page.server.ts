import { matchProvince, PROVINCES } from '@nongsan/vn/provinces';
import { parseSearchParams } from '$lib/search/search-params.ts';
import { runSearch } from '$lib/search/search-view.ts';
import { call } from '$lib/server/api.ts';
import { serverSearchPorts } from '$lib/server/search.ts';
import type { PageServerLoad } from './$types';

// Province facets come back as ids; the page names them (the same in both languages).
const PROVINCE_NAMES: Record<string, string> = Object.fromEntries(PROVINCES.map((p) => [p.id, p.name]));

export const load: PageServerLoad = async ({ locals, url }) => {
  const filters = parseSearchParams(url.searchParams);
  // A province typed into the URL ("thai nguyen", a former name) is shown as its chip, by id.
  if (filters.province) filters.province = matchProvince(filters.province)?.id ?? filters.province;
  const [outcome, categories] = await Promise.all([
    runSearch(filters, serverSearchPorts(locals.api)),
    call(() => locals.api.api.v1.categories.$get()),
  ]);
  return {
    filters,
    outcome,
    // Chips and the empty state still work with ids if the catalogue could not be fetched.
    categories: categories.ok ? categories.data.categories : [],
    provinceNames: PROVINCE_NAMES,
  };
};
