/**
 * A path to send someone back to after signing in or switching language: only a path on this
 * site. Anything else (`https://evil.example`, `//evil.example`, `/\evil.example`, `javascript:`)
 * becomes `fallback`, so a crafted link cannot bounce a person off to another site.
 */
export function safeRedirectPath(value: string | null | undefined, fallback: string): string {
  if (!value || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  const base = 'http://storefront.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  // Never back into the API or SvelteKit internals.
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/_app/')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page, asked to come back here afterwards. */
export function signInUrl(url: URL): string {
  return `/dang-nhap?redirectTo=${encodeURIComponent(url.pathname + url.search)}`;
}
