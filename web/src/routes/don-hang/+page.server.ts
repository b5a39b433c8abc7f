import { error } from '@sveltejs/kit';
import { toOrderView } from '$lib/orders/order-view.ts';
import { call } from '$lib/server/api.ts';
import { redirectIfSignedOut } from '$lib/server/form.ts';
import { writableSellers } from '$lib/server/sellers.ts';
import { requireMe } from '$lib/server/session.ts';
import type { PageServerLoad } from './$types';

const PER_PAGE = 10;

export const load: PageServerLoad = async ({ locals, url }) => {
  const me = await requireMe(locals, url);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get('trang') ?? '1', 10) || 1));
  const result = await call(() =>
    locals.api.api.v1.orders.$get({ query: { page: String(page), perPage: String(PER_PAGE) } }),
  );
  if (!result.ok) {
    redirectIfSignedOut(result.failure, url);
    error(result.failure.status >= 500 || result.failure.code === 'NETWORK' ? 503 : 500, {
      message: 'orders unavailable',
    });
  }
  const { orders, total } = result.data;
  return {
    orders: orders.map(toOrderView),
    page,
    hasMore: page * PER_PAGE < total,
    // People who sell also have orders to handle: a way there from their own orders.
    sellsSomething: writableSellers(me).length > 0,
  };
};
