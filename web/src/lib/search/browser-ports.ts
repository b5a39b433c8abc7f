// The page's own way to the search API while the buyer types: fetch through the storefront's
// /api/v1 (same origin, no CORS), cancelled by the signal when a newer keystroke wins. An abort
// rejects with the AbortError, which the caller drops; other network errors become "unavailable".
import type { SearchResponse, SuggestResponse } from '@nongsan/contracts';
import type { SearchAnswer, SearchPorts } from './search-view.ts';

export const SUGGEST_LIMIT = 6;

export function browserPorts(signal: AbortSignal): SearchPorts {
  return {
    async search(query) {
      let res: Response;
      try {
        res = await fetch(`/api/v1/search?${new URLSearchParams(query)}`, {
          signal,
          headers: { accept: 'application/json' },
        });
      } catch (error) {
        if (signal.aborted) throw error;
        return { ok: false, status: 503, code: 'NETWORK', details: undefined };
      }
      if (res.ok) return { ok: true, data: (await res.json()) as SearchResponse };
      return failureOf(res);
    },
    suggest: (q) => fetchSuggestions(q, signal),
  };
}

/** Completions for the words typed so far; [] when there are none or the call failed. */
export async function fetchSuggestions(q: string, signal: AbortSignal): Promise<SuggestResponse['suggestions']> {
  try {
    const res = await fetch(`/api/v1/search/suggest?${new URLSearchParams({ q, limit: String(SUGGEST_LIMIT) })}`, {
      signal,
      headers: { accept: 'application/json' },
    });
    if (!res.ok) return [];
    return ((await res.json()) as SuggestResponse).suggestions;
  } catch (error) {
    if (signal.aborted) throw error;
    return [];
  }
}

async function failureOf(res: Response): Promise<SearchAnswer> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not the API's envelope (a proxy's error page): the status says enough.
  }
  const error =
    typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'object' && body.error
      ? (body.error as { code?: unknown; details?: unknown })
      : null;
  return {
    ok: false,
    status: res.status,
    code: typeof error?.code === 'string' ? error.code : res.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL',
    details: error?.details,
  };
}
