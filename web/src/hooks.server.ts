import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, loadAllMessages, translate } from '$lib/i18n/index.ts';
import { isCardPaymentPath } from '$lib/payments/payment-view.ts';
import { createApi } from '$lib/server/api.ts';
import { compressResponse } from '$lib/server/compression.ts';
import { isApiPath, proxyToApi } from '$lib/server/proxy.ts';
import { lazyMe, readToken } from '$lib/server/session.ts';
import { withStripeSources } from '$lib/server/stripe-csp.ts';

// Every group's words in every language, before the first request (error pages included).
await loadAllMessages();

/**
 * 0. Compression of everything below (pages, __data.json, the API's JSON through the proxy), by the
 * request's Accept-Encoding. Static files never get here: the adapter serves their .br/.gz built
 * by `precompress` (svelte.config.js).
 */
const compression: Handle = async ({ event, resolve }) => compressResponse(event.request, await resolve(event));

/** 1. /api/v1/* and /api/docs belong to the API: forwarded before any page logic runs. */
const proxy: Handle = async ({ event, resolve }) => {
  if (isApiPath(event.url.pathname)) return proxyToApi(event);
  return resolve(event);
};

/** 2. The session: the token from our cookie, an API client carrying it, and `me` on demand. */
const session: Handle = async ({ event, resolve }) => {
  event.locals.token = readToken(event.cookies);
  event.locals.api = createApi(event);
  const getMe = lazyMe(event);
  // A getter, so pages that never ask who is signed in cost no call to the API.
  Object.defineProperty(event.locals, 'me', { get: getMe, enumerable: true, configurable: true });
  return resolve(event);
};

/** 3. The language: the `lang` cookie set by /lang, Vietnamese by default; sets <html lang>. */
const locale: Handle = async ({ event, resolve }) => {
  const chosen = event.cookies.get(LOCALE_COOKIE);
  event.locals.locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale),
  });
};

/** 4. Headers every page carries (the CSP itself comes from svelte.config.js). */
const securityHeaders: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  response.headers.set('x-frame-options', 'DENY');
  // The card payment page alone lets Stripe.js and its frames in (see stripe-csp.ts).
  const csp = response.headers.get('content-security-policy');
  if (csp && isCardPaymentPath(event.url.pathname)) {
    response.headers.set('content-security-policy', withStripeSources(csp));
  }
  // Pages depend on the session cookie and the language cookie.
  if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'private, no-cache');
  response.headers.append('vary', 'Cookie');
  return response;
};

export const handle = sequence(compression, proxy, locale, session, securityHeaders);

/**
 * Unexpected errors: logged with an id the person can quote, answered with a message that
 * reveals nothing about the server. Not-found routes and other client errors arrive here too
 * and are not worth an error log line.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
  const errorId = crypto.randomUUID();
  const lang = event.locals.locale ?? DEFAULT_LOCALE;
  if (status === 404) return { message: translate(lang, 'error.notFound') };
  // Other 4xx (a malformed form post, a wrong method) are the client's doing: no stack trace.
  if (status < 500) return { message: translate(lang, 'error.generic') };
  console.error(
    JSON.stringify({
      level: 'error',
      msg: 'unhandled error',
      errorId,
      status,
      method: event.request.method,
      path: event.url.pathname,
      error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      kitMessage: message,
    }),
  );
  return { message: translate(lang, 'error.generic'), errorId };
};
