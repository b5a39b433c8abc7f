// The only place the storefront reads its environment. Read once, checked, frozen: a wrong value
// stops the server at start-up with a message naming it, instead of failing on the first request.
import { env as raw } from '$env/dynamic/private';

function parseApiUrl(value: string | undefined): string {
  const text = value?.trim() || 'http://127.0.0.1:8787';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`API_URL: "${text}" is not a URL (expected e.g. http://127.0.0.1:8787)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`API_URL: must be http(s), got ${url.protocol}`);
  }
  // Kept without a trailing slash so `${apiUrl}${path}` never doubles it.
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function parseNodeEnv(value: string | undefined): 'development' | 'test' | 'production' {
  const text = value?.trim() || 'development';
  if (text === 'development' || text === 'test' || text === 'production') return text;
  throw new Error(`NODE_ENV: expected development, test or production, got "${text}"`);
}

const nodeEnv = parseNodeEnv(raw.NODE_ENV);

export const env = Object.freeze({
  /** The API the storefront talks to and proxies /api/v1 to. */
  apiUrl: parseApiUrl(raw.API_URL),
  nodeEnv,
  isProduction: nodeEnv === 'production',
});
