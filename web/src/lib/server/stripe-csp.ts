// The storefront's CSP (svelte.config.js) lets nothing in from other origins. The card payment
// page is the one exception: Stripe.js is loaded from js.stripe.com (Stripe requires it to be
// loaded from there, never bundled), the Payment Element lives in Stripe's frames, and it talks
// to api.stripe.com. Those sources are added to that page's header only, so no other page can
// run or frame Stripe's code (docs/decisions: the payment pages record).

/** The sources Stripe documents for Stripe.js and the Payment Element (with 3-D Secure). */
const STRIPE_SOURCES: Readonly<Record<string, readonly string[]>> = {
  'script-src': ['https://js.stripe.com', 'https://*.js.stripe.com'],
  'frame-src': ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
  'connect-src': ['https://api.stripe.com'],
  'img-src': ['https://*.stripe.com'],
};

/**
 * `csp` with Stripe's sources added to their directives. A directive the policy does not have
 * yet (frame-src) is added. Other directives, and the nonce SvelteKit put in script-src, are kept
 * as they are.
 */
export function withStripeSources(csp: string): string {
  const directives = csp
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '');
  const seen = new Set<string>();
  const widened = directives.map((directive) => {
    const [name = '', ...values] = directive.split(/\s+/);
    const extra = STRIPE_SOURCES[name.toLowerCase()];
    seen.add(name.toLowerCase());
    if (!extra) return directive;
    const kept = values.filter((v) => v !== "'none'");
    return [name, ...kept, ...extra.filter((source) => !kept.includes(source))].join(' ');
  });
  // A missing directive falls back to default-src, which is 'self' here: kept, plus Stripe.
  for (const [name, sources] of Object.entries(STRIPE_SOURCES)) {
    if (!seen.has(name)) widened.push([name, "'self'", ...sources].join(' '));
  }
  return widened.join('; ');
}
