import { formatVnPhone } from '@nongsan/vn';
import { error, fail } from '@sveltejs/kit';
import type { Message } from '$lib/i18n/index.ts';
import { toOrderView } from '$lib/orders/order-view.ts';
import { call } from '$lib/server/api.ts';
import { messageFor } from '$lib/server/failures.ts';
import { redirectIfSignedOut, requireSignedIn } from '$lib/server/form.ts';
import { requireMe } from '$lib/server/session.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * Back from Stripe (confirmPayment's return_url): Stripe adds `redirect_status`. It says what the
 * browser saw, not what was paid: the order's own payment state (from Stripe's webhook) is the
 * truth, and this only explains a "still waiting" status in the meantime.
 */
function cardReturnOf(url: URL): 'succeeded' | 'processing' | 'failed' | null {
  if (url.searchParams.get('the') !== '1') return null;
  const status = url.searchParams.get('redirect_status');
  if (status === 'succeeded' || status === 'processing') return status;
  return status ? 'failed' : null;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const me = await requireMe(locals, url);
  const result = await call(() => locals.api.api.v1.orders[':orderId'].$get({ param: { orderId: params.orderId } }));
  if (!result.ok) {
    const { failure } = result;
    redirectIfSignedOut(failure, url);
    // Someone else's order is 404 at the API, exactly like one that does not exist.
    if (failure.code === 'NOT_FOUND' || failure.code === 'VALIDATION_FAILED')
      error(404, { message: 'order not found' });
    error(failure.status >= 500 || failure.code === 'NETWORK' ? 503 : 500, { message: 'order unavailable' });
  }
  const order = toOrderView(result.data);
  return {
    order: {
      ...order,
      // Phones as people write them (0912 345 678).
      fulfilments: order.fulfilments.map((f) => ({
        ...f,
        delivery: {
          ...f.delivery,
          address: f.delivery.address
            ? { ...f.delivery.address, phone: formatVnPhone(f.delivery.address.phone) ?? f.delivery.address.phone }
            : null,
        },
      })),
    },
    // A seller's team may open the order too (it sees its own part); only the buyer cancels it.
    isBuyer: order.buyer.phone === me.user.phone,
    justPlaced: url.searchParams.get('moi') === '1',
    cardReturn: cardReturnOf(url),
  };
};

export const actions = {
  /** Cancels every part not yet shipped; their stock returns. */
  cancel: async ({ locals, params, url }) => {
    requireSignedIn({ locals, url });
    const result = await call(() =>
      locals.api.api.v1.orders[':orderId'].cancel.$post({ param: { orderId: params.orderId } }),
    );
    if (!result.ok) {
      const { failure } = result;
      redirectIfSignedOut(failure, url);
      if (failure.code === 'NOT_FOUND') error(404, { message: 'order not found' });
      const message: Message =
        failure.code === 'INVALID_TRANSITION' ? { key: 'orders.cannotCancel' } : messageFor(failure);
      return fail(failure.status, { cancelled: false, message });
    }
    const done: { cancelled: boolean; message: Message } = { cancelled: true, message: { key: 'orders.cancelled' } };
    return done;
  },
} satisfies Actions;
