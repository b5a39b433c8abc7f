// The storefront's session: the API token kept in the storefront's own HttpOnly cookie. The name
// is the API's cookie name on purpose: the same origin serves /api/v1 (proxied), so browser code
// calling the API there is signed in by the same cookie, and signing out clears both.
import type { Me } from '@nongsan/contracts';
import { type Cookies, error, type RequestEvent, redirect } from '@sveltejs/kit';
import { call } from './api.ts';
import { env } from './env.ts';
import { signInUrl } from './redirect.ts';

export const SESSION_COOKIE = 'ns_session';

// Tokens are short base64url strings; anything else is not worth a round trip to the API.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export function readToken(cookies: Cookies): string | null {
  const value = cookies.get(SESSION_COOKIE);
  return value && TOKEN_SHAPE.test(value) ? value : null;
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: string): void {
  const expires = new Date(expiresAt);
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: env.isProduction,
    ...(Number.isNaN(expires.getTime()) ? {} : { expires }),
  });
}

export function clearSessionCookie(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: env.isProduction });
}

/**
 * Who is signed in, asked of the API at most once per request and only when a page needs it.
 * A token the API no longer accepts (expired, revoked) clears the cookie. A failure to reach the
 * API is thrown: it is not the same as being signed out, and must not sign anyone out.
 */
export function lazyMe(event: Pick<RequestEvent, 'locals' | 'cookies'>): () => Promise<Me | null> {
  let pending: Promise<Me | null> | null = null;
  return () => {
    pending ??= (async () => {
      if (!event.locals.token) return null;
      const result = await call(() => event.locals.api.api.v1.me.$get());
      if (result.ok) return result.data;
      if (result.failure.code === 'UNAUTHENTICATED') {
        event.locals.token = null;
        clearSessionCookie(event.cookies);
        return null;
      }
      const { code, message } = result.failure;
      if (code === 'NETWORK' || code === 'SERVICE_UNAVAILABLE') throw new ApiUnavailableError(message);
      throw new Error(`GET /me failed: ${code} ${message}`);
    })();
    return pending;
  };
}

/** The API could not be asked who is signed in; not the same as being signed out. */
export class ApiUnavailableError extends Error {
  override name = 'ApiUnavailableError';
}

/**
 * For pages that need a signed-in person: who it is, or a redirect to sign in (and back here
 * afterwards). When the API cannot be reached the page answers 503, "try again shortly",
 * rather than sending a signed-in person to the sign-in page.
 */
export async function requireMe(locals: App.Locals, url: URL): Promise<Me> {
  let me: Me | null;
  try {
    me = await locals.me;
  } catch (cause) {
    if (cause instanceof ApiUnavailableError) error(503, { message: 'the API is unavailable' });
    throw cause;
  }
  if (!me) redirect(303, signInUrl(url));
  return me;
}
