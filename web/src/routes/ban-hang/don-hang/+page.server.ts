import type { FulfilmentStatus } from '@nongsan/contracts';
import { formatVnPhone } from '@nongsan/vn';
import { error, fail, redirect } from '@sveltejs/kit';
import type { Message } from '$lib/i18n/index.ts';
import { nextSellerAction, timelineOf } from '$lib/orders/timeline.ts';
import { type ApiFailure, call } from '$lib/server/api.ts';
import { messageFor } from '$lib/server/failures.ts';
import { textOf } from '$lib/server/form-values.ts';
import { signInUrl } from '$lib/server/redirect.ts';
import { chooseSeller, writableSellers } from '$lib/server/sellers.ts';
import { requireMe } from '$lib/server/session.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const PER_PAGE = 20;

/** The status filters, with Vietnamese slugs in the address like the rest of the storefront. */
const STATUS_FILTERS = {
  'cho-xac-nhan': 'awaiting_confirmation',
  'da-xac-nhan': 'confirmed',
  'dang-giao': 'shipped',
  'da-giao': 'delivered',
  'da-huy': 'cancelled',
} as const satisfies Record<string, FulfilmentStatus>;
type FilterSlug = keyof typeof STATUS_FILTERS;

function isFilterSlug(value: string | null): value is FilterSlug {
  return value !== null && Object.hasOwn(STATUS_FILTERS, value);
}

export const load: PageServerLoad = async ({ locals, url }) => {
  const me = await requireMe(locals, url);
  const sellers = writableSellers(me);
  if (sellers.length === 0) redirect(303, '/ban-hang/dang-ky');
  const seller = chooseSeller(sellers, url.searchParams.get('sellerId'));
  if (!seller) redirect(303, '/ban-hang/dang-ky');
  const slug = url.searchParams.get('trangThai');
  const filter = isFilterSlug(slug) ? slug : null;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get('trang') ?? '1', 10) || 1));

  const result = await call(() =>
    locals.api.api.v1.seller.orders.$get({
      query: {
        sellerId: seller.sellerId,
        ...(filter ? { status: STATUS_FILTERS[filter] } : {}),
        page: String(page),
        perPage: String(PER_PAGE),
      },
    }),
  );
  if (!result.ok) {
    if (result.failure.code === 'UNAUTHENTICATED') redirect(303, signInUrl(url));
    error(result.failure.status >= 500 || result.failure.code === 'NETWORK' ? 503 : 500, {
      message: 'orders unavailable',
    });
  }
  const { fulfilments, total } = result.data;
  return {
    sellers,
    seller,
    filter,
    page,
    hasMore: page * PER_PAGE < total,
    fulfilments: fulfilments.map((f) => ({
      ...f,
      timeline: timelineOf({ ...f, createdAt: f.order.createdAt, isPaidOnline: f.order.payment.method !== 'cod' }),
      next: nextSellerAction(f.status),
      // Written the way people say them (0912 345 678); the tel: links keep the E.164 form.
      phones: {
        buyer: formatVnPhone(f.order.buyer.phone) ?? f.order.buyer.phone,
        recipient: f.delivery.address ? (formatVnPhone(f.delivery.address.phone) ?? f.delivery.address.phone) : null,
      },
    })),
  };
};

const ACTIONS = ['confirm', 'ship', 'deliver', 'cancel'] as const;
type SellerAction = (typeof ACTIONS)[number];

/** What each small form answers: shown on the card it came from. */
type MoveResult = { fulfilmentId: string; ok: boolean; message: Message };

function moveFailure(event: RequestEvent, fulfilmentId: string, failure: ApiFailure) {
  if (failure.code === 'UNAUTHENTICATED') redirect(303, signInUrl(event.url));
  const message: Message =
    failure.code === 'INVALID_TRANSITION'
      ? { key: 'sellerOrders.errTransition' }
      : failure.code === 'NOT_FOUND'
        ? { key: 'sellerOrders.errGone' }
        : messageFor(failure);
  const refused: MoveResult = { fulfilmentId, ok: false, message };
  return fail(failure.status, refused);
}

export const actions = {
  /** One tap: confirm, ship, delivered, or cancel (before shipping) one seller's part of an order. */
  move: async (event) => {
    if (!event.locals.token) redirect(303, signInUrl(event.url));
    const form = await event.request.formData();
    const fulfilmentId = textOf(form, 'fulfilmentId');
    const action = textOf(form, 'action') as SellerAction;
    if (!fulfilmentId || !ACTIONS.includes(action)) {
      const invalid: MoveResult = { fulfilmentId, ok: false, message: { key: 'err.invalid' } };
      return fail(422, invalid);
    }
    const route = event.locals.api.api.v1.fulfilments[':fulfilmentId'];
    const param = { param: { fulfilmentId } };
    const result = await call(() => {
      switch (action) {
        case 'confirm':
          return route.confirm.$post(param);
        case 'ship':
          return route.ship.$post(param);
        case 'deliver':
          return route.deliver.$post(param);
        case 'cancel':
          return route.cancel.$post(param);
      }
    });
    if (!result.ok) return moveFailure(event, fulfilmentId, result.failure);
    const moved: MoveResult = {
      fulfilmentId,
      ok: true,
      message: { key: `sellerOrders.moved.${action}`, params: { code: result.data.order.code } },
    };
    return moved;
  },
} satisfies Actions;
