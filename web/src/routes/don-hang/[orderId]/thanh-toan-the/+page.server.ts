import { error, redirect } from '@sveltejs/kit';
import { call } from '$lib/server/api.ts';
import { redirectIfSignedOut } from '$lib/server/form.ts';
import { requireMe } from '$lib/server/session.ts';
import type { PageServerLoad } from './$types';

/**
 * The card payment of one order: the buyer's own, paid by card and still unpaid. Anything else
 * goes back to the order page (already paid, cancelled, another way to pay), and someone else's
 * order is 404 as at the API. The attempt is started (or resumed: the API answers the same
 * attempt's client secret again) on every visit, so a reload or a second tab is safe.
 */
export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
  // The page carries the attempt's client secret: never kept by a browser or proxy cache.
  setHeaders({ 'cache-control': 'no-store' });
  const me = await requireMe(locals, url);
  const orderPath = `/don-hang/${encodeURIComponent(params.orderId)}`;
  const found = await call(() => locals.api.api.v1.orders[':orderId'].$get({ param: { orderId: params.orderId } }));
  if (!found.ok) {
    const { failure } = found;
    redirectIfSignedOut(failure, url);
    if (failure.code === 'NOT_FOUND' || failure.code === 'VALIDATION_FAILED')
      error(404, { message: 'order not found' });
    error(failure.status >= 500 || failure.code === 'NETWORK' ? 503 : 500, { message: 'order unavailable' });
  }
  const order = found.data;
  // A seller of the order can read it, but only the buyer pays for it.
  if (order.buyer.phone !== me.user.phone) error(404, { message: 'order not found' });
  if (order.payment.method !== 'stripe' || order.payment.status !== 'pending' || order.payment.flagged) {
    redirect(303, orderPath);
  }

  const started = await call(() =>
    locals.api.api.v1.orders[':orderId'].payment.stripe.$post({ param: { orderId: params.orderId } }),
  );
  if (!started.ok) redirectIfSignedOut(started.failure, url);
  // Paid or cancelled between the two calls: the order page says which.
  if (!started.ok && (started.failure.code === 'INVALID_TRANSITION' || started.failure.code === 'CONFLICT')) {
    redirect(303, orderPath);
  }
  return {
    order: {
      id: order.id,
      code: order.code,
      totalVnd: order.totals.totalVnd,
      deadlineAt: order.payment.deadlineAt,
    },
    // Stripe cannot be reached from the API right now: the page says so and offers to try again.
    stripe: started.ok
      ? { clientSecret: started.data.clientSecret, publishableKey: started.data.publishableKey }
      : null,
    // Where Stripe sends the browser back after confirming (3-D Secure, bank redirects): the order
    // page, which shows the payment state the webhook has recorded.
    returnUrl: `${url.origin}${orderPath}?the=1`,
  };
};
