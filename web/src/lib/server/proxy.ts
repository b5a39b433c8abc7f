// The storefront serves the API on its own origin: /api/v1/* and /api/docs are forwarded to
// API_URL as they are (method, headers, body streamed) and the answer is streamed back. Browser
// code and other clients can then use one origin, with no CORS and one cookie.
import type { RequestEvent } from '@sveltejs/kit';
import { SAME_ORIGIN } from './api.ts';
import { env } from './env.ts';

export function isApiPath(pathname: string): boolean {
  return pathname.startsWith('/api/v1/') || pathname === '/api/v1' || pathname === '/api/docs';
}

// Hop-by-hop headers describe one connection, not the message (RFC 9110 §7.6.1): never forwarded.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function forwardableRequestHeaders(event: RequestEvent): Headers {
  const headers = new Headers();
  for (const [name, value] of event.request.headers) {
    // `Expect: 100-continue` (curl sends it for large uploads) was answered by Node's server
    // already, and Node's fetch refuses to send it: forwarding it failed every such upload.
    if (HOP_BY_HOP.has(name) || name === 'host' || name === 'content-length' || name === 'expect') continue;
    // The visitor's own X-Forwarded-* headers are not trusted: this server is the first proxy and
    // states the address it saw (adapter-node's ADDRESS_HEADER/XFF_DEPTH decide what that is
    // when the storefront itself runs behind a load balancer).
    if (name.startsWith('x-forwarded-') || name === 'forwarded') continue;
    headers.set(name, value);
  }
  try {
    headers.set('x-forwarded-for', event.getClientAddress());
  } catch {
    // No address available (should not happen under adapter-node).
  }
  // A browser's request from this page's own origin is same-origin; a foreign page's is not.
  const origin = event.request.headers.get('origin');
  if (origin !== null && origin === event.url.origin) headers.set(SAME_ORIGIN.name, SAME_ORIGIN.value);
  headers.set('x-forwarded-host', event.url.host);
  headers.set('x-forwarded-proto', event.url.protocol.replace(':', ''));
  // The API's own compression (if any) is passed through untouched: ask for none, so that
  // Node's fetch does not decode a body whose Content-Encoding header would then lie.
  headers.set('accept-encoding', 'identity');
  return headers;
}

export async function proxyToApi(event: RequestEvent): Promise<Response> {
  const target = `${env.apiUrl}${event.url.pathname}${event.url.search}`;
  const method = event.request.method;
  const hasBody = method !== 'GET' && method !== 'HEAD' && event.request.body !== null;
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method,
      headers: forwardableRequestHeaders(event),
      body: hasBody ? event.request.body : null,
      redirect: 'manual',
      signal: event.request.signal,
      // Required by Node's fetch to send a stream as the body (it is sent as it arrives).
      ...(hasBody ? { duplex: 'half' } : {}),
    } as RequestInit);
  } catch (cause) {
    // The body was larger than the storefront accepts (adapter-node's BODY_SIZE_LIMIT): the
    // visitor's request, not the API, is at fault. Answered like the API's own refusal.
    if (isBodyTooLarge(cause)) {
      return Response.json(
        {
          error: {
            code: 'PAYLOAD_TOO_LARGE',
            message: 'the request body is larger than this server accepts',
            requestId: crypto.randomUUID(),
          },
        },
        { status: 413, headers: { 'cache-control': 'no-store' } },
      );
    }
    console.error(
      JSON.stringify({ msg: 'api proxy: upstream unreachable', target: event.url.pathname, cause: String(cause) }),
    );
    return Response.json(
      {
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: 'the API is not reachable; try again shortly',
          requestId: crypto.randomUUID(),
        },
      },
      { status: 503, headers: { 'retry-after': '5', 'cache-control': 'no-store' } },
    );
  }
  const headers = new Headers();
  for (const [name, value] of upstream.headers) {
    if (HOP_BY_HOP.has(name) || name === 'set-cookie') continue;
    headers.set(name, value);
  }
  // Several Set-Cookie headers must stay several headers (Headers iteration joins other names).
  for (const cookie of upstream.headers.getSetCookie()) headers.append('set-cookie', cookie);
  return new Response(upstream.body, { status: upstream.status, statusText: upstream.statusText, headers });
}

/** SvelteKit's body reader fails with status 413 past BODY_SIZE_LIMIT; fetch wraps that as its cause. */
function isBodyTooLarge(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    if ((current as { status?: unknown }).status === 413) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
