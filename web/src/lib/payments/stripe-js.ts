// Stripe.js on the card payment page only: a script tag added when the page mounts (Stripe
// requires the script from js.stripe.com, never bundled or self-hosted), and the few parts of its
// API the page uses, typed here rather than pulling in a package for types.

export const STRIPE_JS_URL = 'https://js.stripe.com/v3';

export type StripeError = { type: string; code?: string; message?: string };

export type StripePaymentElement = {
  mount(target: HTMLElement): void;
  on(event: 'ready' | 'change', handler: (event: { complete?: boolean }) => void): void;
  destroy(): void;
};

export type StripeElements = {
  create(type: 'payment', options?: { layout?: 'tabs' | 'accordion' }): StripePaymentElement;
};

export type StripeInstance = {
  elements(options: {
    clientSecret: string;
    appearance?: { theme?: 'stripe' | 'flat'; variables?: Record<string, string> };
  }): StripeElements;
  confirmPayment(options: {
    elements: StripeElements;
    confirmParams: { return_url: string };
  }): Promise<{ error?: StripeError }>;
};

export type StripeFactory = (publishableKey: string, options?: { locale?: string }) => StripeInstance;

type WindowWithStripe = Window & { Stripe?: StripeFactory };

/**
 * Adds the Stripe.js script tag (once) and resolves with `window.Stripe` when it has run.
 * Rejects when the script cannot be fetched (offline, blocked); a later call tries again with a
 * fresh tag, since a failed tag never loads.
 */
export function loadStripeJs(doc: Document = document): Promise<StripeFactory> {
  const win = doc.defaultView as WindowWithStripe | null;
  if (win?.Stripe) return Promise.resolve(win.Stripe);
  return new Promise((resolve, reject) => {
    for (const stale of doc.querySelectorAll<HTMLScriptElement>('script[data-stripe-js="failed"]')) stale.remove();
    let script = doc.querySelector<HTMLScriptElement>('script[data-stripe-js]');
    if (!script) {
      script = doc.createElement('script');
      script.src = STRIPE_JS_URL;
      script.async = true;
      script.dataset.stripeJs = 'loading';
      doc.head.append(script);
    }
    const tag = script;
    tag.addEventListener('load', () => {
      const factory = (doc.defaultView as WindowWithStripe | null)?.Stripe;
      if (factory) {
        tag.dataset.stripeJs = 'loaded';
        resolve(factory);
      } else {
        tag.dataset.stripeJs = 'failed';
        reject(new Error('Stripe.js loaded but did not define Stripe'));
      }
    });
    tag.addEventListener('error', () => {
      tag.dataset.stripeJs = 'failed';
      reject(new Error('Stripe.js could not be loaded'));
    });
  });
}
