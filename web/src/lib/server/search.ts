// The server side's way to the search API: the typed client of this request.
import type { SearchResponse } from '@nongsan/contracts';
import type { SearchPorts } from '$lib/search/search-view.ts';
import { type Api, call } from './api.ts';

const HINT_LIMIT = '5';

export function serverSearchPorts(api: Api): SearchPorts {
  return {
    async search(query) {
      const result = await call(() => api.api.v1.search.$get({ query }));
      if (result.ok) return { ok: true, data: result.data as SearchResponse };
      const { failure } = result;
      return { ok: false, status: failure.status, code: failure.code, details: failure.details };
    },
    async suggest(q) {
      const result = await call(() => api.api.v1.search.suggest.$get({ query: { q, limit: HINT_LIMIT } }));
      return result.ok ? result.data.suggestions : [];
    },
  };
}
