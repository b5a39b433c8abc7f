// The storefront reaches the API only through this typed client. `AppType` is imported as a type:
// no API code is bundled into the web, only the shape of its routes.
import type { AppType } from '@nongsan/api';
import type { ErrorCode } from '@nongsan/contracts';
import type { RequestEvent } from '@sveltejs/kit';
import { hc } from 'hono/client';
import { env } from './env.ts';

export type Api = ReturnType<typeof hc<AppType>>;

/**
 * What the API's CSRF check is told about a call that this server knows to be same-origin: its
 * own server-side calls, and the proxy's relays of a browser request whose Origin is this page's
 * (browsers send Sec-Fetch-Site only to secure origins, so a phone at http://192.168.1.20:3000
 * sends none, and the API knows only the origin it was configured with). Decision 0024.
 */
export const SAME_ORIGIN = { name: 'sec-fetch-site', value: 'same-origin' } as const;

/**
 * A client for one request: SvelteKit's `event.fetch`, the visitor's session token as a bearer
 * header (read at call time, so a sign-in during the request is seen), and the visitor's address
 * as X-Forwarded-For, so the API's per-address limits count the visitor, not the storefront.
 * The API's CSRF check is told the call comes from the storefront itself (decision 0024).
 */
export function createApi(event: Pick<RequestEvent, 'fetch' | 'locals' | 'getClientAddress'>): Api {
  const clientAddress = safeClientAddress(event);
  return hc<AppType>(env.apiUrl, {
    fetch: event.fetch,
    headers: (): Record<string, string> => ({
      accept: 'application/json',
      // The storefront's own server is calling, whatever address the page was opened at.
      [SAME_ORIGIN.name]: SAME_ORIGIN.value,
      ...(clientAddress ? { 'x-forwarded-for': clientAddress } : {}),
      ...(event.locals.token ? { authorization: `Bearer ${event.locals.token}` } : {}),
    }),
  });
}

function safeClientAddress(event: Pick<RequestEvent, 'getClientAddress'>): string | null {
  try {
    return event.getClientAddress();
  } catch {
    // Not available while prerendering or in some test harnesses.
    return null;
  }
}

/** An API failure as the pages need it: the code to branch on, and what the envelope carried. */
export type ApiFailure = {
  status: number;
  code: ErrorCode | 'NETWORK';
  message: string;
  requestId: string | null;
  details: unknown;
  /** Seconds, from Retry-After (RATE_LIMITED). */
  retryAfter: number | null;
};

/** Reads the error envelope of a failed response; anything unexpected becomes INTERNAL. */
export async function readFailure(res: ResponseLike): Promise<ApiFailure> {
  const retryAfterHeader = Number(res.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retryAfterHeader) && retryAfterHeader > 0 ? retryAfterHeader : null;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's HTML error page, an empty body): keep the status only.
  }
  const error = isEnvelope(body) ? body.error : null;
  return {
    status: res.status,
    code: error?.code ?? (res.status >= 500 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL'),
    message: error?.message ?? res.statusText,
    requestId: error?.requestId ?? res.headers.get('x-request-id'),
    details: error?.details,
    retryAfter,
  };
}

/** The API could not be reached at all (refused, reset, DNS). */
export function networkFailure(cause: unknown): ApiFailure {
  return {
    status: 503,
    code: 'NETWORK',
    message: cause instanceof Error ? cause.message : String(cause),
    requestId: null,
    details: undefined,
    retryAfter: null,
  };
}

function isEnvelope(
  body: unknown,
): body is { error: { code: ErrorCode; message: string; requestId: string; details?: unknown } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/** The parts of a response (fetch's or hono's ClientResponse) that failures are read from. */
type ResponseLike = {
  ok: boolean;
  status: number;
  statusText: string;
  headers: Headers;
  json(): Promise<unknown>;
};

/** The body type of the successful answers of a typed client call. */
type SuccessBody<R> = R extends { ok: true; json(): Promise<infer J> } ? J : never;

export type CallResult<R> = { ok: true; data: SuccessBody<R>; status: number } | { ok: false; failure: ApiFailure };

/**
 * Runs one API call: the parsed body of a 2xx answer, or the failure. Network errors are
 * failures too, so a page can say "could not reach the server" instead of crashing.
 */
export async function call<R extends ResponseLike>(request: () => Promise<R>): Promise<CallResult<R>> {
  let res: R;
  try {
    res = await request();
  } catch (cause) {
    return { ok: false, failure: networkFailure(cause) };
  }
  if (!res.ok) return { ok: false, failure: await readFailure(res) };
  return { ok: true, data: (await res.json()) as SuccessBody<R>, status: res.status };
}
