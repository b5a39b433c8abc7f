// Card payment in the browser tests, without the network: what stands in for Stripe's two
// origins. The API's side is tests/e2e/stripe-server.ts (api.stripe.com for the stripe SDK);
// the browser's side is below, served by the test in place of https://js.stripe.com/v3.

/** What the e2e API checks Stripe's webhooks against; the test signs its deliveries with it. */
export const STRIPE_WEBHOOK_SECRET = 'whsec_e2e_stand_in';

/**
 * A stand-in for Stripe.js with the parts of its API the card page uses (web/src/lib/payments/
 * stripe-js.ts): `Stripe(key, { locale })`, `elements({ clientSecret })`, a Payment Element that
 * mounts a card field into the page's box and reports `change` with `complete` once 16 digits are
 * typed, and `confirmPayment`, which posts to api.stripe.com's confirm endpoint (answered by the
 * test) and, on success, takes the browser to `return_url` as Stripe does, or resolves with the
 * error Stripe answered. What the page called it with is kept on `window.stripeStandIn`.
 */
export const STRIPE_JS_STAND_IN = `
window.Stripe = function (publishableKey, options) {
  const seen = (window.stripeStandIn = { publishableKey, locale: options && options.locale, mounted: 0 });
  let clientSecret = '';
  return {
    elements(elementOptions) {
      clientSecret = elementOptions.clientSecret;
      seen.clientSecret = clientSecret;
      return {
        create(type) {
          seen.type = type;
          const handlers = { ready: [], change: [] };
          return {
            mount(target) {
              const field = document.createElement('input');
              field.setAttribute('aria-label', 'Card number');
              field.inputMode = 'numeric';
              field.addEventListener('input', () => {
                const complete = field.value.replace(/\\s/g, '').length === 16;
                for (const handler of handlers.change) handler({ complete });
              });
              target.append(field);
              seen.mounted += 1;
              for (const handler of handlers.ready) handler({});
            },
            on(name, handler) {
              handlers[name].push(handler);
            },
            destroy() {},
          };
        },
      };
    },
    async confirmPayment(confirmOptions) {
      const id = clientSecret.split('_secret_')[0];
      const returnUrl = confirmOptions.confirmParams.return_url;
      const res = await fetch('https://api.stripe.com/v1/payment_intents/' + id + '/confirm', {
        method: 'POST',
        headers: { authorization: 'Bearer ' + publishableKey },
        body: new URLSearchParams({ client_secret: clientSecret, return_url: returnUrl }),
      });
      const body = await res.json();
      if (body.error) return { error: body.error };
      const next = new URL(returnUrl);
      next.searchParams.set('payment_intent', id);
      next.searchParams.set('payment_intent_client_secret', clientSecret);
      next.searchParams.set('redirect_status', 'succeeded');
      window.location.assign(next.href);
      return new Promise(() => {});
    },
  };
};
`;
