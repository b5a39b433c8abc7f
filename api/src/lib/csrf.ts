import { createMiddleware } from 'hono/factory';
import { AppError } from '../errors.ts';
import type { AppEnv } from './context.ts';

/** Methods that change nothing (RFC 9110 safe methods): a cross-site one can at most read, and CORS stops that. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type CsrfOptions = {
  /** Origins (scheme://host[:port]) the storefront is served from: PUBLIC_WEB_URL and ORIGIN. */
  allowedOrigins: readonly string[];
  /** The session cookie's name: a request carrying it is what a browser sends on its own. */
  cookieName: string;
};

/** Whether a `Cookie` header carries the named cookie (its value is not looked at). */
function hasCookie(header: string | undefined, name: string): boolean {
  if (!header) return false;
  return header.split(';').some((part) => part.trim().startsWith(`${name}=`));
}

/**
 * Cross-site request forgery: a browser attaches the session cookie to any request to this host,
 * whoever's page made it (SameSite=Lax still lets a sibling subdomain or another port through, and
 * a bodiless or text/plain POST needs no CORS preflight). So a state-changing request that the
 * browser may have sent on its own (it carries the cookie, or names an Origin) must come from the
 * storefront: its `Origin` is one of ours, or the browser itself says `Sec-Fetch-Site: same-origin`.
 * A Bearer token is never attached by a browser on its own, so Bearer requests are not checked.
 * Refused with 403 CSRF before the body is read. See docs/decisions/0021-hardening.md.
 */
export function sameOriginForCookies(options: CsrfOptions) {
  const allowed = new Set(options.allowedOrigins);
  return createMiddleware<AppEnv>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (c.req.header('authorization')?.startsWith('Bearer ')) return next();
    const origin = c.req.header('origin');
    const fetchSite = c.req.header('sec-fetch-site');
    const fromBrowser = hasCookie(c.req.header('cookie'), options.cookieName) || origin !== undefined;
    if (!fromBrowser) return next();
    if (fetchSite === 'same-origin' || (origin !== undefined && allowed.has(origin))) return next();
    throw new AppError('CSRF', {
      message: 'this request must come from the storefront itself (Origin not allowed)',
      details: { origin: origin ?? null, secFetchSite: fetchSite ?? null },
    });
  });
}
